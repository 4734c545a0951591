"""The simulated platform without HTTP: transitions through real operations, hashes, limits, isolation."""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest

from tests.apoio.simulador import AUTORIDADE, DIGED_ANEX, ORGAO, ORGAO1, ORGAO3, PROTOCOLO_ANEX, cabecalho
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, novo_faker
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.recibo import formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import TRANSICOES, Ator, Operacao
from tramita_homologacao.simulador.armazem import Fatia
from tramita_homologacao.simulador.erros import (
    AssinaturaInvalida,
    ComponenteInvalido,
    EstruturaNaoEncontrada,
    RequisicaoInvalida,
    SistemaNaoAutorizado,
    SituacaoNaoPermite,
    TramiteEmAndamento,
)
from tramita_homologacao.simulador.modelo import Plataforma
from tramita_homologacao.simulador.semente import carregar_semente

S = Situacao
DESTINO = "SEI-ORGAO3"


@pytest.fixture
def plataforma() -> Plataforma:
    return Plataforma(carregar_semente(), autoridade=AUTORIDADE)


def criar(plataforma, processo, **extra):
    return plataforma.criar_tramite(ORGAO, "P", cabecalho(**extra), processo.como_json())


def enviar_tudo(plataforma, tramite, processo):
    for componente in processo.componentes:
        plataforma.enviar_componente(
            ORGAO, tramite.ticket, tramite.protocolo, componente.hash, io.BytesIO(componente.caminho.read_bytes())
        )


def recibo_assinado(plataforma, tramite, sistema=DESTINO):
    data = formatar_data_recibo(tramite.data_da_situacao(S.COMPONENTES_RECEBIDOS_DESTINATARIO))
    return data, plataforma.chaves_de(sistema).assinar(plataforma.xml_do_recibo(tramite, data))


def levar_a(plataforma, processo, alvo: Situacao):
    """Drives a trâmite ANEX → ORGAO3 to `alvo` through the platform's own operations."""
    t = criar(plataforma, processo)
    if alvo == S.INICIADO:
        return t
    enviar_tudo(plataforma, t, processo)
    if alvo in (S.COMPONENTES_ENVIADOS_REMETENTE, S.CANCELADO, S.CANCELADO_AUTOMATICAMENTE):
        if alvo == S.CANCELADO:
            plataforma.cancelar(ORGAO, t.idt)
        if alvo == S.CANCELADO_AUTOMATICAMENTE:
            plataforma.relogio.avancar(9 * 86400)
            plataforma.expirar_parados()
        return t
    plataforma.solicitar_metadados(DESTINO, t.idt)
    if alvo in (S.RECUSADO, S.CIENCIA_RECUSA):
        plataforma.recusar(DESTINO, t.idt, "99", "Teste de recusa.")
        if alvo == S.CIENCIA_RECUSA:
            plataforma.dar_ciencia(ORGAO, t.idt)
        return t
    if alvo == S.METADADOS_RECEBIDO_DESTINATARIO:
        return t
    for hash_ in t.hashes_pendentes_de_recebimento():
        plataforma.baixar_componente(DESTINO, t.idt, t.protocolo, hash_)
    if alvo == S.COMPONENTES_RECEBIDOS_DESTINATARIO:
        return t
    plataforma.enviar_recibo(DESTINO, t.idt, *recibo_assinado(plataforma, t))
    if alvo == S.RECIBO_ENVIADO_DESTINATARIO:
        return t
    plataforma.receber_recibo(ORGAO, t.idt)
    return t


HISTORICOS = {
    S(1): [1],
    S(2): [1, 2],
    S(3): [1, 2, 3],
    S(4): [1, 2, 3, 4],
    S(5): [1, 2, 3, 4, 5],
    S(6): [1, 2, 3, 4, 5, 6],
    S(7): [1, 2, 7],
    S(8): [1, 2, 3, 8],
    S(9): [1, 2, 3, 8, 9],
    S(10): [1, 2, 10],
}


@pytest.mark.parametrize("alvo", list(HISTORICOS), ids=lambda s: f"situacao-{int(s)}")
def test_cada_situacao_e_alcancada_pelas_operacoes_reais(plataforma, processo, alvo):
    t = levar_a(plataforma, processo, alvo)
    assert t.situacao == alvo
    assert [int(s) for s, _ in t.mudancas] == HISTORICOS[alvo]
    datas = [quando for _, quando in t.mudancas]
    assert datas == sorted(datas)


