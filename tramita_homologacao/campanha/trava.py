"""One run per campaign at a time: two runs on one environment would adopt and cancel each other's trâmites.

An OS file lock (released by the system when the process dies, even by SIGKILL) guards the
campaign folder; beside it, who holds it (process, command, since when) for the message the
second run prints.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.horario import hora


class CampanhaEmUso(ProblemaConhecido):
    """Another run holds the campaign; the message says which and what to do."""

    titulo = "Campanha em uso"


def _quem_usa(arquivo: Path, paciencia: float = 3.0) -> str:
    """Who holds the campaign; the holder writes it right after taking the lock, so a moment may be needed."""
    fim = time.monotonic() + paciencia
    while True:
        try:
            dono = json.loads(arquivo.read_text(encoding="utf-8"))
            desde = hora(datetime.fromisoformat(dono["desde"]))
            return f"{dono['comando']}, processo {dono['pid']}, desde {desde}"
        except (OSError, ValueError, KeyError, TypeError):
            if time.monotonic() > fim:
                return "processo não identificado"
            time.sleep(0.05)


@contextmanager
def campanha_exclusiva(ambiente: Ambiente, pasta: Path, comando: str) -> Iterator[None]:
    """Holds the campaign in `pasta` for this process; raises `CampanhaEmUso` at once if another holds it."""
    pasta.mkdir(parents=True, exist_ok=True)
    trava = FileLock(pasta / ".campanha.lock")
    dono = pasta / ".campanha.dono.json"
    try:
        trava.acquire(timeout=0)
    except Timeout:
        raise CampanhaEmUso(
            f"A campanha do ambiente '{ambiente.nome}' ({pasta}) já está em uso por outra execução "
            f"({_quem_usa(dono)}). Só uma execução por ambiente pode agir de cada vez, para que nenhum trâmite seja "
            "tratado duas vezes: aguarde ela terminar (ou encerre-a com Ctrl-C) e execute de novo."
        ) from None
    try:
        provisorio = dono.with_suffix(f".{os.getpid()}.tmp")
        provisorio.write_text(
            json.dumps({"pid": os.getpid(), "comando": comando, "desde": datetime.now().astimezone().isoformat()}),
            encoding="utf-8",
        )
        os.replace(provisorio, dono)  # whole or absent: a reader never sees half of it
        yield
    finally:
        dono.unlink(missing_ok=True)
        trava.release()
