"""The signed recibo texts (`tramita-api.md` §2.16–2.18 and §4).

The destinatário signs `<recibo>` with its certificate's key; the platform rebuilds the same
string from its own data to check it. Both sides of this project build it here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime


def formatar_data_recibo(instante: datetime) -> str:
    """`gmdate("Y-m-d\\TH:i:s.000\\Z")`, as the official module formats `dataDeRecebimento`."""
    return instante.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _hashes_ordenados(hashes: Iterable[str]) -> list[str]:
    # PHP sort() on ASCII strings is byte order; empty hashes are skipped by the module.
    return sorted(h for h in hashes if h)


def xml_recibo_de_conclusao(idt: int, nre: str, data_de_recebimento: str, hashes: Iterable[str]) -> str:
    itens = "".join(f"<hashDoComponenteDigital>{h}</hashDoComponenteDigital>" for h in _hashes_ordenados(hashes))
    return (
        f"<recibo><IDT>{idt}</IDT><NRE>{nre}</NRE>"
        f"<dataDeRecebimento>{data_de_recebimento}</dataDeRecebimento>{itens}</recibo>"
    )


def xml_recibo_de_envio(idt: int, nre: str, data_ultimo_componente: str, hashes: Iterable[str]) -> str:
    """The platform's own recibo de envio; its exact text is not documented (inferred by symmetry)."""
    itens = "".join(f"<hashDoComponenteDigital>{h}</hashDoComponenteDigital>" for h in _hashes_ordenados(hashes))
    return (
        f"<reciboDeEnvio><IDT>{idt}</IDT><NRE>{nre}</NRE>"
        f"<dataDeRecebimentoDoUltimoComponenteDigital>{data_ultimo_componente}"
        f"</dataDeRecebimentoDoUltimoComponenteDigital>{itens}</reciboDeEnvio>"
    )
