"""The pack's manifest: the SHA-256 of every file of the campaign folder, signed with the organ's certificate.

`manifesto.json` lists the files; `manifesto.jws` is its signature, a JWS (RFC 7515) with the payload
detached and the signer's certificate chain in `x5c`: the certificate PEN issued to the organ's system,
so the signature is attributable and anyone can check it (`tramita-homologacao verificar`). The ledger,
lock files and the manifest itself are not part of the pack.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tramita_homologacao import __version__
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.conformidade.signatario import impressao

MANIFESTO, ASSINATURA = "manifesto.json", "manifesto.jws"
FORMATO = "tramita-homologacao/manifesto-1"
_ALGORITMOS_EC = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}
ALGORITMOS = ("RS256", *_ALGORITMOS_EC.values())


def fora_do_pacote(relativo: Path) -> bool:
    """The campaign's working files: the ledger, locks, files being written, the manifest itself."""
    nome = relativo.name
    return (
        any(parte.startswith(".") for parte in relativo.parts)
        or nome.startswith("livro.sqlite3")
        or nome.endswith(".gravando")
        or relativo in (Path(MANIFESTO), Path(ASSINATURA))
    )


def sha256_do_arquivo(caminho: Path) -> str:
    with caminho.open("rb") as arquivo:
        return hashlib.file_digest(arquivo, "sha256").hexdigest()


def arquivos_do_pacote(pasta: Path) -> list[Path]:
    """Every file of the pack, relative to its folder, in a stable order."""
    return sorted(
        c.relative_to(pasta) for c in pasta.rglob("*") if c.is_file() and not fora_do_pacote(c.relative_to(pasta))
    )


def _algoritmo(chave: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    if isinstance(chave, rsa.RSAPrivateKey):
        return "RS256"
    return _ALGORITMOS_EC[chave.curve.name]


def _x5c(certificados: list[x509.Certificate]) -> list[str]:
    return [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode("ascii") for c in certificados]


def assinar(conteudo: bytes, assinante: CertificadoDoOrgao) -> str:
    """Compact JWS, payload detached (`header..assinatura`), with the signer's chain."""
    cabecalho = {"typ": FORMATO, "x5c": _x5c([assinante.certificado, *assinante.cadeia])}
    return jwt.PyJWS().encode(
        conteudo, assinante.chave, algorithm=_algoritmo(assinante.chave), headers=cabecalho, is_payload_detached=True
    )


def _escrever(caminho: Path, conteudo: bytes) -> None:
    provisorio = caminho.with_name(caminho.name + ".gravando")
    provisorio.write_bytes(conteudo)
    os.replace(provisorio, caminho)


def escrever_manifesto(pasta: Path, ambiente: str, assinante: CertificadoDoOrgao | None) -> list[Path]:
    """The manifest of the pack as it is now and, with a certificate, its signature (an old one is removed)."""
    manifesto = {
        "formato": FORMATO,
        "gerado_em": datetime.now().astimezone().isoformat(timespec="seconds"),
        "versao_harness": __version__,
        "ambiente": ambiente,
        "assinante": None
        if assinante is None
        else {
            "titular": assinante.titular,
            "emissor": assinante.emissor,
            "impressao_digital_sha256": assinante.impressao_digital,
        },
        "arquivos": [
            {"caminho": r.as_posix(), "sha256": sha256_do_arquivo(pasta / r), "bytes": (pasta / r).stat().st_size}
            for r in arquivos_do_pacote(pasta)
        ],
    }
    conteudo = json.dumps(manifesto, ensure_ascii=False, indent=2).encode("utf-8")
    _escrever(pasta / MANIFESTO, conteudo)
    assinatura = pasta / ASSINATURA
    if assinante is None:
        assinatura.unlink(missing_ok=True)
        return [pasta / MANIFESTO]
    _escrever(assinatura, assinar(conteudo, assinante).encode("ascii"))
    return [pasta / MANIFESTO, assinatura]


@dataclass(frozen=True)
class AssinaturaConferida:
    cadeia: list[x509.Certificate]

    @property
    def certificado(self) -> x509.Certificate:
        return self.cadeia[0]

    @property
    def impressao_digital(self) -> str:
        return impressao(self.certificado)

    def cadeia_pem(self) -> str:
        return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in self.cadeia)


class AssinaturaInvalida(Exception):
    """The JWS does not verify over the manifest; the message says why, in Portuguese."""


def conferir_assinatura(conteudo: bytes, jws: str) -> AssinaturaConferida:
    """Whether `jws` signs exactly `conteudo` with the key of the first certificate of its `x5c`."""
    try:
        cabecalho = jwt.get_unverified_header(jws)
        cadeia = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in cabecalho["x5c"]]
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError):
        raise AssinaturaInvalida("a assinatura não é um JWS com a cadeia do certificado (x5c) legível") from None
    if not cadeia:
        raise AssinaturaInvalida("a assinatura não traz o certificado de quem assinou (x5c vazio)")
    chave = cadeia[0].public_key()
    if not isinstance(chave, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise AssinaturaInvalida("o certificado de quem assinou não tem chave RSA nem de curva elíptica")
    try:
        jwt.PyJWS().decode_complete(jws, chave, algorithms=list(ALGORITMOS), detached_payload=conteudo)
    except jwt.InvalidTokenError:
        raise AssinaturaInvalida(
            "a assinatura não confere com o manifesto: ele foi alterado depois de assinado, ou a assinatura é de "
            "outro manifesto"
        ) from None
    return AssinaturaConferida(cadeia)
