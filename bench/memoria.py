"""Peak resident memory of a process (Linux `/proc`; elsewhere unknown), and its reset between measures."""

from __future__ import annotations

import contextlib
from pathlib import Path


def pico_residente_mib(pid: int | str = "self") -> float | None:
    """VmHWM: the highest resident set since start or since the last `zerar_pico`."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return None
    for linha in status.read_text().splitlines():
        if linha.startswith("VmHWM:"):
            return round(int(linha.split()[1]) / 1024, 1)
    return None


def zerar_pico(pid: int | str = "self") -> None:
    """Linux resets VmHWM to the current resident set when 5 is written to clear_refs."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")
