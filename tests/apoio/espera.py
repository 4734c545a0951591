"""Waiting on state, not on the clock: a test goes on as soon as what it needs is true, and fails if it never is."""

from __future__ import annotations

import time
from collections.abc import Callable


def esperar_ate(condicao: Callable[[], object], descricao: str, limite: float = 30) -> None:
    fim = time.monotonic() + limite
    while not condicao():
        if time.monotonic() > fim:
            raise AssertionError(f"Depois de {limite} s, ainda não: {descricao}")
        time.sleep(0.02)


def contrapartes_ociosas(simulador) -> None:
    """Until every scripted counterpart reaction is done."""
    esperar_ate(simulador.agenda.ociosa, "as contrapartes simuladas terminarem de reagir")