# Every illegal call from every status: (operation as a callable, statuses where it is legal or harmless).
def _operacoes(plataforma, t, processo):
    componente = processo.componentes[0]
    return {
        "enviar componente": lambda: plataforma.enviar_componente(
            ORGAO, t.ticket, t.protocolo, componente.hash, io.BytesIO(componente.caminho.read_bytes())
        ),
        "baixar componente": lambda: plataforma.baixar_componente(DESTINO, t.idt, t.protocolo, componente.hash),
        "enviar recibo": lambda: plataforma.enviar_recibo(DESTINO, t.idt, "2026-01-01T00:00:00.000Z", "assinatura"),
        "receber recibo": lambda: plataforma.receber_recibo(ORGAO, t.idt),
        "recusar": lambda: plataforma.recusar(DESTINO, t.idt, "99", "x"),
        "dar ciência": lambda: plataforma.dar_ciencia(ORGAO, t.idt),
        "cancelar": lambda: plataforma.cancelar(ORGAO, t.idt),
    }


OPERACOES = {
    "enviar componente": Operacao.ENVIAR_COMPONENTE,
    "baixar componente": Operacao.BAIXAR_COMPONENTE,
    "enviar recibo": Operacao.ENVIAR_RECIBO,
    "receber recibo": Operacao.RECEBER_RECIBO,
    "recusar": Operacao.RECUSAR,
    "dar ciência": Operacao.DAR_CIENCIA,
    "cancelar": Operacao.CANCELAR,
}
PERMITIDAS = {nome: TRANSICOES[operacao].de for nome, operacao in OPERACOES.items()}  # the model obeys the table
ILEGAIS = [(op, s) for op, legais in PERMITIDAS.items() for s in HISTORICOS if s not in legais]


@pytest.mark.parametrize(("operacao", "situacao"), ILEGAIS, ids=[f"{o}-{int(s)}" for o, s in ILEGAIS])
def test_operacao_ilegal_responde_409_e_nao_muda_nada(plataforma, processo, operacao, situacao):
    t = levar_a(plataforma, processo, situacao)
    antes = list(t.mudancas)
    with pytest.raises(SituacaoNaoPermite) as erro:
        _operacoes(plataforma, t, processo)[operacao]()
    assert erro.value.http_status == 409
    assert t.mudancas == antes


def test_hash_divergente_no_envio_e_recusado(plataforma, processo):
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = bytearray(componente.caminho.read_bytes())
    dados[-1] ^= 0xFF
    with pytest.raises(ComponenteInvalido, match="Hash do componente digital"):
        plataforma.enviar_componente(ORGAO, t.ticket, t.protocolo, componente.hash, io.BytesIO(dados))
    with pytest.raises(ComponenteInvalido, match="Tamanho do componente digital"):
        plataforma.enviar_componente(ORGAO, t.ticket, t.protocolo, componente.hash, io.BytesIO(dados[:-1]))
    assert t.situacao == S.INICIADO


def test_envio_em_partes_confere_contiguidade_e_hash(plataforma, processo):
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = componente.caminho.read_bytes()
    meio = len(dados) // 2
    plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, meio, io.BytesIO(dados[:meio]))
    with pytest.raises(RequisicaoInvalida, match="sobrepõe"):
        plataforma.enviar_parte(
            ORGAO, t.ticket, t.protocolo, componente.hash, meio - 1, meio + 1, io.BytesIO(dados[meio - 1 : meio + 1])
        )
    with pytest.raises(RequisicaoInvalida, match="inválido"):
        plataforma.enviar_parte(
            ORGAO,
            t.ticket,
            t.protocolo,
            componente.hash,
            meio,
            len(dados) + 5,
            io.BytesIO(b"x" * (len(dados) + 5 - meio)),
        )
    with pytest.raises(ComponenteInvalido, match="não cobrem"):
        plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)
    plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, meio, len(dados), io.BytesIO(dados[meio:]))
    plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)
    assert t.solicitados[componente.hash].completo


def test_partes_com_bytes_trocados_falham_no_hash(plataforma, processo):
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = bytearray(componente.caminho.read_bytes())
    dados[10] ^= 0xFF
    plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, len(dados), io.BytesIO(dados))
    with pytest.raises(ComponenteInvalido, match="não confere"):
        plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)


