"""Recibos checked, not only stored: the signature against the signer's certificate, and the hashes.

The official module stores the recibo de conclusão without checking it. Here the signed text is
rebuilt from the recibo's own fields (`docs/api-tramita.md` §4), the signature is verified with the
public key of `cadeiaDoCertificado`, and every hash sent must be listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cryptography import x509

from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.protocolo.assinatura import assinatura_confere


def diferenca_de_hashes(listados: Iterable[str], enviados: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sent but not listed, listed but not sent), each sorted."""
    listados, enviados = set(listados), set(enviados)
    return tuple(sorted(enviados - listados)), tuple(sorted(listados - enviados))


def descrever_diferenca(faltando: Iterable[str], sobrando: Iterable[str]) -> list[str]:
    partes = []
    if faltando:
        partes.append(f"hashes enviados que não constam: {', '.join(faltando)}")
    if sobrando:
        partes.append(f"hashes que constam mas não foram enviados: {', '.join(sobrando)}")
    return partes


@dataclass(frozen=True)
class ConferenciaDeRecibo:
    tipo: str
    idt: int
    data: str
    hashes: tuple[str, ...]
    signatario: str
    assinatura_confere: bool
    faltando: tuple[str, ...]
    sobrando: tuple[str, ...]

    @property
    def hashes_conferem(self) -> bool:
        return not self.faltando and not self.sobrando

    @property
    def confere(self) -> bool:
        return self.assinatura_confere and self.hashes_conferem

    def descrever(self) -> str:
        partes = [
            f"assinatura {'válida' if self.assinatura_confere else 'INVÁLIDA'}"
            + (f" ({self.signatario})" if self.signatario else " (sem certificado do signatário)"),
            "hashes conferem" if self.hashes_conferem else "hashes NÃO conferem",
            *descrever_diferenca(self.faltando, self.sobrando),
        ]
        return f"{self.tipo.capitalize()} do trâmite {self.idt}: " + "; ".join(partes)

    @classmethod
    def de_json(cls, dados: dict) -> ConferenciaDeRecibo:
        return cls(
            dados["tipo"],
            int(dados["idt"]),
            dados["data"],
            tuple(dados["hashes"]),
            dados["signatario"],
            bool(dados["assinatura_confere"]),
            tuple(dados["faltando"]),
            tuple(dados["sobrando"]),
        )

    def como_json(self) -> dict:
        return {
            "tipo": self.tipo,
            "idt": self.idt,
            "data": self.data,
            "hashes": list(self.hashes),
            "signatario": self.signatario,
            "assinatura_confere": self.assinatura_confere,
            "hashes_conferem": self.hashes_conferem,
            "faltando": list(self.faltando),
            "sobrando": list(self.sobrando),
            "veredito": self.descrever(),
        }


def _signatario(cadeia_pem: str) -> str:
    try:
        return x509.load_pem_x509_certificate(cadeia_pem.encode("ascii")).subject.rfc4514_string()
    except ValueError:
        return ""


def conferir_recibo(recibo: ReciboAssinado, enviados: Iterable[str]) -> ConferenciaDeRecibo:
    faltando, sobrando = diferenca_de_hashes(recibo.hashes, enviados)
    assinatura_ok = bool(recibo.cadeia_do_certificado) and assinatura_confere(
        recibo.xml(), recibo.hash_da_assinatura, recibo.cadeia_do_certificado
    )
    return ConferenciaDeRecibo(
        tipo=recibo.tipo.nome,
        idt=recibo.idt,
        data=recibo.data,
        hashes=recibo.hashes,
        signatario=_signatario(recibo.cadeia_do_certificado),
        assinatura_confere=assinatura_ok,
        faltando=faltando,
        sobrando=sobrando,
    )
