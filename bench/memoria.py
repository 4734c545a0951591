"""Peak resident memory of a process (Linux `/proc`; elsewhere unknown) and its reset between measures; the
system's dirty pages flushed between phases, so that what one phase wrote does not throttle the next."""

from __future__ import annotations

import contextlib
import os
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


def assentar_disco() -> None:
    """Unix `sync`: a phase starts with nothing left to write back from the previous ones (the machine throttles
    a writer once gigabytes are waiting)."""
    if hasattr(os, "sync"):
        os.sync()
