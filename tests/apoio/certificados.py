"""Test certificates made with trustme: the organ's (PEM or PKCS#12, with password), the server's, a CA."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

SENHA = "s3nh4-d0-c3rt1f1c4d0"


@functools.cache
def _emitido(
    ca: trustme.CA, identidade: str, not_before: datetime | None, not_after: datetime | None
) -> tuple[rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The key and certificate `ca` issues to a name, made once per test process (an RSA key and its check cost
    ~80 ms, and dozens of tests give an organ a certificate); a test that needs another key uses another name."""
    folha = ca.issue_cert(
        identidade, common_name=identidade, key_type=trustme.KeyType.RSA, not_before=not_before, not_after=not_after
    )
    chave = serialization.load_pem_private_key(folha.private_key_pem.bytes(), None)
    assert isinstance(chave, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey), "trustme emite RSA ou EC"
    return chave, x509.load_pem_x509_certificate(folha.cert_chain_pems[0].bytes())


def emitir_certificado_do_orgao(
    ca: trustme.CA,
    pasta: Path,
    nome: str,
    *,
    formato: str = "pem",
    senha: str | None = SENHA,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> Path:
    chave, certificado = _emitido(ca, f"{nome}.sistemas.exemplo.gov.br", not_before, not_after)
    cifra = serialization.BestAvailableEncryption(senha.encode()) if senha else serialization.NoEncryption()
    pasta.mkdir(parents=True, exist_ok=True)
    if formato == "p12":
        caminho = pasta / f"{nome}.p12"
        caminho.write_bytes(pkcs12.serialize_key_and_certificates(nome.encode(), chave, certificado, None, cifra))
    else:
        caminho = pasta / f"{nome}.pem"
        caminho.write_bytes(
            certificado.public_bytes(serialization.Encoding.PEM)
            + chave.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, cifra)
        )
    return caminho


def preparar_servidor(ca: trustme.CA, pasta: Path) -> tuple[Path, Path, Path]:
    """(server certificate, server key, CA) files for a simulator on 127.0.0.1."""
    servidor = ca.issue_cert("127.0.0.1", "localhost")
    pasta.mkdir(parents=True, exist_ok=True)
    servidor.cert_chain_pems[0].write_to_path(str(pasta / "servidor.pem"))
    servidor.private_key_pem.write_to_path(str(pasta / "servidor.key"))
    ca.cert_pem.write_to_path(str(pasta / "ca.pem"))
    return pasta / "servidor.pem", pasta / "servidor.key", pasta / "ca.pem"
