"""The signed recibos (`docs/api-tramita.md` §2.16–2.18 and §4): their XML text and their JSON shape.

The destinatário signs `<recibo>` with its certificate's key; the platform rebuilds the same
string from its own data to check it, and hands it back to the remetente with the signature.
Both sides of this project build and read recibos here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime


def formatar_data_recibo(instante: datetime) -> str:
    """`gmdate("Y-m-d\\TH:i:s.000\\Z")`, as the official module formats `dataDeRecebimento`."""
    return instante.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass(frozen=True)
class TipoDeRecibo:
    nome: str
    elemento: str
    campo_data: str

    def xml(self, idt: int, nre: str, data: str, hashes: Iterable[str]) -> str:
        """No whitespace, no declaration; hashes sorted in byte order (PHP `sort`), empty ones skipped."""
        itens = "".join(
            f"<hashDoComponenteDigital>{h}</hashDoComponenteDigital>" for h in sorted(h for h in hashes if h)
        )
        return (
            f"<{self.elemento}><IDT>{idt}</IDT><NRE>{nre}</NRE>"
            f"<{self.campo_data}>{data}</{self.campo_data}>{itens}</{self.elemento}>"
        )

    def como_json(self, idt: int, nre: str, data: str, hashes: Iterable[str], cadeia: str, assinatura: str) -> dict:
        return {
            self.elemento: {
                "IDT": idt,
                "NRE": nre,
                self.campo_data: data,
                "hashesDosComponentesDigitais": sorted(hashes),
            },
            "cadeiaDoCertificado": cadeia,
            "hashDaAssinatura": assinatura,
        }


RECIBO_DE_CONCLUSAO = TipoDeRecibo("recibo de conclusão", "recibo", "dataDeRecebimento")
# The platform's own recibo de envio: its signed text is not documented (inferred by symmetry).
RECIBO_DE_ENVIO = TipoDeRecibo("recibo de envio", "reciboDeEnvio", "dataDeRecebimentoDoUltimoComponenteDigital")
