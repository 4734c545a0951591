"""Recibo checks: a genuine recibo verifies; a tampered one is reported, whatever was changed."""

from dataclasses import replace

import pytest

from tramita_homologacao.assinatura import gerar_par_efemero
from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.conferencia import conferir_recibo
from tramita_homologacao.hashes import hash_de_bytes
from tramita_homologacao.recibo import RECIBO_DE_CONCLUSAO

HASHES = (hash_de_bytes(b"oficio"), hash_de_bytes(b"despacho"))


@pytest.fixture(scope="module")
def destinatario():
    return gerar_par_efemero("SEI-ORGAO1")


@pytest.fixture
def recibo(destinatario) -> ReciboAssinado:
    data = "2026-11-25T12:00:00.000Z"
    assinatura = destinatario.assinar(RECIBO_DE_CONCLUSAO.xml(5001, "0000000000001001", data, HASHES))
    return ReciboAssinado(
        RECIBO_DE_CONCLUSAO, 5001, "0000000000001001", data, HASHES, destinatario.certificado_pem, assinatura
    )


def test_recibo_autentico_confere(recibo):
    conferencia = conferir_recibo(recibo, HASHES)
    assert conferencia.confere and conferencia.signatario == "CN=SEI-ORGAO1"
    assert conferencia.descrever() == (
        "Recibo de conclusão do trâmite 5001: assinatura válida (CN=SEI-ORGAO1); hashes conferem"
    )


@pytest.mark.parametrize(
    "adulterar",
    [
        lambda r: replace(r, hashes=(HASHES[0], hash_de_bytes(b"outro"))),
        lambda r: replace(r, data="2026-11-26T12:00:00.000Z"),
        lambda r: replace(r, nre="0000000000009999"),
        lambda r: replace(r, idt=5002),
        lambda r: replace(r, cadeia_do_certificado=gerar_par_efemero("impostor").certificado_pem),
        lambda r: replace(r, hash_da_assinatura="bm90IGEgc2lnbmF0dXJl"),
    ],
    ids=["hash-trocado", "data", "nre", "idt", "outro-certificado", "assinatura-falsa"],
)
def test_recibo_adulterado_e_apontado(recibo, adulterar):
    conferencia = conferir_recibo(adulterar(recibo), HASHES)
    assert not conferencia.assinatura_confere and not conferencia.confere
    assert "assinatura INVÁLIDA" in conferencia.descrever()


def test_hash_enviado_que_falta_no_recibo(recibo):
    conferencia = conferir_recibo(recibo, (*HASHES, hash_de_bytes(b"anexo")))
    assert conferencia.assinatura_confere and not conferencia.hashes_conferem
    assert conferencia.faltando == (hash_de_bytes(b"anexo"),)
    assert "hashes enviados que não constam" in conferencia.descrever()


def test_recibo_sem_certificado_do_signatario(recibo):
    conferencia = conferir_recibo(replace(recibo, cadeia_do_certificado=""), HASHES)
    assert not conferencia.assinatura_confere
    assert "(sem certificado do signatário)" in conferencia.descrever()