@pytest.mark.parametrize(
    ("justificativa", "aceita"),
    [("x" * 1000, True), ("x" * 1001, False), ("", False), ("   ", False)],
    ids=["1000", "1001", "vazia", "brancos"],
)
def test_limite_da_justificativa_de_recusa(plataforma, processo, justificativa, aceita):
    t = levar_a(plataforma, processo, S.METADADOS_RECEBIDO_DESTINATARIO)
    if aceita:
        plataforma.recusar(DESTINO, t.idt, "01", justificativa)
        assert t.situacao == S.RECUSADO and t.recusa[1] == justificativa
    else:
        with pytest.raises(RequisicaoInvalida, match="justificativa"):
            plataforma.recusar(DESTINO, t.idt, "01", justificativa)
        assert t.situacao == S.METADADOS_RECEBIDO_DESTINATARIO


def test_motivo_de_recusa_desconhecido(plataforma, processo):
    t = levar_a(plataforma, processo, S.METADADOS_RECEBIDO_DESTINATARIO)
    with pytest.raises(RequisicaoInvalida, match="Motivo de recusa '07' desconhecido"):
        plataforma.recusar(DESTINO, t.idt, "07", "x")


@pytest.mark.parametrize("parado_em", [S(1), S(2), S(3), S(4)], ids=lambda s: f"situacao-{int(s)}")
def test_cancelamento_automatico_apos_o_prazo(plataforma, processo, parado_em):
    t = levar_a(plataforma, processo, parado_em)
    plataforma.relogio.avancar(8 * 86400 - 60)
    plataforma.expirar_parados()
    assert t.situacao == parado_em
    plataforma.relogio.avancar(120)
    plataforma.consultar_tramites(ORGAO)  # any access sweeps
    assert t.situacao == S.CANCELADO_AUTOMATICAMENTE
    assert [int(s) for s, _ in t.mudancas][-1] == 10


def test_prazo_conta_da_ultima_mudanca(plataforma, processo):
    t = criar(plataforma, processo)
    plataforma.relogio.avancar(7 * 86400)
    enviar_tudo(plataforma, t, processo)
    plataforma.relogio.avancar(7 * 86400)
    plataforma.expirar_parados()
    assert t.situacao == S.COMPONENTES_ENVIADOS_REMETENTE


def test_situacoes_5_a_9_nao_expiram(plataforma, processo):
    t = levar_a(plataforma, processo, S.RECIBO_ENVIADO_DESTINATARIO)
    plataforma.relogio.avancar(30 * 86400)
    plataforma.expirar_parados()
    assert t.situacao == S.RECIBO_ENVIADO_DESTINATARIO


def test_isolamento_entre_orgaos(plataforma, processo):
    t = levar_a(plataforma, processo, S.COMPONENTES_ENVIADOS_REMETENTE)
    assert plataforma.consultar_tramites("SEI-ORGAO1") == []
    assert plataforma.listar_pendencias("SEI-ORGAO1") == []
    with pytest.raises(SistemaNaoAutorizado, match="não participa"):
        plataforma.solicitar_metadados("SEI-ORGAO1", t.idt)
    with pytest.raises(SistemaNaoAutorizado, match="não participa"):
        plataforma.cancelar("SEI-ORGAO1", t.idt)
    with pytest.raises(SistemaNaoAutorizado, match="Somente o remetente"):
        plataforma.cancelar(DESTINO, t.idt)
    with pytest.raises(SistemaNaoAutorizado, match="Somente o destinatário"):
        plataforma.recusar(ORGAO, t.idt, "99", "x")
    assert [p.idt for p in plataforma.listar_pendencias(DESTINO)] == [t.idt]
    assert plataforma.listar_pendencias(ORGAO) == []


def test_pendencias_do_remetente_em_5_e_8(plataforma, processo, faker_teste, tmp_path):
    t5 = levar_a(plataforma, processo, S.RECIBO_ENVIADO_DESTINATARIO)
    outro = gerar_processo_de_teste(faker_teste, tmp_path / "outro", unidade="Protocolo", sigla_unidade="ANEX/COPROT")
    t8 = levar_a(plataforma, outro, S.RECUSADO)
    assert [(p.idt, p.situacao) for p in plataforma.listar_pendencias(ORGAO)] == [(t5.idt, S(5)), (t8.idt, S(8))]
    assert plataforma.listar_pendencias(DESTINO) == []
    plataforma.receber_recibo(ORGAO, t5.idt)
    plataforma.dar_ciencia(ORGAO, t8.idt)
    assert plataforma.listar_pendencias(ORGAO) == []


