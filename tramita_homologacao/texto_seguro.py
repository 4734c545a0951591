"""Text from the server, the files or the user made safe for a terminal: no control character reaches it."""

from __future__ import annotations

# C0 (but tab and newline), DEL, C1, and the bidirectional marks, overrides and isolates.
_CONTROLES = dict.fromkeys(
    [
        *(c for c in range(0x20) if c not in (0x09, 0x0A)),
        *range(0x7F, 0xA0),
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ],
    "\ufffd",
)


def seguro(texto: str) -> str:
    """`texto` with each control character replaced by `�` (one for one: styled spans stay where they were)."""
    return texto.translate(_CONTROLES)
