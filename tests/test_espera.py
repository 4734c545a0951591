"""Polling a status: bounded, and the failure says where the processo is and what to do."""

from datetime import UTC, datetime

import pytest

from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeConexao, RespostaIncoerente
from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite
from tramita_homologacao.conformidade.desfechos import falha_transitoria
from tramita_homologacao.orgao.espera import Intervalo, SituacaoInesperada, TempoEsgotado, aguardar_situacao
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao

S = Situacao
AGORA = datetime(2026, 11, 25, 12, tzinfo=UTC)


def tramite(situacao: Situacao, motivo=None, justificativa=None) -> Tramite:
    return Tramite(
        7001,
        "0000000000007001",
        "00000.000001/2026-11",
        situacao,
        Endereco(1, 1),
        Endereco(2, 2),
        AGORA,
        (),
        (MudancaDeSituacao(situacao, AGORA),),
        motivo,
        justificativa,
    )


class Relogio:
    def __init__(self):
        self.agora = 0.0
        self.esperas = []

    def __call__(self):
        return self.agora

    def dormir(self, segundos):
        self.esperas.append(segundos)
        self.agora += segundos


def test_devolve_assim_que_chega():
    sequencia = iter([S(2), S(3), S(5)])
    relogio = Relogio()
    final = aguardar_situacao(
        lambda: tramite(next(sequencia)),
        {S(5)},
        limite=lambda s: 10,
        intervalo=Intervalo(1, 1),
        relogio=relogio,
        dormir=relogio.dormir,
    )
    assert final.situacao == S(5) and relogio.esperas == [1, 1]


def test_tempo_esgotado_nomeia_a_situacao_e_o_que_fazer():
    relogio = Relogio()
    with pytest.raises(TempoEsgotado) as erro:
        aguardar_situacao(
            lambda: tramite(S(4)),
            {S(5)},
            limite=lambda s: 3,
            intervalo=Intervalo(2, 2),
            relogio=relogio,
            dormir=relogio.dormir,
        )
    assert relogio.esperas == [2, 1]
    mensagem = str(erro.value)
    assert "ficou na situação 4 (Arquivos digitais recebidos pelo destinatário) por mais de 3 s" in mensagem
    assert "sem chegar a 5 (Recibo de conclusão recebido pelo Tramita)" in mensagem
    assert "Onde está o processo: SPE de destino" in mensagem and "o remetente pode cancelar e reenviar" in mensagem


@pytest.mark.parametrize("situacao", [S(7), S(8), S(9), S(10)])
def test_outro_desfecho_falha_na_hora(situacao):
    relogio = Relogio()
    with pytest.raises(SituacaoInesperada) as erro:
        aguardar_situacao(
            lambda: tramite(situacao, "04", "Espécie não mapeada."),
            {S(6)},
            limite=lambda s: 60,
            intervalo=Intervalo(1, 1),
            relogio=relogio,
            dormir=relogio.dormir,
        )
    assert relogio.esperas == []
    assert f"chegou à situação {int(situacao)}" in str(erro.value)
    assert "Motivo da recusa: 04 (Espécie documental não mapeada no destinatário)" in str(erro.value)


def test_o_prazo_e_por_situacao_e_recomeca_a_cada_mudanca():
    """Two hours allowed in 2, ten seconds in 3: a trâmite that moves on is not failed by the time spent before."""
    relogio = Relogio()
    situacoes = {0: S(2), 7000: S(3)}

    def consultar():
        return tramite(situacoes[max(t for t in situacoes if t <= relogio.agora)])

    limites = {S(2): 7200, S(3): 10}
    with pytest.raises(TempoEsgotado) as erro:
        aguardar_situacao(
            consultar,
            {S(6)},
            limite=limites.__getitem__,
            intervalo=Intervalo(1000, 1000),
            relogio=relogio,
            dormir=relogio.dormir,
        )
    assert erro.value.tramite.situacao == S(3)
    assert relogio.agora == 7010
    assert "por mais de 10 s" in str(erro.value)


def test_destinatario_espera_a_ciencia_passando_pela_recusa():
    """The organ refused (8) and waits for the remetente's ciência (9): 8 is on the way, not an outcome."""
    sequencia = iter([S(8), S(8), S(9)])
    relogio = Relogio()
    final = aguardar_situacao(
        lambda: tramite(next(sequencia)),
        {S(9)},
        limite=lambda s: 60,
        intervalo=Intervalo(1, 1),
        relogio=relogio,
        dormir=relogio.dormir,
    )
    assert final.situacao == S(9)