def test_pendencias_e_consultas_pelos_indices_sao_as_de_uma_varredura_completa(plataforma, faker_teste, tmp_path):
    """One trâmite in each situação: what the indexes answer is what scanning every trâmite would."""
    for alvo in sorted(HISTORICOS, key=lambda s: s != S(10)):  # first the one whose clock jump expires 1–4
        outro = gerar_processo_de_teste(faker_teste, tmp_path / f"p{int(alvo)}", unidade="P", sigla_unidade="ANEX")
        levar_a(plataforma, outro, alvo)
    todos = [plataforma.tramite_visivel(ORGAO, idt) for idt in range(5001, 5001 + len(HISTORICOS))]
    assert {t.situacao for t in todos} == set(HISTORICOS)
    for sistema in (ORGAO, DESTINO, "SEI-ORGAO1"):
        esperadas = [
            t
            for t in todos
            if (t.situacao in (2, 3, 4) and plataforma.serve(sistema, t, Ator.DESTINATARIO))
            or (t.situacao in (5, 8) and plataforma.serve(sistema, t, Ator.REMETENTE))
        ]
        assert plataforma.listar_pendencias(sistema) == esperadas
        participa = [t for t in todos if sistema in (ORGAO, DESTINO)]
        assert plataforma.consultar_tramites(sistema) == participa
        assert plataforma.consultar_tramites(sistema, destinatario=ORGAO3) == participa
    assert [(t.idt, t.situacao) for t in plataforma.listar_pendencias(DESTINO)] == [
        (t.idt, t.situacao) for t in todos if t.situacao in (2, 3, 4)
    ]


def test_sistema_so_envia_pelas_proprias_unidades(plataforma, processo):
    with pytest.raises(SistemaNaoAutorizado, match="não está autorizado a enviar"):
        plataforma.criar_tramite(ORGAO, "P", cabecalho(remetente=ORGAO1, destinatario=ORGAO3), processo.como_json())


@pytest.mark.parametrize(
    ("mudar", "trecho"),
    [
        (
            lambda c, p: c.update(
                destinatario={"identificacaoDoRepositorioDeEstruturas": 2, "numeroDeIdentificacaoDaEstrutura": 300099}
            ),
            "não está apta",
        ),
        (lambda c, p: c.update(destinatario=PROTOCOLO_ANEX.como_json()), "devem ser diferentes"),
        (lambda c, p: p["documentos"][0]["especie"].update(codigo=999), "espécie documental"),
        (lambda c, p: p["documentos"][0]["componentesDigitais"][0]["hash"].update(algoritmo="MD5"), "SHA256"),
        (lambda c, p: p["documentos"][0]["componentesDigitais"][0].update(tamanhoEmBytes=0), "tamanhoEmBytes"),
        (lambda c, p: p.update(nivelDeSigilo="2"), "hipoteseLegal"),
        (lambda c, p: p.update(nivelDeSigilo="2", hipoteseLegal={"identificacao": 77}), "77 desconhecida"),
        (lambda c, p: p.update(descricao="x" * 101), "excede 100"),
        (lambda c, p: p.pop("protocolo"), "processo.protocolo"),
        (lambda c, p: c.pop("remetente"), "cabecalho.remetente"),
    ],
    ids=[
        "destino-inapto",
        "mesma-unidade",
        "especie",
        "algoritmo",
        "tamanho-zero",
        "sem-hipotese",
        "hipotese-desconhecida",
        "descricao-longa",
        "sem-protocolo",
        "sem-remetente",
    ],
)
def test_validacoes_do_novo_tramite(plataforma, processo, mudar, trecho):
    cab, dados = cabecalho(), processo.como_json()
    mudar(cab, dados)
    with pytest.raises(RequisicaoInvalida, match=trecho):
        plataforma.criar_tramite(ORGAO, "P", cab, dados)


def test_unidade_inexistente_responde_0055(plataforma, processo):
    cab = cabecalho()
    cab["destinatario"]["numeroDeIdentificacaoDaEstrutura"] = 123456
    with pytest.raises(EstruturaNaoEncontrada) as erro:
        plataforma.criar_tramite(ORGAO, "P", cab, processo.como_json())
    assert erro.value.codigo_erro == "0055"


