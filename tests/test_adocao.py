"""Taking up what PEN sends: the adoption rule, in process against the simulator's pendências.

The organ's pendências hold everything sent to its system; only processos from the configured
counterpart, to the receiving unit, after the request are adopted. Everything else is recorded as
ignored and left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.apoio.ambientes import dados_tls, gravar
from tests.apoio.simulador import DIGED_ANEX, ORGAO, PROTOCOLO_ANEX
from tramita_homologacao.campanha.adocao import ErroDeAdocao, adotar_enviados_pelo_pen, adotar_por_indicacao
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro

RECEBIMENTO, RECUSA = "Recebimento de processo enviado por outro órgão", "Recusa de processo recebido"


@pytest.fixture
def orgao(simulador, tmp_path):
    """The organ in a homologação campaign (its counterparts for recebimento and recusa: ORGAO2)."""
    for sistema in ("SEI-ORGAO2", "SEI-ORGAO4"):
        simulador.contrapartes.roteirizar(sistema, Roteiro("silenciar"))  # people who have not acted yet
    dados = dados_tls(simulador, tmp_path / "nao-usado.pem", tmp_path / "nao-usada.pem", tipo="homologacao")
    ambiente = carregar_ambiente(str(gravar(dados, tmp_path)))
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    livro = Livro(tmp_path / "livro.sqlite3")
    yield OrgaoEmTeste(cliente, ambiente, RegistroDeExecucao(livro), None, tmp_path)
    cliente.fechar()
    livro.fechar()


def enviar(simulador, sistema: str, destinatario=DIGED_ANEX) -> int:
    return simulador.contrapartes.enviar_processo(sistema, destinatario, marca="TESTE – PEN").idt


def situacoes(simulador, *idts: int) -> list[Situacao]:
    return [simulador.plataforma.tramite_visivel(ORGAO, idt).situacao for idt in idts]


def test_sem_pedido_nada_e_adotado_nem_consultado(simulador, orgao):
    enviar(simulador, "SEI-ORGAO2")
    procura = adotar_enviados_pelo_pen(orgao)
    assert procura.adotados == [] and procura.ignorados == [] and orgao.registro.livro.todos() == []


def test_o_primeiro_vai_para_o_recebimento_o_seguinte_para_a_recusa(simulador, orgao):
    livro = orgao.registro.livro
    livro.registrar_pedido("recusa", RECUSA)  # asked first, but the rule follows the requirements' order
    livro.registrar_pedido("recebimento", RECEBIMENTO)
    primeiro, segundo, terceiro = (enviar(simulador, "SEI-ORGAO2") for _ in range(3))
    procura = adotar_enviados_pelo_pen(orgao)
    assert [(t.idt, p.requisito) for t, p in procura.adotados] == [(primeiro, "recebimento"), (segundo, "recusa")]
    assert {p.requisito: p.idt for p in livro.pedidos()} == {"recebimento": primeiro, "recusa": segundo}
    linhas = {linha.idt: (linha.requisito, linha.cenario, linha.papel) for linha in livro.todos()}
    assert linhas == {
        primeiro: ("recebimento", RECEBIMENTO, "destinatário"),
        segundo: ("recusa", RECUSA, "destinatário"),
    }
    # Both requests answered: the third one is not looked at, and stays for whoever it is for.
    assert terceiro not in linhas and [i.idt for i in livro.ignorados()] == []
    assert situacoes(simulador, primeiro, segundo, terceiro) == [Situacao.COMPONENTES_ENVIADOS_REMETENTE] * 3


def test_outro_remetente_outra_unidade_e_antes_do_pedido_sao_ignorados_e_intactos(simulador, orgao):
    antigo = enviar(simulador, "SEI-ORGAO2")
    livro = orgao.registro.livro
    livro.registrar_pedido("recebimento", RECEBIMENTO)
    with sqlite3.connect(livro.caminho) as conexao:  # the request was made well after `antigo` was registered
        depois = (datetime.now().astimezone() + timedelta(hours=1)).isoformat()
        conexao.execute("UPDATE pedidos SET pedido_em = ?", (depois,))
    de_outro_orgao = enviar(simulador, "SEI-ORGAO4")
    para_outra_unidade = enviar(simulador, "SEI-ORGAO2", PROTOCOLO_ANEX)
    em_recebimento = enviar(simulador, "SEI-ORGAO2")
    simulador.plataforma.solicitar_metadados(ORGAO, em_recebimento)  # another SPE with the same certificate

    procura = adotar_enviados_pelo_pen(orgao)
    assert procura.adotados == []
    motivos = {t.idt: motivo for t, motivo in procura.ignorados}
    assert motivos == {
        antigo: "registrado antes do pedido ao PEN",
        de_outro_orgao: "o remetente não é a contraparte de um requisito que aguarda processo",
        para_outra_unidade: "não é destinado à unidade de recebimento do órgão (1/100002)",
        em_recebimento: "já está na situação 3: outro sistema começou a recebê-lo",
    }
    ignorados = {i.idt: i for i in livro.ignorados()}
    assert ignorados[de_outro_orgao].remetente == "Órgão de Teste 4 do PEN (ORGAO4), repositório 2, unidade 300004"
    assert (
        situacoes(simulador, antigo, de_outro_orgao, para_outra_unidade)
        == [Situacao.COMPONENTES_ENVIADOS_REMETENTE] * 3
    )
    assert situacoes(simulador, em_recebimento) == [Situacao.METADADOS_RECEBIDO_DESTINATARIO]
    assert livro.todos() == []  # nothing foreign entered the ledger: the harness may not act on it

    # Seen once is enough: a later look neither adopts nor queries them again.
    assert adotar_enviados_pelo_pen(orgao).ignorados == []


def test_o_operador_indica_o_tramite(simulador, orgao):
    livro = orgao.registro.livro
    sem_pedido = enviar(simulador, "SEI-ORGAO4")
    with pytest.raises(ErroDeAdocao, match="não aguarda processo do PEN"):
        adotar_por_indicacao(orgao, str(sem_pedido), "recebimento")
    livro.registrar_pedido("recebimento", RECEBIMENTO)
    para_outra_unidade = enviar(simulador, "SEI-ORGAO4", PROTOCOLO_ANEX)
    with pytest.raises(ErroDeAdocao, match="não à unidade de recebimento do órgão"):
        adotar_por_indicacao(orgao, str(para_outra_unidade), "recebimento")
    tramite, cenario = adotar_por_indicacao(orgao, str(sem_pedido), "recebimento")  # another remetente: their call
    assert (tramite.idt, cenario) == (sem_pedido, RECEBIMENTO)
    assert livro.por_idt(sem_pedido) is not None and livro.pedidos()[0].idt == sem_pedido
    with pytest.raises(ErroDeAdocao, match="já está no livro"):
        adotar_por_indicacao(orgao, str(sem_pedido), "recebimento")


def test_um_pedido_atendido_e_julgado_e_renovado_quando_o_cenario_precisa_de_outro(orgao):
    livro = orgao.registro.livro
    primeiro = livro.registrar_pedido("recusa", RECUSA)
    assert livro.registrar_pedido("recusa", RECUSA) == primeiro  # still open: the first request's time stays
    livro.atender_pedido("recusa", RECUSA, 5001)
    with sqlite3.connect(livro.caminho) as conexao:
        conexao.execute("UPDATE pedidos SET pedido_em = '2026-01-01T00:00:00-03:00'")
    renovado = livro.registrar_pedido("recusa", RECUSA)  # the adopted one was judged: a new processo is asked
    assert renovado.idt is None and renovado.pedido_em > "2026-01-01T00:00:00-03:00"
