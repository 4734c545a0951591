"""Recibos checked, not only stored: whose trâmite, who signed, and the hashes.

The official module stores the recibo de conclusão without checking it. Here the signed text is
rebuilt from the recibo's own fields (`docs/api-tramita.md` §4), the signature is verified with the
public key of `cadeiaDoCertificado`, that certificate must be recognised (`signatario.py`), the IDT and
NRE must be those of the trâmite judged, and every hash sent must be listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.conformidade.signatario import Confianca
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
    """A recibo checked against the trâmite it must belong to (`idt_esperado`, `nre_esperado`) and its signer.

    `signatario_reconhecido`: the signer's certificate was issued by a trusted authority of the environment
    (or is exactly the expected one); `motivo_do_signatario` says how, or why not.
    """

    tipo: str
    idt: int
    data: str
    hashes: tuple[str, ...]
    signatario: str
    assinatura_confere: bool
    faltando: tuple[str, ...]
    sobrando: tuple[str, ...]
    nre: str = ""
    idt_esperado: int | None = None
    nre_esperado: str = ""
    emissor: str = ""
    impressao_digital: str = ""
    signatario_reconhecido: bool = False
    motivo_do_signatario: str = ""
    bruto: dict = field(default_factory=dict, compare=False, repr=False)  # as received, to check again later

    @property
    def hashes_conferem(self) -> bool:
        return not self.faltando and not self.sobrando

    @property
    def do_tramite(self) -> bool:
        """The recibo names the trâmite judged: its IDT and its NRE."""
        return self.idt == self.idt_esperado and self.nre == self.nre_esperado

    @property
    def identidade_confere(self) -> bool:
        """Signed by a recognised signer, over this trâmite."""
        return self.assinatura_confere and self.signatario_reconhecido and self.do_tramite

    @property
    def confere(self) -> bool:
        return self.identidade_confere and self.hashes_conferem

    def descrever_tramite(self) -> str:
        if self.do_tramite:
            return f"do trâmite IDT {self.idt}, NRE {self.nre}"
        return (
            f"de OUTRO trâmite: o recibo diz IDT {self.idt}, NRE {self.nre or '(vazio)'}; o trâmite julgado é IDT "
            f"{self.idt_esperado}, NRE {self.nre_esperado}"
        )

    def descrever_signatario(self) -> str:
        if not self.signatario:
            return "sem certificado do signatário"
        quem = f"{self.signatario}, emitido por {self.emissor}, impressão digital SHA-256 {self.impressao_digital}"
        return (
            f"{quem}: "
            + ("reconhecido, " if self.signatario_reconhecido else "NÃO reconhecido, ")
            + (self.motivo_do_signatario)
        )

    def descrever(self) -> str:
        partes = [
            self.descrever_tramite(),
            f"assinatura {'válida' if self.assinatura_confere else 'INVÁLIDA'} ({self.descrever_signatario()})",
            "hashes conferem" if self.hashes_conferem else "hashes NÃO conferem",
            *descrever_diferenca(self.faltando, self.sobrando),
        ]
        return f"{self.tipo.capitalize()} " + "; ".join(partes)

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
            str(dados.get("nre", "")),
            dados.get("idt_esperado"),
            str(dados.get("nre_esperado", "")),
            str(dados.get("emissor", "")),
            str(dados.get("impressao_digital", "")),
            bool(dados.get("signatario_reconhecido", False)),
            str(dados.get("motivo_do_signatario", "")),
            dict(dados.get("bruto") or {}),
        )

    def como_json(self) -> dict:
        return {
            "tipo": self.tipo,
            "idt": self.idt,
            "nre": self.nre,
            "idt_esperado": self.idt_esperado,
            "nre_esperado": self.nre_esperado,
            "do_tramite": self.do_tramite,
            "data": self.data,
            "hashes": list(self.hashes),
            "signatario": self.signatario,
            "emissor": self.emissor,
            "impressao_digital": self.impressao_digital,
            "signatario_reconhecido": self.signatario_reconhecido,
            "motivo_do_signatario": self.motivo_do_signatario,
            "assinatura_confere": self.assinatura_confere,
            "hashes_conferem": self.hashes_conferem,
            "faltando": list(self.faltando),
            "sobrando": list(self.sobrando),
            "veredito": self.descrever(),
            "bruto": self.bruto,
        }


def conferir_recibo(
    recibo: ReciboAssinado, enviados: Iterable[str], *, idt: int, nre: str, confianca: Confianca
) -> ConferenciaDeRecibo:
    """The recibo against the trâmite judged (`idt`, `nre`), the hashes sent, and who may sign it."""
    faltando, sobrando = diferenca_de_hashes(recibo.hashes, enviados)
    assinatura_ok = bool(recibo.cadeia_do_certificado) and assinatura_confere(
        recibo.xml(), recibo.hash_da_assinatura, recibo.cadeia_do_certificado
    )
    reconhecimento = confianca.reconhecer(recibo.cadeia_do_certificado)
    return ConferenciaDeRecibo(
        tipo=recibo.tipo.nome,
        idt=recibo.idt,
        data=recibo.data,
        hashes=recibo.hashes,
        signatario=reconhecimento.signatario,
        assinatura_confere=assinatura_ok,
        faltando=faltando,
        sobrando=sobrando,
        nre=recibo.nre,
        idt_esperado=idt,
        nre_esperado=nre,
        emissor=reconhecimento.emissor,
        impressao_digital=reconhecimento.impressao_digital,
        signatario_reconhecido=reconhecimento.reconhecido,
        motivo_do_signatario=reconhecimento.motivo,
        bruto=recibo.como_json(),
    )
