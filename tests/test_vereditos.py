"""Verdict rules: of a scenario, of a requirement and of the campaign, and the resumo.json that carries them."""

from __future__ import annotations

import pytest

from tests.apoio.comprovados import registrar_tramite_comprovado
from tramita_homologacao.cliente.erros import (
    ErroDaApi,
    ErroDeConexao,
    ErroDeTls,
    RespostaIncoerente,
    RespostaInesperada,
)
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo, NaoSeAplica, desfecho
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    APROVADO,
    INCONCLUSIVO,
    NAO_EXECUTADO,
    NAO_SE_APLICA,
    REPROVADO,
    da_execucao,
    do_requisito,
)
from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.evidencia.resumo import montar_resumo
from tramita_homologacao.orgao.registro import RegistroDeExecucao, ResultadoDeCenario


def _api(status: int) -> ErroDaApi:
    return ErroDaApi("Cancelamento de trâmite", status, None, "indisponível", "")


@pytest.mark.parametrize(
    ("erro", "esperado"),
    [
        (None, APROVADO),
        (AssertionError("hashes não conferem"), REPROVADO),
        (RespostaIncoerente("Consulta de trâmites", "pedido o IDT 1, veio o 2", idt=1), REPROVADO),
        (_api(409), REPROVADO),  # the platform refused the operation: an answer, not a fault
        (_api(502), AGUARDANDO),
        (_api(503), AGUARDANDO),
        (_api(504), AGUARDANDO),
        (_api(429), AGUARDANDO),
        (ErroDeConexao("https://x/", "tempo de conexão esgotado"), AGUARDANDO),
        (ErroDeTls("https://x/", "o servidor recusou o certificado"), AGUARDANDO),
        (RespostaInesperada("Consulta de trâmites", "corpo não é JSON"), AGUARDANDO),
        (Aguardando("a contraparte ainda não agiu"), AGUARDANDO),
        (Inconclusivo("o destinatário começou a receber"), INCONCLUSIVO),
        (NaoSeAplica("só em simulador"), NAO_SE_APLICA),
        (KeyError("bug do harness"), INCONCLUSIVO),  # a defect of the harness never judges the organ
    ],
)
def test_desfecho_do_cenario(erro, esperado):
    assert desfecho(erro).veredito == esperado


def test_desfechos_sem_julgamento_nao_sao_o_pulo_do_pytest():
    """A test expecting an error must not turn into a skip when the code raises one of these."""
    for classe in (Aguardando, Inconclusivo, NaoSeAplica):
        assert not issubclass(classe, pytest.skip.Exception)
        assert not issubclass(classe, AssertionError)


def test_falha_transitoria_diz_que_nao_e_falha_do_orgao():
    mensagem = desfecho(_api(503)).mensagem
    assert "não é falha do órgão" in mensagem and "HTTP 503" in mensagem
    assert "a próxima execução continua de onde esta parou" in mensagem


def test_cada_desfecho_leva_a_sua_explicacao():
    assert desfecho(None).mensagem == ""
    assert desfecho(Aguardando("a contraparte ainda não agiu")).mensagem == "a contraparte ainda não agiu"
    assert desfecho(AssertionError("hashes não conferem")).mensagem == "hashes não conferem"
    defeito = desfecho(KeyError("chave")).mensagem
    assert defeito.startswith("Defeito do harness, não é falha do órgão (KeyError: 'chave')")
    assert "informe a quem mantém o harness" in defeito


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
        ([INCONCLUSIVO], INCONCLUSIVO),
        ([APROVADO, INCONCLUSIVO], INCONCLUSIVO),
        ([AGUARDANDO, INCONCLUSIVO], AGUARDANDO),
        ([REPROVADO, INCONCLUSIVO], REPROVADO),
        ([], NAO_EXECUTADO),
        ([APROVADO, "aprovad0"], AGUARDANDO),  # a verdict the rule does not know (an edited ledger) never approves
        ([APROVADO, NAO_EXECUTADO], AGUARDANDO),
    ],
)
def test_veredito_do_requisito(cenarios, esperado):
    assert do_requisito(cenarios) == esperado
    assert do_requisito(iter(cenarios)) == esperado


@pytest.mark.parametrize(
    ("requisitos", "aprovado"),
    [
        ([(APROVADO, True)] * 4, True),
        ([(APROVADO, True)], True),
        ([(APROVADO, True), (APROVADO, True), (APROVADO, True), (REPROVADO, True)], False),
        ([(APROVADO, True), (AGUARDANDO, True), (APROVADO, False)], False),
        ([(APROVADO, True), (NAO_SE_APLICA, True)], False),
        ([(APROVADO, True), (NAO_EXECUTADO, False)], False),
        # Inconclusive is accepted only for a requirement PEN does not publish (the cancelamento race).
        ([(APROVADO, True), (INCONCLUSIVO, False)], True),
        ([(APROVADO, True), (INCONCLUSIVO, True)], False),
        ([(APROVADO, True), (REPROVADO, False)], False),
        ([], False),
    ],
)
def test_veredito_da_campanha(requisitos, aprovado):
    assert da_execucao(requisitos) is aprovado
    assert da_execucao(iter(requisitos)) is aprovado


