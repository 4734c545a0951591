"""Who may sign a recibo: a certificate issued (directly or through the chain sent with it) by a trusted authority,
or exactly the expected one; nobody else, whatever the names say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tramita_homologacao.conformidade.signatario import (
    SEM_AUTORIDADE,
    AutoridadeIlegivel,
    Confianca,
    certificados_pem,
    confianca_do_ambiente,
    impressao,
)
from tramita_homologacao.protocolo.assinatura import AutoridadeCertificadora, gerar_par_efemero

RAIZ = AutoridadeCertificadora("AC raiz dos sistemas")
CONFIA_NA_RAIZ = Confianca.das_acs(certificados_pem(RAIZ.certificado_pem))


def _pem(certificado: x509.Certificate) -> str:
    return certificado.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _emitido(nome: str, emissor: tuple[str, rsa.RSAPrivateKey] | None = None, *, ac: bool = False):
    """A certificate for a new key, issued by `emissor` (name, key), or self-signed; (certificate, key)."""
    chave = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    nome_do_emissor, chave_do_emissor = emissor or (nome, chave)
    agora = datetime.now(UTC)
    construtor = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nome)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nome_do_emissor)]))
        .public_key(chave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(agora - timedelta(minutes=1))
        .not_valid_after(agora + timedelta(days=1))
    )
    if ac:
        construtor = construtor.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return construtor.sign(chave_do_emissor, hashes.SHA256()), chave


@pytest.mark.parametrize("cadeia", ["", "não é PEM", "-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----"])
def test_sem_certificado_legivel_ninguem_e_reconhecido(cadeia):
    reconhecimento = CONFIA_NA_RAIZ.reconhecer(cadeia)
    assert not reconhecimento.reconhecido
    assert (reconhecimento.signatario, reconhecimento.impressao_digital) == ("", "")


def test_emitido_pela_autoridade_e_reconhecido_com_nome_emissor_e_impressao():
    par = RAIZ.emitir("SEI-ORGAO1")
    reconhecimento = CONFIA_NA_RAIZ.reconhecer(par.certificado_pem)
    assert reconhecimento.reconhecido
    assert reconhecimento.signatario == "CN=SEI-ORGAO1" and reconhecimento.emissor == "CN=AC raiz dos sistemas"
    assert reconhecimento.impressao_digital == impressao(certificados_pem(par.certificado_pem)[0])
    assert reconhecimento.motivo == "emitido pela autoridade confiável CN=AC raiz dos sistemas"


def test_cadeia_com_intermediaria_verdadeira_e_reconhecida_e_sem_ela_nao():
    raiz, chave_da_raiz = _emitido("Raiz", ac=True)
    intermediaria, chave_intermediaria = _emitido("Intermediária", ("Raiz", chave_da_raiz), ac=True)
    folha, _ = _emitido("SEI-ORGAO2", ("Intermediária", chave_intermediaria))
    confianca = Confianca.das_acs([raiz])
    assert confianca.reconhecer(_pem(folha) + _pem(intermediaria)).reconhecido
    assert not confianca.reconhecer(_pem(folha)).reconhecido  # the intermediate is needed to reach the root
    assert not Confianca.das_acs([intermediaria]).reconhecer(_pem(raiz)).reconhecido  # not the other way round


def test_exatamente_so_o_primeiro_certificado_e_so_ele():
    proprio, outro = gerar_par_efemero("ANEX"), gerar_par_efemero("ANEX")
    exato = Confianca.exatamente(proprio.certificado_pem + outro.certificado_pem)
    assert exato.exatos == {impressao(certificados_pem(proprio.certificado_pem)[0])}
    assert exato.reconhecer(proprio.certificado_pem).reconhecido
    assert not exato.reconhecer(outro.certificado_pem).reconhecido
    assert exato.reconhecer(proprio.certificado_pem).motivo == "certificado esperado, pela impressão digital"


def test_sem_autoridade_o_motivo_diz_o_que_falta():
    assert Confianca().vazia and not CONFIA_NA_RAIZ.vazia
    assert Confianca().reconhecer(RAIZ.emitir("SEI").certificado_pem).motivo == SEM_AUTORIDADE
    assert CONFIA_NA_RAIZ.reconhecer(gerar_par_efemero("SEI").certificado_pem).motivo != SEM_AUTORIDADE


def test_confianca_do_ambiente_junta_o_arquivo_a_cadeia_do_orgao_e_o_simulador(tmp_path):
    do_arquivo, do_orgao, do_simulador = (AutoridadeCertificadora(n) for n in ("Arquivo", "Órgão", "Simulador"))
    arquivo = tmp_path / "ac.pem"
    arquivo.write_text(do_arquivo.certificado_pem, encoding="ascii")
    confianca = confianca_do_ambiente(
        arquivo, certificados_pem(do_orgao.certificado_pem), ac_do_simulador=do_simulador.certificado_pem
    )
    for ac in (do_arquivo, do_orgao, do_simulador):
        assert confianca.reconhecer(ac.emitir("SEI").certificado_pem).reconhecido
    assert not confianca.reconhecer(RAIZ.emitir("SEI").certificado_pem).reconhecido
    assert confianca_do_ambiente(None, ()).vazia


@pytest.mark.parametrize(
    ("conteudo", "trecho"),
    [
        (None, "não existe"),
        (b"n\xe3o \xe9 PEM", "não tem nenhum certificado em PEM"),
        (b"", "não tem nenhum certificado em PEM"),
    ],
    ids=["ausente", "latin-1", "vazio"],
)
def test_arquivo_da_autoridade_ilegivel_diz_o_que_fazer(tmp_path, conteudo, trecho):
    arquivo = tmp_path / "ac.pem"
    if conteudo is not None:
        arquivo.write_bytes(conteudo)
    with pytest.raises(AutoridadeIlegivel, match=trecho) as erro:
        confianca_do_ambiente(arquivo, ())
    assert "ac_dos_sistemas" in str(erro.value) and str(arquivo) in str(erro.value)


def test_o_certificado_de_um_sistema_nao_serve_de_intermediaria():
    """A system the platform certified cannot make a certificate for another and pass it off through itself."""
    raiz, chave_da_raiz = _emitido("Raiz", ac=True)
    sistema, chave_do_sistema = _emitido("SEI-ORGAO1", ("Raiz", chave_da_raiz))  # a leaf: not an authority
    forjado, _ = _emitido("SEI-ORGAO2", ("SEI-ORGAO1", chave_do_sistema))
    confianca = Confianca.das_acs([raiz])
    assert confianca.reconhecer(_pem(sistema)).reconhecido
    assert not confianca.reconhecer(_pem(forjado) + _pem(sistema)).reconhecido