def test_segundo_tramite_do_mesmo_processo_em_andamento_responde_0044(plataforma, processo):
    t = levar_a(plataforma, processo, S.COMPONENTES_ENVIADOS_REMETENTE)
    with pytest.raises(TramiteEmAndamento) as erro:
        criar(plataforma, processo)
    assert erro.value.codigo_erro == "0044"
    assert erro.value.mensagem == "Processo já possui um trâmite em andamento."
    plataforma.cancelar(ORGAO, t.idt)
    assert criar(plataforma, processo).nre != t.nre


def test_reenvio_com_nre_pede_so_o_que_o_destino_nao_tem(plataforma, processo):
    """A processo received by ORGAO3 and sent back: the NRE is reused; with the flag only new hashes are asked."""
    t = levar_a(plataforma, processo, S.RECIBO_RECEBIDO_REMETENTE)
    de_volta = plataforma.criar_tramite(
        DESTINO, "P", cabecalho(remetente=ORGAO3, destinatario=DIGED_ANEX, NRE=t.nre), processo.como_json()
    )
    assert de_volta.nre == t.nre and len(de_volta.solicitados) == 2
    plataforma.cancelar(DESTINO, de_volta.idt)
    novamente = criar(plataforma, processo, NRE=t.nre, enviarApenasComponentesDigitaisPendentes=True)
    assert novamente.solicitados == {}
    assert novamente.situacao == S.COMPONENTES_ENVIADOS_REMETENTE


def test_recibo_com_assinatura_invalida_e_recusado(plataforma, processo):
    t = levar_a(plataforma, processo, S.COMPONENTES_RECEBIDOS_DESTINATARIO)
    data, _ = recibo_assinado(plataforma, t)
    _, assinatura_de_outro = recibo_assinado(plataforma, t, sistema="SEI-ORGAO1")
    with pytest.raises(AssinaturaInvalida, match="não confere"):
        plataforma.enviar_recibo(DESTINO, t.idt, data, assinatura_de_outro)
    assert t.situacao == S.COMPONENTES_RECEBIDOS_DESTINATARIO


def test_recibo_de_conclusao_lista_os_hashes_baixados(plataforma, processo):
    t = levar_a(plataforma, processo, S.RECIBO_RECEBIDO_REMETENTE)
    assert sorted(t.recibo.hashes) == sorted(c.hash for c in processo.componentes)
    assert hash_de_bytes(processo.componentes[0].caminho.read_bytes()) in t.recibo.hashes


def test_documento_avulso(plataforma, processo):
    documento = processo.documentos[0].como_json(1) | {"protocolo": "0000123", "staTipoProtocolo": "D"}
    t = plataforma.criar_tramite(ORGAO, "D", cabecalho(), documento)
    assert list(t.solicitados) == [processo.documentos[0].componentes[0].hash]


def test_parte_com_bytes_a_mais_ou_a_menos_e_recusada_sem_tocar_nas_outras(plataforma, processo):
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = componente.caminho.read_bytes()
    meio = len(dados) // 2
    plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, meio, len(dados), io.BytesIO(dados[meio:]))
    with pytest.raises(ComponenteInvalido, match=f"deveria ter {meio} bytes e chegou com {len(dados)}"):
        plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, meio, io.BytesIO(b"\0" * len(dados)))
    with pytest.raises(ComponenteInvalido, match=f"deveria ter {meio} bytes e chegou com {meio - 1}"):
        plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, meio, io.BytesIO(dados[: meio - 1]))
    plataforma.enviar_parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, meio, io.BytesIO(dados[:meio]))
    plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)  # the second half intact
    assert t.solicitados[componente.hash].completo


def test_componente_inteiro_com_bytes_a_mais_e_recusado(plataforma, processo):
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    with pytest.raises(
        ComponenteInvalido, match=f"declarado {componente.tamanho} bytes, recebido {componente.tamanho + 1}"
    ):
        plataforma.enviar_componente(
            ORGAO, t.ticket, t.protocolo, componente.hash, io.BytesIO(componente.caminho.read_bytes() + b"x")
        )
    assert t.situacao == S.INICIADO


