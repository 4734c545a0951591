"""Verdict rules: of a scenario, of a requirement and of the run, and the resumo.json that carries them."""

from __future__ import annotations

import pytest

from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    APROVADO,
    NAO_SE_APLICA,
    REPROVADO,
    da_execucao,
    do_cenario,
    do_requisito,
)
from tramita_homologacao.evidencia.resumo import montar_resumo
from tramita_homologacao.orgao.registro import RegistroDeExecucao, ResultadoDeCenario


@pytest.mark.parametrize(
    ("passou", "pulado", "nao_se_aplica", "esperado"),
    [
        (True, False, False, APROVADO),
        (False, False, False, REPROVADO),
        (False, True, False, AGUARDANDO),
        (False, True, True, NAO_SE_APLICA),
        (False, False, True, REPROVADO),  # a scenario that ran and failed is failed, whatever its tags
    ],
)
def test_veredito_do_cenario(passou, pulado, nao_se_aplica, esperado):
    assert do_cenario(passou=passou, pulado=pulado, nao_se_aplica=nao_se_aplica) == esperado


@pytest.mark.parametrize(
    ("cenarios", "esperado"),
    [
        ([APROVADO], APROVADO),
        ([APROVADO, APROVADO], APROVADO),
        ([APROVADO, NAO_SE_APLICA], APROVADO),
        ([APROVADO, REPROVADO], REPROVADO),
        ([REPROVADO, APROVADO], REPROVADO),
        ([REPROVADO, AGUARDANDO], REPROVADO),
        ([REPROVADO, NAO_SE_APLICA], REPROVADO),
        ([APROVADO, AGUARDANDO], AGUARDANDO),
        ([AGUARDANDO], AGUARDANDO),
        ([AGUARDANDO, NAO_SE_APLICA], AGUARDANDO),
        ([NAO_SE_APLICA], NAO_SE_APLICA),
        ([NAO_SE_APLICA, NAO_SE_APLICA], NAO_SE_APLICA),
        ([], AGUARDANDO),
    ],
)
def test_veredito_do_requisito(cenarios, esperado):
    assert do_requisito(cenarios) == esperado
    assert do_requisito(iter(cenarios)) == esperado


@pytest.mark.parametrize(
    ("requisitos", "aprovado"),
    [
        ([APROVADO] * 4, True),
        ([APROVADO], True),
        ([APROVADO, APROVADO, APROVADO, REPROVADO], False),
        ([APROVADO, APROVADO, AGUARDANDO, APROVADO], False),
        ([APROVADO, NAO_SE_APLICA], False),
        ([], False),
    ],
)
def test_veredito_da_execucao(requisitos, aprovado):
    assert da_execucao(requisitos) is aprovado
    assert da_execucao(iter(requisitos)) is aprovado


def _resumo(resultados: list[tuple[str, str, str]]) -> dict:
    registro = RegistroDeExecucao()
    for cenario, requisito, veredito in resultados:
        registro.concluir_cenario(ResultadoDeCenario(cenario, (requisito,), veredito), julgado=True)
    ambiente = carregar_ambiente("local")
    return montar_resumo(registro, ambiente, "http://127.0.0.1:1/interoperabilidade/rest/v3/", None)


CENARIOS_APROVADOS = [
    ("Envio", "envio", APROVADO),
    ("Recebimento", "recebimento", APROVADO),
    ("Recusa", "recusa", APROVADO),
    ("Recusa longa", "recusa", APROVADO),
    ("Cancelamento", "cancelamento", APROVADO),
]


def _vereditos(resumo: dict) -> dict[str, str]:
    return {r["id"]: r["veredito"] for r in resumo["requisitos"]}


def test_resumo_aprovado_quando_todos_os_requisitos_sao_aprovados():
    resumo = _resumo(CENARIOS_APROVADOS)
    assert _vereditos(resumo) == dict.fromkeys(("envio", "recebimento", "recusa", "cancelamento"), APROVADO)
    assert resumo["aprovado"] is True


def test_um_cenario_reprovado_reprova_o_requisito_e_a_execucao():
    resumo = _resumo([*CENARIOS_APROVADOS[:3], ("Recusa longa", "recusa", REPROVADO), CENARIOS_APROVADOS[4]])
    assert _vereditos(resumo)["recusa"] == REPROVADO
    assert [c["veredito"] for r in resumo["requisitos"] if r["id"] == "recusa" for c in r["cenarios"]] == [
        APROVADO,
        REPROVADO,
    ]
    assert resumo["aprovado"] is False


def test_requisito_aguardando_ou_nao_executado_impede_a_aprovacao():
    aguardando = _resumo([*CENARIOS_APROVADOS[:1], ("Recebimento", "recebimento", AGUARDANDO), *CENARIOS_APROVADOS[2:]])
    assert _vereditos(aguardando)["recebimento"] == AGUARDANDO and aguardando["aprovado"] is False
    sem_cancelamento = _resumo(CENARIOS_APROVADOS[:4])
    assert _vereditos(sem_cancelamento)["cancelamento"] == AGUARDANDO and sem_cancelamento["aprovado"] is False


def test_cenario_que_nao_se_aplica_ao_ambiente_nao_impede_o_requisito():
    resumo = _resumo([*CENARIOS_APROVADOS[:3], ("Recusa longa", "recusa", NAO_SE_APLICA), CENARIOS_APROVADOS[4]])
    assert _vereditos(resumo)["recusa"] == APROVADO and resumo["aprovado"] is True