def test_intervalo_dobra_enquanto_nada_muda_e_volta_a_base_na_mudanca():
    situacoes = iter([S(2), S(2), S(2), S(2), S(3), S(3), S(5)])
    relogio = Relogio()
    aguardar_situacao(
        lambda: tramite(next(situacoes)),
        {S(5)},
        limite=lambda s: 1000,
        intervalo=Intervalo(1, 4),
        relogio=relogio,
        dormir=relogio.dormir,
    )
    assert relogio.esperas == [1, 2, 4, 4, 1, 2]


def _consultas(*respostas):
    """A query that answers each item in turn: a status, or an error to raise."""
    sequencia = iter(respostas)

    def consultar():
        resposta = next(sequencia)
        if isinstance(resposta, Exception):
            raise resposta
        return tramite(resposta)

    return consultar


def _aguardar_com_falhas(consultar, relogio: Relogio, limite, intervalo: Intervalo):
    """`limite`: seconds, or a function of the status."""
    return aguardar_situacao(
        consultar,
        {S(5)},
        limite=limite if callable(limite) else lambda s: limite,
        intervalo=intervalo,
        relogio=relogio,
        dormir=relogio.dormir,
        transitoria=falha_transitoria,
    )


def test_a_plataforma_fora_do_ar_por_um_tempo_nao_interrompe_a_espera():
    fora = ErroDaApi("Consulta de trâmites", 503, None, "indisponível", "")
    relogio = Relogio()
    consultas = _consultas(S(2), fora, ErroDeConexao("https://x/", "tempo de resposta esgotado"), S(5))
    final = _aguardar_com_falhas(consultas, relogio, 10, Intervalo(1, 8))
    assert final.situacao == S(5) and relogio.esperas == [1, 2, 4]


def test_fora_do_ar_alem_do_limite_da_situacao_levanta_a_falha():
    fora = ErroDaApi("Consulta de trâmites", 502, None, "indisponível", "")
    relogio = Relogio()
    with pytest.raises(ErroDaApi):
        _aguardar_com_falhas(_consultas(S(2), *[fora] * 20), relogio, 5, Intervalo(1, 1))
    assert relogio.agora == 5  # asked again for as long as status 2 may last, not a second more


@pytest.mark.parametrize(
    "erro",
    [
        RespostaIncoerente("Consulta de trâmites", "pedido o IDT 7001, veio o 7002", idt=7001),
        ErroDaApi("Consulta de trâmites", 404, None, "trâmite não encontrado", ""),
    ],
    ids=["incoerente", "http-404"],
)
def test_resposta_que_nao_e_falha_transitoria_nao_e_repetida(erro):
    relogio = Relogio()
    with pytest.raises(type(erro)):
        _aguardar_com_falhas(_consultas(S(2), erro, S(5)), relogio, 10, Intervalo(1, 1))


def test_fora_do_ar_desde_a_primeira_consulta_espera_o_limite_da_situacao_inicial():
    fora = ErroDaApi("Consulta de trâmites", 503, None, "indisponível", "")
    relogio = Relogio()
    with pytest.raises(ErroDaApi):
        _aguardar_com_falhas(_consultas(*[fora] * 20), relogio, {S(1): 3, S(2): 50}.get, Intervalo(1, 1))
    assert relogio.agora == 3


def test_fora_do_ar_conta_o_limite_da_ultima_situacao_vista():
    fora = ErroDaApi("Consulta de trâmites", 503, None, "indisponível", "")
    relogio = Relogio()
    with pytest.raises(ErroDaApi):
        _aguardar_com_falhas(_consultas(S(2), *[fora] * 20), relogio, {S(1): 50, S(2): 4}.get, Intervalo(1, 1))
    assert relogio.agora == 4


def test_o_progresso_recebe_o_tramite_a_pausa_e_o_que_resta():
    vistos = []
    relogio = Relogio()
    aguardar_situacao(
        _consultas(S(2), S(3), S(5)),
        {S(5)},
        limite=lambda s: 10,
        intervalo=Intervalo(1, 4),
        relogio=relogio,
        dormir=relogio.dormir,
        ao_aguardar=lambda tramite, pausa, restante: vistos.append((tramite.situacao, pausa, restante)),
    )
    assert vistos == [(S(2), 1, 10), (S(3), 1, 10)]