@pytest.mark.parametrize(
    ("sequencia", "relido_desde"),
    [([0, 1, 2], 3), ([0, 2, 1], 2), ([2, 1, 0], 1)],
    ids=["em-ordem", "a-ultima-antes-da-do-meio", "de-tras-para-a-frente"],
)
def test_o_hash_e_calculado_na_chegada_e_so_o_que_veio_fora_de_ordem_e_relido(
    plataforma, processo, monkeypatch, sequencia, relido_desde
):
    """A part that continues the hashed bytes is hashed as it is written; the end of the upload reads back only
    the rest (parts in thirds: from which third on the final check reads)."""
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = componente.caminho.read_bytes()
    tercos = [0, len(dados) // 3, 2 * len(dados) // 3, len(dados)]
    for k in sequencia:
        inicio, fim = tercos[k], tercos[k + 1]
        plataforma.enviar_parte(
            ORGAO, t.ticket, t.protocolo, componente.hash, inicio, fim, io.BytesIO(dados[inicio:fim])
        )
    lidos = []
    blocos_originais = Fatia.blocos

    def blocos(fatia, tamanho):
        lidos.append((fatia.inicio, fatia.fim))
        return blocos_originais(fatia, tamanho)

    monkeypatch.setattr(Fatia, "blocos", blocos)
    plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)
    assert t.solicitados[componente.hash].completo
    assert lidos == [(tercos[relido_desde], len(dados))]


def test_consultas_seguem_enquanto_um_componente_e_conferido(plataforma, processo, monkeypatch):
    """Hashing a part as it arrives, and the rest at the end of the upload, happen outside the lock every
    request needs: a slow disk holds up that upload only."""
    t = criar(plataforma, processo)
    componente = processo.componentes[0]
    dados = componente.caminho.read_bytes()
    meio = len(dados) // 2
    parado, liberar = threading.Event(), threading.Event()
    blocos_originais = Fatia.blocos

    def blocos_lentos(fatia, tamanho):
        parado.set()
        liberar.wait(30)
        return blocos_originais(fatia, tamanho)

    def consultar_enquanto_parado(operacao) -> None:
        parado.clear()
        liberar.clear()
        monkeypatch.setattr(Fatia, "blocos", blocos_lentos)
        fundo = threading.Thread(target=operacao)
        fundo.start()
        assert parado.wait(10), "a operação não chegou a ler o disco"
        consulta = threading.Thread(target=plataforma.consultar_tramites, args=(ORGAO,), kwargs={"idt": t.idt})
        consulta.start()
        consulta.join(10)
        livre = not consulta.is_alive()
        liberar.set()
        fundo.join(10)
        consulta.join(10)
        monkeypatch.undo()
        assert livre, "a consulta esperou o disco"

    parte = plataforma.enviar_parte
    consultar_enquanto_parado(
        lambda: parte(ORGAO, t.ticket, t.protocolo, componente.hash, 0, meio, io.BytesIO(dados[:meio]))
    )
    parte(ORGAO, t.ticket, t.protocolo, componente.hash, meio, len(dados), io.BytesIO(dados[meio:]))
    consultar_enquanto_parado(
        lambda: plataforma.sinalizar_termino_de_envio(ORGAO, t.ticket, t.protocolo, componente.hash)
    )
    assert t.solicitados[componente.hash].completo


def test_esgotar_o_prazo_cancela_so_o_tramite_parado_e_mantem_as_datas_em_ordem(plataforma, processo, tmp_path):
    """The extended profile's status 10 in the simulator: one trâmite's time runs out; the clock and the others stay."""
    parado = levar_a(plataforma, processo, S.COMPONENTES_ENVIADOS_REMETENTE)
    outros = [gerar_processo_de_teste(novo_faker(), tmp_path / n, unidade="P", sigla_unidade="A") for n in "oc"]
    outro = levar_a(plataforma, outros[0], S.COMPONENTES_ENVIADOS_REMETENTE)
    concluido = levar_a(plataforma, outros[1], S.RECIBO_RECEBIDO_REMETENTE)
    antes, datas_do_outro = plataforma.relogio.agora(), list(outro.mudancas)
    assert plataforma.esgotar_prazo(parado.idt) == S.CANCELADO_AUTOMATICAMENTE
    assert [s for s, _ in parado.mudancas] == [
        S.INICIADO,
        S.COMPONENTES_ENVIADOS_REMETENTE,
        S.CANCELADO_AUTOMATICAMENTE,
    ]
    datas = [d for _, d in parado.mudancas]
    assert datas == sorted(datas) and datas[1] < antes - plataforma.prazo_cancelamento_automatico
    assert plataforma.relogio.agora() - antes < timedelta(seconds=5)
    assert (outro.situacao, outro.mudancas) == (S.COMPONENTES_ENVIADOS_REMETENTE, datas_do_outro)
    assert plataforma.esgotar_prazo(concluido.idt) == S.RECIBO_RECEBIDO_REMETENTE  # concluded: nothing to cancel