def _resumo(resultados: list[tuple[str, str, str]]) -> dict:
    registro = RegistroDeExecucao()
    for numero, (cenario, requisito, veredito) in enumerate(resultados):
        if veredito == APROVADO:
            registrar_tramite_comprovado(registro, requisito, cenario, 7000 + numero)
        registro.concluir_cenario(ResultadoDeCenario(cenario, (requisito,), veredito), julgado=True)
    ambiente = carregar_ambiente("local")
    resumo = montar_resumo(registro.livro, ambiente, "http://127.0.0.1:1/interoperabilidade/rest/v3/")
    return resumo.model_dump(mode="json")  # as resumo.json has it


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
    assert _vereditos(resumo) == dict.fromkeys((r.id for r in REQUISITOS), APROVADO)
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
    assert _vereditos(sem_cancelamento)["cancelamento"] == NAO_EXECUTADO and sem_cancelamento["aprovado"] is False


def test_cenario_que_nao_se_aplica_ao_ambiente_nao_impede_o_requisito():
    resumo = _resumo([*CENARIOS_APROVADOS[:3], ("Recusa longa", "recusa", NAO_SE_APLICA), CENARIOS_APROVADOS[4]])
    assert _vereditos(resumo)["recusa"] == APROVADO and resumo["aprovado"] is True


def test_o_ultimo_veredito_de_cada_cenario_vale_e_o_aprovado_antes_permanece():
    """Monday approves envio; Tuesday's run only does recebimento: envio stays approved in the campaign."""
    resumo = _resumo(
        [
            ("Envio", "envio", AGUARDANDO),
            ("Envio", "envio", APROVADO),
            ("Recebimento", "recebimento", AGUARDANDO),
        ]
    )
    assert _vereditos(resumo) == {
        "envio": APROVADO,
        "recebimento": AGUARDANDO,
        "recusa": NAO_EXECUTADO,
        "cancelamento": NAO_EXECUTADO,
    }
    envio = next(r for r in resumo["requisitos"] if r["id"] == "envio")
    assert [c["veredito"] for c in envio["cenarios"]] == [APROVADO] and envio["julgado_em"]


def test_cancelamento_inconclusivo_nao_impede_a_campanha_mas_aparece_com_o_motivo():
    resumo = _resumo([*CENARIOS_APROVADOS[:4]])
    registro_inconclusivo = _resumo([*CENARIOS_APROVADOS[:4], ("Cancelamento", "cancelamento", INCONCLUSIVO)])
    assert resumo["aprovado"] is False and registro_inconclusivo["aprovado"] is True
    assert _vereditos(registro_inconclusivo)["cancelamento"] == INCONCLUSIVO


@pytest.mark.parametrize(
    ("aprovadas", "situacao"),
    [((True, True), "comprovada"), ((True, False), "violada"), ((False, True), "violada"), ((False, False), "violada")],
)
def test_uma_verificacao_que_falhou_basta_para_violar_a_clausula(aprovadas, situacao):
    """Two different checks of one clause on one trâmite: any failure breaks it, whichever ran last."""
    registro = RegistroDeExecucao()
    id_ = registro.registrar_intencao("envio", "Envio", "remetente", "00000.000001/2026-01", ())
    registro.vincular(id_, 5001, "0000000000005001", "enviado")
    for numero, aprovada in enumerate(aprovadas):
        verificacao = Verificacao("historico_em_ordem", 5001, f"Histórico {numero}", [1], [1], aprovada, "histórico")
        registro.livro.registrar_verificacao("envio", "Envio", 5001, verificacao.como_json())
    veredito = AGUARDANDO if all(aprovadas) else REPROVADO  # one clause proven does not approve envio
    registro.concluir_cenario(ResultadoDeCenario("Envio", ("envio",), veredito), julgado=True)
    resumo = montar_resumo(registro.livro, carregar_ambiente("local"), "http://127.0.0.1:1/interoperabilidade/rest/v3/")
    [envio] = [r for r in resumo.model_dump(mode="json")["requisitos"] if r["id"] == "envio"]
    clausulas = {c["id"]: c for c in envio["clausulas"]}
    assert clausulas["historico_em_ordem"]["situacao"] == situacao
    assert clausulas["historico_em_ordem"]["verificacoes"] == 2
    assert "resposta_coerente" not in clausulas  # a general clause is listed only once a check of it ran
