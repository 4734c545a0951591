"""Recibo checks: a genuine recibo verifies; a tampered one is reported, whatever was changed."""

import base64
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo, conferir_recibo
from tramita_homologacao.protocolo.assinatura import ParDeChaves, certificado_autoassinado, gerar_par_efemero
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO

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
    assert conferencia.descrever() == (
        "Recibo de conclusão do trâmite 5001: assinatura INVÁLIDA (sem certificado do signatário); hashes conferem"
    )


def test_recibo_autentico_guarda_o_que_foi_conferido(recibo):
    conferencia = conferir_recibo(recibo, HASHES)
    assert (conferencia.tipo, conferencia.idt, conferencia.data, conferencia.hashes) == (
        "recibo de conclusão",
        5001,
        "2026-11-25T12:00:00.000Z",
        HASHES,
    )
    assert (conferencia.faltando, conferencia.sobrando) == ((), ())


def test_assinatura_com_caracteres_fora_do_base64_e_invalida(recibo):
    assert conferir_recibo(recibo, HASHES).assinatura_confere
    assert not conferir_recibo(replace(recibo, hash_da_assinatura=recibo.hash_da_assinatura + "!!"), HASHES).confere
    assert not conferir_recibo(replace(recibo, hash_da_assinatura="nao-e-base64"), HASHES).assinatura_confere


def _par_ec(nome: str) -> ParDeChaves:
    """An EC key pair (some organs' certificates are ECDSA)."""
    return gerar_par_efemero(nome, chave=ec.generate_private_key(ec.SECP256R1()))


def test_recibo_assinado_com_chave_ec_confere_e_adulterado_nao():
    destinatario = _par_ec("SEI-ORGAO-EC")
    data = "2026-11-25T12:00:00.000Z"
    xml = RECIBO_DE_CONCLUSAO.xml(5003, "0000000000001003", data, HASHES)
    recibo = ReciboAssinado(
        RECIBO_DE_CONCLUSAO,
        5003,
        "0000000000001003",
        data,
        HASHES,
        destinatario.certificado_pem,
        destinatario.assinar(xml),
    )
    assert conferir_recibo(recibo, HASHES).confere
    assert not conferir_recibo(replace(recibo, nre="0000000000009999"), HASHES).assinatura_confere
    outro = _par_ec("impostor")
    assert not conferir_recibo(replace(recibo, cadeia_do_certificado=outro.certificado_pem), HASHES).assinatura_confere


def test_descricao_de_um_recibo_que_nao_confere(recibo):
    anexo, extra = hash_de_bytes(b"anexo"), hash_de_bytes(b"extra")
    conferencia = conferir_recibo(replace(recibo, hashes=(*HASHES, extra)), (*HASHES, anexo))
    assert conferencia.descrever() == (
        "Recibo de conclusão do trâmite 5001: assinatura INVÁLIDA (CN=SEI-ORGAO1); hashes NÃO conferem; "
        f"hashes enviados que não constam: {anexo}; hashes que constam mas não foram enviados: {extra}"
    )
    dois = conferir_recibo(replace(recibo, hashes=(anexo, extra)), HASHES)
    assert dois.descrever().endswith(
        f"hashes enviados que não constam: {', '.join(sorted(HASHES))}; "
        f"hashes que constam mas não foram enviados: {', '.join(sorted((anexo, extra)))}"
    )


def test_conferencia_guardada_no_livro_volta_igual(recibo):
    for conferencia in (conferir_recibo(recibo, HASHES), conferir_recibo(recibo, (HASHES[0], hash_de_bytes(b"x")))):
        json_ = conferencia.como_json()
        assert ConferenciaDeRecibo.de_json(json_) == conferencia
        assert json_["veredito"] == conferencia.descrever()
        assert json_["hashes_conferem"] is conferencia.hashes_conferem
        assert set(json_) == {
            "tipo", "idt", "data", "hashes", "signatario", "assinatura_confere", "hashes_conferem", "faltando",
            "sobrando", "veredito",
        }  # fmt: skip


def test_recibo_assinado_com_outro_algoritmo_nao_e_aceito(recibo):
    """Recibos are signed with RSA or ECDSA (openssl_sign); an Ed25519 signature, even a valid one, is refused."""
    chave = ed25519.Ed25519PrivateKey.generate()
    pem = certificado_autoassinado("SEI-ED25519", chave)
    assinatura = base64.b64encode(chave.sign(recibo.xml().encode("utf-8"))).decode("ascii")
    outro = replace(recibo, cadeia_do_certificado=pem, hash_da_assinatura=assinatura)
    assert not conferir_recibo(outro, HASHES).assinatura_confere
