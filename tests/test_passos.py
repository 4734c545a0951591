"""The step definitions that judge, run in process against real trâmites of the simulator on loopback.

Each judging step passes on the outcome it names and fails on any other: a different final status, a
downloaded component whose bytes do not match the metadata.
"""

from __future__ import annotations

import pytest

from steps.recebimento import componentes_conferem
from steps.situacao import termina_na_situacao
from tests.conftest import ORGAO1, ORGAO3
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.orgao.acoes import ErroDeRecebimento, OrgaoEmTeste, ProcessoRecebido
from tramita_homologacao.orgao.espera import SituacaoInesperada
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.assinatura import gerar_par_efemero
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.situacoes import Situacao as S
from tramita_homologacao.simulador.contrapartes import Roteiro


@pytest.fixture
def orgao(simulador, tmp_path):
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    yield OrgaoEmTeste(cliente, carregar_ambiente("local"), RegistroDeExecucao(), gerar_par_efemero("ANEX"), tmp_path)
    cliente.fechar()


def _enviado(orgao, processo, destino):
    return orgao.enviar_processo(processo, destino, requisito="envio", cenario="passos")


def test_termina_na_situacao_aprova_a_situacao_final_alcancada(orgao, processo):
    enviado = _enviado(orgao, processo, ORGAO1)  # SEI-ORGAO1 receives and concludes
    orgao.receber_recibo_de_conclusao(
        orgao.aguardar(enviado.idt, {S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE}).idt
    )
    termina_na_situacao(orgao, Verificador(), enviado, 6)
    assert orgao.consultar(enviado.idt).situacao == 6


@pytest.mark.parametrize("esperada", [7, 9, 10])
def test_termina_na_situacao_reprova_outra_situacao_final(orgao, processo, esperada):
    enviado = _enviado(orgao, processo, ORGAO1)
    orgao.receber_recibo_de_conclusao(
        orgao.aguardar(enviado.idt, {S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE}).idt
    )
    with pytest.raises(SituacaoInesperada, match="chegou à situação 6"):
        termina_na_situacao(orgao, Verificador(), enviado, esperada)


def test_termina_na_situacao_reprova_a_recusa_quando_esperava_a_conclusao(simulador, orgao, processo):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("recusar", justificativa="Não esperado."))
    enviado = _enviado(orgao, processo, ORGAO1)
    with pytest.raises(SituacaoInesperada, match="chegou à situação 8"):
        termina_na_situacao(orgao, Verificador(), enviado, 6)


def test_termina_na_situacao_reprova_o_cancelamento_quando_esperava_a_conclusao(orgao, processo):
    enviado = _enviado(orgao, processo, ORGAO3)  # SEI-ORGAO3 stays silent
    orgao.cancelar(enviado.idt)
    with pytest.raises(SituacaoInesperada, match="chegou à situação 7"):
        termina_na_situacao(orgao, Verificador(), enviado, 6)
    termina_na_situacao(orgao, Verificador(), enviado, 7)


def _recebido_da_contraparte(simulador, orgao):
    enviado = simulador.contrapartes.enviar_processo("SEI-ORGAO2", orgao.ambiente.orgao.endereco_recebimento)
    orgao.adotar_tramite_recebido(
        enviado.idt, enviado.nre, enviado.protocolo, requisito="recebimento", cenario="passos"
    )
    orgao.aguardar_pendencia(enviado.idt)
    return enviado


def test_componentes_recebidos_conferem_pelos_bytes_baixados(simulador, orgao):
    enviado = _recebido_da_contraparte(simulador, orgao)
    recebido = orgao.receber_processo(enviado.idt)
    pasta = orgao.pasta / f"recebido-{enviado.idt}"
    assert sorted(recebido.hashes_calculados) == sorted(hash_de_bytes(f.read_bytes()) for f in pasta.iterdir())
    componentes_conferem(Verificador(), recebido)
    assert orgao.consultar(enviado.idt).situacao in (5, 6)
    adulterado = ProcessoRecebido(recebido.metadados, (*recebido.hashes_calculados[1:], hash_de_bytes(b"outro")))
    with pytest.raises(AssertionError, match="Os hashes do conteúdo baixado não conferem"):
        componentes_conferem(Verificador(), adulterado)


def test_componente_corrompido_no_caminho_nao_e_aceito(simulador, orgao):
    enviado = _recebido_da_contraparte(simulador, orgao)
    tramite = simulador.plataforma.tramite_visivel("SEI-ORGAO2", enviado.idt)
    chave = (tramite.nre, tramite.hashes_em_ordem()[0])
    original = simulador.plataforma._conteudos[chave]
    simulador.plataforma._conteudos[chave] = bytes([original[0] ^ 0xFF]) + original[1:]
    with pytest.raises(ErroDeRecebimento, match="chegou corrompido"):
        orgao.receber_processo(enviado.idt)
    situacao = orgao.consultar(enviado.idt).situacao
    assert situacao not in (5, 6), "nenhum recibo de conclusão pode sair para um componente corrompido"


def test_o_orgao_nao_recebe_o_que_nao_e_dele(simulador, orgao):
    alheio = simulador.contrapartes.enviar_processo("SEI-ORGAO2", ORGAO3)
    with pytest.raises(Exception, match="Ação bloqueada"):
        orgao.receber_processo(alheio.idt)
