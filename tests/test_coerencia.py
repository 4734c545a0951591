"""A verdict is recomputed from its checks on every reading: an edited resumo.json or ledger never renders as
`aprovado`, and the error says what contradicts what."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.apoio.ambientes import executar_cli
from tests.apoio.comprovados import registrar_tramite_comprovado
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.vereditos import APROVADO, REPROVADO
from tramita_homologacao.evidencia.coerencia import ResumoIncoerente
from tramita_homologacao.evidencia.resumo import ler_resumo, montar_resumo
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao, ResultadoDeCenario


def _requisito(resumo: dict, id_: str) -> dict:
    return next(r for r in resumo["requisitos"] if r["id"] == id_)


def _tramite(resumo: dict, id_: str) -> dict:
    return _requisito(resumo, id_)["tramites"][0]


def _reprovar_uma_verificacao(resumo: dict) -> None:
    _tramite(resumo, "envio")["verificacoes"][0]["aprovada"] = False


def _mudar_a_situacao_final(resumo: dict) -> None:
    _tramite(resumo, "envio")["situacao_final"] = 9


def _recibo_de_outro_tramite(resumo: dict) -> None:
    outro = _tramite(resumo, "cancelamento")
    recibo = _tramite(resumo, "envio")["recibos"][-1]
    recibo["idt"], recibo["nre"] = outro["idt"], outro["nre"]


def _recibo_copiado_inteiro(resumo: dict) -> None:
    """The recibo of the envio, copied with everything into another trâmite that reached 6 (recebimento)."""
    alvo = _tramite(resumo, "recebimento")
    alvo["recibos"] = _tramite(resumo, "envio")["recibos"]
    for verificacao in alvo["verificacoes"]:
        if verificacao["clausula"] == "situacao_final":
            verificacao["clausula"], verificacao["nome"] = "assinatura_do_recibo", "Assinatura"


def _sem_um_requisito(resumo: dict) -> None:
    resumo["requisitos"] = [r for r in resumo["requisitos"] if r["id"] != "recusa"]


def _cenario_reprovado(resumo: dict) -> None:
    _requisito(resumo, "recusa")["cenarios"][0]["veredito"] = REPROVADO


def _sem_verificacoes(resumo: dict) -> None:
    for tramite in _requisito(resumo, "envio")["tramites"]:
        tramite["verificacoes"] = []


def _sem_verificacoes_nem_clausulas(resumo: dict) -> None:
    _sem_verificacoes(resumo)
    for clausula in _requisito(resumo, "envio")["clausulas"]:
        clausula["situacao"], clausula["verificacoes"] = "não verificada", 0


def _campanha_reprovada_dita_aprovada(resumo: dict) -> None:
    _requisito(resumo, "cancelamento")["veredito"] = REPROVADO
    _requisito(resumo, "cancelamento")["cenarios"][0]["veredito"] = REPROVADO


EDICOES: dict[str, tuple[Callable[[dict], None], str]] = {
    "verificacao-reprovada": (_reprovar_uma_verificacao, "registrada como 'comprovada'"),
    "situacao-final": (_mudar_a_situacao_final, "mas o trâmite está na situação 9"),
    "recibo-de-outro-tramite": (_recibo_de_outro_tramite, "diz ser do trâmite, mas traz IDT"),
    "recibo-copiado-inteiro": (_recibo_copiado_inteiro, "conferido contra outro trâmite"),
    "requisito-removido": (_sem_um_requisito, "não são os desta versão"),
    "cenario-reprovado": (_cenario_reprovado, "registrado como 'aprovado', mas seus cenários dão 'reprovado'"),
    "verificacoes-apagadas": (_sem_verificacoes, "mas as verificações dão 'não verificada'"),
    "verificacoes-e-clausulas-apagadas": (_sem_verificacoes_nem_clausulas, "aprovado sem a cláusula"),
    "campanha-reprovada-dita-aprovada": (_campanha_reprovada_dita_aprovada, "dizem o contrário"),
}


@pytest.mark.parametrize("nome", EDICOES)
def test_resumo_editado_nao_e_lido_como_aprovado(execucao: Path, tmp_path: Path, nome: str):
    editar, trecho = EDICOES[nome]
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    assert resumo["aprovado"] is True
    editar(resumo)
    caminho = tmp_path / "resumo.json"
    caminho.write_text(json.dumps(resumo), encoding="utf-8")
    with pytest.raises(ResumoIncoerente) as erro:
        ler_resumo(caminho)
    assert trecho in str(erro.value), str(erro.value)


def test_o_resumo_intacto_e_lido(execucao: Path):
    assert ler_resumo(execucao / "resumo.json").aprovado is True


def test_o_relatorio_de_um_resumo_editado_para_em_erro_sem_dizer_aprovado(execucao: Path, tmp_path: Path):
    pasta = tmp_path / "pacote"
    shutil.copytree(execucao, pasta)
    relatorio = pasta / "relatorio-ensaio.html"
    relatorio.unlink()
    resumo = json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))
    _reprovar_uma_verificacao(resumo)
    (pasta / "resumo.json").write_text(json.dumps(resumo), encoding="utf-8")
    processo = executar_cli("--relatorios", str(pasta), comando="relatorio")
    saida = processo.stdout + processo.stderr
    assert processo.returncode == 2, saida
    assert "contradiz as próprias verificações" in saida and "Não envie este pacote" in saida
    assert "Traceback" not in saida and "aprovados" not in saida
    assert not relatorio.exists()


def _livro_com_envio_aprovado(caminho: Path) -> RegistroDeExecucao:
    registro = RegistroDeExecucao(Livro(caminho))
    registrar_tramite_comprovado(registro, "envio", "Envio", 8001)
    registro.concluir_cenario(ResultadoDeCenario("Envio", ("envio",), APROVADO), julgado=True)
    registro.livro.registrar_veredito("recusa", "Recusa", REPROVADO, "situação 6, esperada 9", 1.0, [], [])
    return registro


def _montar(registro: RegistroDeExecucao):
    return montar_resumo(registro.livro, carregar_ambiente("local"), "http://127.0.0.1:1/interoperabilidade/rest/v3/")


EDICOES_DO_LIVRO = {
    "veredito-reprovado-vira-aprovado": (
        "UPDATE vereditos SET veredito = 'aprovado' WHERE requisito = 'recusa'",
        "aprovado sem a cláusula",
    ),
    "situacao-do-tramite": ("UPDATE tramites SET situacao = 9 WHERE idt = 8001", "mas o trâmite está na situação 9"),
    "recibo-de-outro-tramite": (
        "UPDATE recibos SET conferencia = json_set(conferencia, '$.idt', 999) WHERE idt = 8001",
        "aprovada sem um recibo de envio do trâmite",
    ),
    "verificacao-reprovada-vira-aprovada-sem-recibo": ("DELETE FROM recibos WHERE idt = 8001", "sem um recibo"),
}


@pytest.mark.parametrize("nome", EDICOES_DO_LIVRO)
def test_livro_editado_nao_vira_resumo_aprovado(nome: str, tmp_path: Path):
    sql, trecho = EDICOES_DO_LIVRO[nome]
    registro = _livro_com_envio_aprovado(tmp_path / "livro.sqlite3")
    assert _requisito(_montar(registro).model_dump(mode="json"), "envio")["veredito"] == APROVADO
    with sqlite3.connect(tmp_path / "livro.sqlite3") as edicao:  # by hand, as someone with the file would
        edicao.execute(sql)
    with pytest.raises(ResumoIncoerente) as erro:
        _montar(registro)
    assert trecho in str(erro.value), str(erro.value)
