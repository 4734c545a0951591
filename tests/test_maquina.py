"""The status table: every (operation, status) pair is either the documented move or a 409 error."""

import pytest

from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import SEGUINTES, TRANSICOES, Ator, Operacao, alcancaveis
from tramita_homologacao.simulador.erros import SituacaoNaoPermite
from tramita_homologacao.simulador.maquina import proxima_situacao

S = Situacao
ESPERADO = {
    Operacao.ENVIAR_COMPONENTE: ({S.INICIADO}, None, Ator.REMETENTE),
    Operacao.CONCLUIR_ENVIO_COMPONENTES: ({S.INICIADO}, S.COMPONENTES_ENVIADOS_REMETENTE, Ator.REMETENTE),
    Operacao.LER_METADADOS: ({S.COMPONENTES_ENVIADOS_REMETENTE}, S.METADADOS_RECEBIDO_DESTINATARIO, Ator.DESTINATARIO),
    Operacao.BAIXAR_COMPONENTE: ({S(3), S(4)}, None, Ator.DESTINATARIO),
    Operacao.CONCLUIR_DOWNLOAD_COMPONENTES: (
        {S.METADADOS_RECEBIDO_DESTINATARIO},
        S.COMPONENTES_RECEBIDOS_DESTINATARIO,
        Ator.DESTINATARIO,
    ),
    Operacao.ENVIAR_RECIBO: ({S.COMPONENTES_RECEBIDOS_DESTINATARIO}, S.RECIBO_ENVIADO_DESTINATARIO, Ator.DESTINATARIO),
    Operacao.RECEBER_RECIBO: ({S(5), S(6)}, S.RECIBO_RECEBIDO_REMETENTE, Ator.REMETENTE),
    Operacao.CANCELAR: ({S(1), S(2), S(3), S(4)}, S.CANCELADO, Ator.REMETENTE),
    Operacao.RECUSAR: ({S(2), S(3), S(4)}, S.RECUSADO, Ator.DESTINATARIO),
    Operacao.DAR_CIENCIA: ({S.RECUSADO}, S.CIENCIA_RECUSA, Ator.REMETENTE),
    Operacao.EXPIRAR: ({S(1), S(2), S(3), S(4)}, S.CANCELADO_AUTOMATICAMENTE, Ator.PLATAFORMA),
}
PARES = [(operacao, situacao) for operacao in Operacao for situacao in Situacao if situacao != S.NAO_INICIADO]


def test_a_tabela_e_exatamente_a_documentada():
    assert {op: (set(t.de), t.para, t.ator) for op, t in TRANSICOES.items()} == ESPERADO


@pytest.mark.parametrize(("operacao", "situacao"), PARES, ids=[f"{o.name}-{int(s)}" for o, s in PARES])
def test_cada_par_operacao_situacao(operacao, situacao):
    de, para, _ = ESPERADO[operacao]
    if situacao in de:
        assert proxima_situacao(42, situacao, operacao) == (para or situacao)
    else:
        with pytest.raises(SituacaoNaoPermite) as erro:
            proxima_situacao(42, situacao, operacao)
        assert erro.value.http_status == 409
        assert erro.value.codigo_erro == "0060"
        assert "42" in erro.value.mensagem


@pytest.mark.parametrize(
    ("situacao", "trecho"),
    [
        (S.RECIBO_ENVIADO_DESTINATARIO, "já iniciou o recebimento"),
        (S.RECIBO_RECEBIDO_REMETENTE, "já recebeu esse processo"),
        (S.CANCELADO, "já se encontra cancelado"),
        (S.CANCELADO_AUTOMATICAMENTE, "já se encontra cancelado"),
        (S.RECUSADO, "encontra-se recusado"),
    ],
)
def test_cancelamento_fora_de_1_a_4_explica_o_motivo(situacao, trecho):
    with pytest.raises(SituacaoNaoPermite, match=trecho):
        proxima_situacao(7, situacao, Operacao.CANCELAR)


def test_situacoes_finais():
    assert {s for s in Situacao if s.final} == {S(6), S(7), S(9), S(10)}


def test_o_grafo_de_situacoes_sai_da_tabela_e_e_o_do_manual():
    """What may follow each status (the harness's waits rely on it), derived from the one table."""
    assert {
        S(1): {S(2), S(7), S(10)},
        S(2): {S(3), S(7), S(8), S(10)},
        S(3): {S(4), S(7), S(8), S(10)},
        S(4): {S(5), S(7), S(8), S(10)},
        S(5): {S(6)},
        S(8): {S(9)},
    } == SEGUINTES


def test_alcancaveis():
    assert alcancaveis(S.RECUSADO) == {S.CIENCIA_RECUSA}
    assert alcancaveis(S.COMPONENTES_ENVIADOS_REMETENTE) == {S(3), S(4), S(5), S(6), S(7), S(8), S(9), S(10)}
    assert all(alcancaveis(s) == frozenset() for s in Situacao if s.final)
