"""Runs the counterparts' reactions later, off the request that triggered them, as real organs would."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Agenda:
    """A single worker thread running callables at their due time; failures are logged and kept."""

    def __init__(self) -> None:
        self._fila: list[tuple[float, int, Callable[[], None]]] = []
        self._sequencia = itertools.count()
        self._condicao = threading.Condition()
        self._parar = False
        self.falhas: list[str] = []
        self._executando = 0
        self._thread = threading.Thread(target=self._laco, name="agenda-simulador", daemon=True)
        self._thread.start()

    def agendar(self, atraso_segundos: float, tarefa: Callable[[], None]) -> None:
        with self._condicao:
            heapq.heappush(self._fila, (time.monotonic() + atraso_segundos, next(self._sequencia), tarefa))
            self._condicao.notify()

    def ociosa(self) -> bool:
        with self._condicao:
            return not self._fila and not self._executando

    def parar(self) -> None:
        with self._condicao:
            self._parar = True
            self._condicao.notify()
        self._thread.join(timeout=5)

    def _laco(self) -> None:
        while True:
            with self._condicao:
                while not self._parar and (not self._fila or self._fila[0][0] > time.monotonic()):
                    espera = self._fila[0][0] - time.monotonic() if self._fila else None
                    self._condicao.wait(espera)
                if self._parar:
                    return
                _, _, tarefa = heapq.heappop(self._fila)
                self._executando += 1
            try:
                tarefa()
            except Exception as erro:  # a counterpart's failure must not stop the others
                log.exception("Falha numa reação de contraparte simulada")
                self.falhas.append(f"{type(erro).__name__}: {erro}")
            finally:
                with self._condicao:
                    self._executando -= 1
