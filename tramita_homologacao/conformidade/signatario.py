"""Who may sign a recibo: the certificate must be one the platform issued, not merely one that matches its signature.

A signature only proves that the key of the certificate sent beside it signed the text; anybody can make
a certificate. So the signer is recognised only when its certificate chains (through the certificates of
`cadeiaDoCertificado`) to a trusted authority — the one that issues the systems' certificates in that
environment (`[certificado].ac_dos_sistemas`, or the chain that came in the organ's own certificate file;
in the simulator, its own authority) — or when it is exactly a certificate named as the expected signer
(the organ's own, for the recibo the harness signs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes

from tramita_homologacao.problemas import ProblemaConhecido, motivo_do_sistema

MAXIMO_DE_INTERMEDIARIAS = 5
SEM_AUTORIDADE = "nenhuma autoridade certificadora dos sistemas configurada para reconhecer o signatário"


def certificados_pem(texto: str) -> list[x509.Certificate]:
    """Every certificate of a PEM text (none if it is not PEM)."""
    try:
        return x509.load_pem_x509_certificates(texto.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return []


def impressao(certificado: x509.Certificate) -> str:
    return certificado.fingerprint(hashes.SHA256()).hex()


def _emitido_por(certificado: x509.Certificate, emissor: x509.Certificate) -> bool:
    try:
        certificado.verify_directly_issued_by(emissor)
    except (ValueError, TypeError, InvalidSignature):  # another issuer's name, an unsupported key, a forged one
        return False
    return True


def _e_autoridade(certificado: x509.Certificate) -> bool:
    """Marked as a certificate authority: a system's own certificate cannot vouch for another one."""
    try:
        return bool(certificado.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


@dataclass(frozen=True)
class Reconhecimento:
    reconhecido: bool
    signatario: str  # the signer's subject
    emissor: str
    impressao_digital: str  # SHA-256 of the signer's certificate, hex
    motivo: str


@dataclass(frozen=True)
class Confianca:
    """Trusted authorities (`acs`) and exact certificates (SHA-256 fingerprints) for a recibo's signer."""

    acs: tuple[x509.Certificate, ...] = field(default=(), repr=False)
    exatos: frozenset[str] = frozenset()

    @classmethod
    def das_acs(cls, acs: Iterable[x509.Certificate]) -> Confianca:
        return cls(acs=tuple(acs))

    @classmethod
    def exatamente(cls, certificado_pem: str) -> Confianca:
        return cls(exatos=frozenset(impressao(c) for c in certificados_pem(certificado_pem)[:1]))

    @property
    def vazia(self) -> bool:
        return not self.acs and not self.exatos

    def reconhecer(self, cadeia_pem: str) -> Reconhecimento:
        cadeia = certificados_pem(cadeia_pem)
        if not cadeia:
            return Reconhecimento(False, "", "", "", "o recibo não traz o certificado do signatário")
        folha, intermediarias = cadeia[0], cadeia[1:]
        identidade = (folha.subject.rfc4514_string(), folha.issuer.rfc4514_string(), impressao(folha))
        if identidade[2] in self.exatos:
            return Reconhecimento(True, *identidade, "certificado esperado, pela impressão digital")
        atual = folha
        for _ in range(MAXIMO_DE_INTERMEDIARIAS + 1):
            ac = next((a for a in self.acs if _emitido_por(atual, a)), None)
            if ac is not None:
                return Reconhecimento(
                    True, *identidade, f"emitido pela autoridade confiável {ac.subject.rfc4514_string()}"
                )
            proxima = next(
                (c for c in intermediarias if c is not atual and _e_autoridade(c) and _emitido_por(atual, c)), None
            )
            if proxima is None:
                break
            atual = proxima
        if self.vazia:
            motivo = SEM_AUTORIDADE
        else:
            motivo = "o certificado do signatário não foi emitido por uma autoridade confiável do ambiente"
        return Reconhecimento(False, *identidade, motivo)


class AutoridadeIlegivel(ProblemaConhecido):
    titulo = "Autoridade certificadora dos sistemas"


def confianca_do_ambiente(
    arquivo_da_ac: Path | None, cadeia_do_orgao: Iterable[x509.Certificate], ac_do_simulador: str = ""
) -> Confianca:
    """The authorities that may have issued a recibo's signer here: the file `[certificado].ac_dos_sistemas`,
    the chain that came with the organ's own certificate (the same authority issues every system's), and,
    in the simulator, its own."""
    acs = [*cadeia_do_orgao, *certificados_pem(ac_do_simulador)]
    if arquivo_da_ac is not None:
        try:
            texto = arquivo_da_ac.read_bytes().decode("ascii", errors="replace")
        except OSError as erro:
            raise AutoridadeIlegivel(
                f"Não foi possível ler {arquivo_da_ac} ([certificado].ac_dos_sistemas): {motivo_do_sistema(erro)}. "
                "Indique o arquivo PEM da autoridade certificadora que emite os certificados dos sistemas."
            ) from None
        lidas = certificados_pem(texto)
        if not lidas:
            raise AutoridadeIlegivel(
                f"{arquivo_da_ac} ([certificado].ac_dos_sistemas) não tem nenhum certificado em PEM "
                "(-----BEGIN CERTIFICATE-----). Exporte a cadeia do certificado gerado no Portal de Administração "
                "em PEM."
            )
        acs += lidas
    return Confianca.das_acs(acs)
