"""Every time in the evidence in Brasília time, the zone written once where the times are read."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

BRASILIA = ZoneInfo("America/Sao_Paulo")
AVISO_DE_FUSO = "Horários de Brasília (America/Sao_Paulo, UTC−03:00)."


def hora(instante: datetime) -> str:
    """`27/11/2026 08:43:03`, in Brasília time."""
    return instante.astimezone(BRASILIA).strftime("%d/%m/%Y %H:%M:%S")


def struct_em_brasilia(segundos: float | None) -> time.struct_time:
    """A `logging.Formatter.converter`: log lines in Brasília time whatever the machine's zone."""
    return datetime.fromtimestamp(time.time() if segundos is None else segundos, BRASILIA).timetuple()


def hora_curta(instante: datetime) -> str:
    """`08:43:03`, in Brasília time (inside a day already named)."""
    return instante.astimezone(BRASILIA).strftime("%H:%M:%S")
