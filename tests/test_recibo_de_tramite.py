"""The recibo de conclusão a destinatário sends is always checked: a base64 RSA signature of a real size, dated
at the moment the components were received (situação 4) — the date the official module puts in it."""

from __future__ import annotations

import base64

import pytest

from tests.apoio.simulador import DIGED_ANEX
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.protocolo.recibo import formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import Situacao


@pytest.fixture
def em_situacao_4(simulador, cliente, tmp_path):
    """A processo SEI-ORGAO2 sent to the organ, every component downloaded: the organ owes the recibo."""
    enviado = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX)
    metadados = cliente.solicitar_metadados(enviado.idt)
    for i, componente in enumerate(metadados.componentes()):
        cliente.baixar_componente_digital(
            enviado.idt, componente.protocolo, componente.hash, componente.tamanho, tmp_path / f"c{i}"
        )
    tramite = cliente.consultar_tramite(enviado.idt)
    assert tramite.situacao == Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO
    quando = next(m.data_hora for m in tramite.mudancas if m.situacao == Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO)
    return enviado.idt, formatar_data_recibo(quando)


ASSINATURA_DE_256_BYTES = base64.b64encode(bytes(256)).decode()


@pytest.mark.parametrize(
    ("data", "assinatura", "mensagem"),
    [
        (None, "nao-e-base64", "hashDaAssinatura deve ser a assinatura em base64"),
        (None, base64.b64encode(b"curta").decode(), "hashDaAssinatura tem 5 bytes: uma assinatura RSA"),
        ("1999-01-01T00:00:00.000Z", ASSINATURA_DE_256_BYTES, "difere da hora da situação 4 do trâmite"),
        ("ontem", ASSINATURA_DE_256_BYTES, "não é uma data W3C com fuso"),
        ("2026-02-31T10:00:00.000Z", ASSINATURA_DE_256_BYTES, "não é uma data W3C com fuso"),
        ("2026-11-27T10:00:00", ASSINATURA_DE_256_BYTES, "não é uma data W3C com fuso"),
    ],
    ids=["nao-base64", "tamanho", "data-de-1999", "ontem", "31-de-fevereiro", "sem-fuso"],
)
def test_recibo_fora_da_regra_e_recusado(em_situacao_4, cliente, data, assinatura, mensagem):
    idt, data_certa = em_situacao_4
    with pytest.raises(ErroDaApi) as erro:
        cliente.enviar_recibo_de_tramite(idt, data or data_certa, assinatura)
    assert erro.value.http_status == 400 and mensagem in erro.value.mensagem
    assert cliente.consultar_tramite(idt).situacao == Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO


def test_recibo_com_a_data_da_situacao_4_e_aceito_sem_certificado_conhecido(em_situacao_4, cliente):
    idt, data = em_situacao_4
    cliente.enviar_recibo_de_tramite(idt, data, ASSINATURA_DE_256_BYTES)
    assert cliente.consultar_tramite(idt).situacao in (  # the remetente counterpart reads it at once
        Situacao.RECIBO_ENVIADO_DESTINATARIO,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
    )
