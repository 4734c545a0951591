"""Recibo checks: a genuine recibo verifies; a tampered one is reported, whatever was changed; a valid signature
by a signer the environment does not recognise, or over another trâmite, proves nothing."""

import base64
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.conferencia import conferir_recibo as _conferir_recibo
from tramita_homologacao.conformidade.signatario import SEM_AUTORIDADE, Confianca, certificados_pem
from tramita_homologacao.protocolo.assinatura import (
    AutoridadeCertificadora,
    ParDeChaves,
    certificado_autoassinado,
    gerar_par_efemero,
)
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO

HASHES = (hash_de_bytes(b"oficio"), hash_de_bytes(b"despacho"))
AC = AutoridadeCertificadora("AC dos sistemas")
CONFIANCA = Confianca.das_acs(certificados_pem(AC.certificado_pem))
NRE = "0000000000001001"


def conferir_recibo(recibo, enviados, *, idt=5001, nre=NRE, confianca=CONFIANCA):
    return _conferir_recibo(recibo, enviados, idt=idt, nre=nre, confianca=confianca)


@pytest.fixture(scope="module")
def destinatario():
    return AC.emitir("SEI-ORGAO1")


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
    assert conferencia.signatario_reconhecido and conferencia.do_tramite
    assert (
        conferencia.impressao_digital
        == certificados_pem(recibo.cadeia_do_certificado)[0].fingerprint(hashes.SHA256()).hex()
    )
    assert conferencia.descrever() == (
        f"Recibo de conclusão do trâmite IDT 5001, NRE {NRE}; assinatura válida (CN=SEI-ORGAO1, emitido por "
        f"CN=AC dos sistemas, impressão digital SHA-256 {conferencia.impressao_digital}: reconhecido, emitido pela "
        "autoridade confiável CN=AC dos sistemas); hashes conferem"
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
        f"Recibo de conclusão do trâmite IDT 5001, NRE {NRE}; assinatura INVÁLIDA (sem certificado do signatário); "
        "hashes conferem"
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
    """An EC key pair (some organs' certificates are ECDSA), self-signed: trusted here by its fingerprint."""
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
    proprio = Confianca.exatamente(destinatario.certificado_pem)
    assert conferir_recibo(recibo, HASHES, idt=5003, nre="0000000000001003", confianca=proprio).confere
    adulterado = replace(recibo, nre="0000000000009999")
    assert not conferir_recibo(adulterado, HASHES, idt=5003, nre="0000000000009999").assinatura_confere
    outro = _par_ec("impostor")
    impostor = replace(recibo, cadeia_do_certificado=outro.certificado_pem)
    assert not conferir_recibo(impostor, HASHES, idt=5003, nre="0000000000001003").assinatura_confere


def test_descricao_de_um_recibo_que_nao_confere(recibo):
    anexo, extra = hash_de_bytes(b"anexo"), hash_de_bytes(b"extra")
    conferencia = conferir_recibo(replace(recibo, hashes=(*HASHES, extra)), (*HASHES, anexo))
    assert conferencia.descrever().startswith(
        f"Recibo de conclusão do trâmite IDT 5001, NRE {NRE}; assinatura INVÁLIDA"
    )
    assert conferencia.descrever().endswith(
        "hashes NÃO conferem; "
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
        assert json_["bruto"] == recibo.como_json() and json_["bruto"]["cadeiaDoCertificado"]  # kept to check again
        assert set(json_) == {
            "tipo", "idt", "nre", "idt_esperado", "nre_esperado", "do_tramite", "data", "hashes", "signatario",
            "emissor", "impressao_digital", "signatario_reconhecido", "motivo_do_signatario", "assinatura_confere",
            "hashes_conferem", "faltando", "sobrando", "veredito", "bruto",
        }  # fmt: skip


def test_recibo_assinado_com_outro_algoritmo_nao_e_aceito(recibo):
    """Recibos are signed with RSA or ECDSA (openssl_sign); an Ed25519 signature, even a valid one, is refused."""
    chave = ed25519.Ed25519PrivateKey.generate()
    pem = certificado_autoassinado("SEI-ED25519", chave)
    assinatura = base64.b64encode(chave.sign(recibo.xml().encode("utf-8"))).decode("ascii")
    outro = replace(recibo, cadeia_do_certificado=pem, hash_da_assinatura=assinatura)
    assert not conferir_recibo(outro, HASHES).assinatura_confere


def _assinado(por: ParDeChaves, idt: int = 5001, nre: str = NRE) -> ReciboAssinado:
    data = "2026-11-25T12:00:00.000Z"
    assinatura = por.assinar(RECIBO_DE_CONCLUSAO.xml(idt, nre, data, HASHES))
    return ReciboAssinado(RECIBO_DE_CONCLUSAO, idt, nre, data, HASHES, por.certificado_pem, assinatura)


def test_recibo_reassinado_por_um_estranho_nao_prova_nada():
    """A valid signature by a self-signed certificate (even one named like the destination) is not the destination's."""
    estranho = gerar_par_efemero("SEI-ORGAO1")
    conferencia = conferir_recibo(_assinado(estranho), HASHES)
    assert conferencia.assinatura_confere and conferencia.hashes_conferem and conferencia.do_tramite
    assert not conferencia.signatario_reconhecido and not conferencia.identidade_confere and not conferencia.confere
    assert "NÃO reconhecido" in conferencia.descrever()


def test_certificado_emitido_por_outra_autoridade_com_o_mesmo_nome_nao_e_reconhecido():
    falsa = AutoridadeCertificadora("AC dos sistemas")  # same name, another key
    conferencia = conferir_recibo(_assinado(falsa.emitir("SEI-ORGAO1")), HASHES)
    assert conferencia.assinatura_confere and not conferencia.signatario_reconhecido


def test_cadeia_com_intermediaria_falsa_nao_e_reconhecida(destinatario):
    """An impostor's chain that puts the real authority's certificate beside its own proves nothing."""
    estranho = gerar_par_efemero("SEI-ORGAO1")
    recibo = _assinado(estranho)
    recibo = replace(recibo, cadeia_do_certificado=estranho.certificado_pem + AC.certificado_pem)
    assert not conferir_recibo(recibo, HASHES).signatario_reconhecido


@pytest.mark.parametrize(("idt", "nre"), [(5002, NRE), (5001, "0000000000009999")], ids=["outro-idt", "outro-nre"])
def test_recibo_autentico_de_outro_tramite_nao_e_deste(destinatario, idt, nre):
    """Genuinely signed by the destination, but over another trâmite: not the recibo of the one judged."""
    conferencia = conferir_recibo(_assinado(destinatario, idt, nre), HASHES)
    assert conferencia.assinatura_confere and conferencia.signatario_reconhecido and conferencia.hashes_conferem
    assert not conferencia.do_tramite and not conferencia.identidade_confere and not conferencia.confere
    assert "de OUTRO trâmite" in conferencia.descrever()


def test_sem_autoridade_configurada_ninguem_e_reconhecido(destinatario):
    conferencia = conferir_recibo(_assinado(destinatario), HASHES, confianca=Confianca())
    assert conferencia.assinatura_confere and not conferencia.signatario_reconhecido
    assert conferencia.motivo_do_signatario == SEM_AUTORIDADE


def test_o_certificado_exato_e_reconhecido_e_outro_nao(destinatario):
    exato = Confianca.exatamente(destinatario.certificado_pem)
    assert conferir_recibo(_assinado(destinatario), HASHES, confianca=exato).confere
    assert not conferir_recibo(_assinado(AC.emitir("SEI-ORGAO1")), HASHES, confianca=exato).signatario_reconhecido


def test_recibo_guardado_por_uma_versao_anterior_nunca_volta_reconhecido():
    """A ledger row written before the signer was checked has no such fields: read back, it proves nothing."""
    antigo = {
        "tipo": "recibo de conclusão",
        "idt": 5001,
        "data": "2026-11-25T12:00:00.000Z",
        "hashes": list(HASHES),
        "signatario": "CN=SEI-ORGAO1",
        "assinatura_confere": True,
        "faltando": [],
        "sobrando": [],
    }
    lido = ConferenciaDeRecibo.de_json(antigo)
    assert (lido.nre, lido.nre_esperado, lido.emissor, lido.impressao_digital, lido.motivo_do_signatario) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert lido.idt_esperado is None and not lido.signatario_reconhecido
    assert not lido.do_tramite and not lido.identidade_confere and not lido.confere
