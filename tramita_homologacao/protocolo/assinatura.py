"""SHA-256 signatures of recibos, as `openssl_sign($xml, $sig, $key, 'sha256')`.

RSA keys sign with PKCS#1 v1.5; EC keys with ECDSA.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    CertificateIssuerPublicKeyTypes,
)
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class ParDeChaves:
    """A private key and its certificate. `repr` never shows the key."""

    chave: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = field(repr=False)
    certificado_pem: str = field(repr=False)

    def assinar(self, texto: str) -> str:
        dados = texto.encode("utf-8")
        if isinstance(self.chave, ec.EllipticCurvePrivateKey):
            assinatura = self.chave.sign(dados, ec.ECDSA(hashes.SHA256()))
        else:
            assinatura = self.chave.sign(dados, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(assinatura).decode("ascii")


def _nome(nome_comum: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nome_comum)])


def _emitir(
    sujeito: x509.Name,
    emissor: x509.Name,
    chave_publica: CertificateIssuerPublicKeyTypes,
    chave_do_emissor: CertificateIssuerPrivateKeyTypes,
    dias: int,
    *,
    ac: bool = False,
) -> str:
    """A PEM certificate (Ed25519/Ed448 sign without a separate hash)."""
    agora = datetime.now(UTC)
    algoritmo = (
        None if isinstance(chave_do_emissor, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey) else hashes.SHA256()
    )
    construtor = (
        x509.CertificateBuilder()
        .subject_name(sujeito)
        .issuer_name(emissor)
        .public_key(chave_publica)
        .serial_number(x509.random_serial_number())
        .not_valid_before(agora - timedelta(minutes=5))
        .not_valid_after(agora + timedelta(days=dias))
    )
    if ac:
        construtor = construtor.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    return construtor.sign(chave_do_emissor, algoritmo).public_bytes(serialization.Encoding.PEM).decode("ascii")


def certificado_autoassinado(nome_comum: str, chave: CertificateIssuerPrivateKeyTypes, dias: int = 30) -> str:
    """A self-signed PEM certificate for `chave`."""
    return _emitir(_nome(nome_comum), _nome(nome_comum), chave.public_key(), chave, dias)


def gerar_par_efemero(
    nome_comum: str, dias: int = 30, chave: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None
) -> ParDeChaves:
    """A throwaway self-signed key pair (RSA unless `chave` is given), for simulated organs and local runs."""
    chave = chave or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ParDeChaves(chave, certificado_autoassinado(nome_comum, chave, dias))


class AutoridadeCertificadora:
    """A throwaway CA that issues the systems' certificates, as the platform's authority does (simulator)."""

    def __init__(self, nome_comum: str, dias: int = 365) -> None:
        self._chave = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._nome, self._dias = _nome(nome_comum), dias
        self.certificado_pem = _emitir(self._nome, self._nome, self._chave.public_key(), self._chave, dias, ac=True)

    def emitir(self, nome_comum: str) -> ParDeChaves:
        """A new key pair for a system, its certificate issued by this authority."""
        chave = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return ParDeChaves(chave, _emitir(_nome(nome_comum), self._nome, chave.public_key(), self._chave, self._dias))


def assinatura_confere(texto: str, assinatura_base64: str, certificado_pem: str) -> bool:
    """True when `assinatura_base64` is a valid signature of `texto` by the certificate's key."""
    try:
        chave = x509.load_pem_x509_certificate(certificado_pem.encode("ascii")).public_key()
        assinatura = base64.b64decode(assinatura_base64, validate=True)
        if isinstance(chave, ec.EllipticCurvePublicKey):
            chave.verify(assinatura, texto.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        elif isinstance(chave, rsa.RSAPublicKey):
            chave.verify(assinatura, texto.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
        else:
            return False  # recibos are signed with RSA or EC keys only
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def somente_o_certificado(texto_pem: str) -> str:
    """The first certificate of a PEM text, alone (a client's PEM may also hold its private key)."""
    certificado = x509.load_pem_x509_certificate(texto_pem.encode("ascii"))
    return certificado.public_bytes(serialization.Encoding.PEM).decode("ascii")


def impressao_digital(certificado_pem: str) -> str:
    """SHA-256 fingerprint of a PEM certificate, hex, as shown to users and used to identify systems."""
    certificado = x509.load_pem_x509_certificate(certificado_pem.encode("ascii"))
    return certificado.fingerprint(hashes.SHA256()).hex()
