"""An altered Tramita.GOV.BR: the simulator behind a WSGI layer that lies or fails, one rule at a time.

It sits in front of the simulator's app, in the test's process, so the harness (in process or in a
child process) talks HTTP to it as to the platform. A rule matches a method and a path and applies
`vezes` times (None: always):

- `falhar`: answers an HTTP error (503, 502…) without the simulator seeing the request;
- `perder_resposta`: the simulator applies the request, and the answer is cut on the way back;
- `alterar`: the simulator answers, and the JSON is changed by a function before it goes back.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass
class Regra:
    metodo: str
    caminho: re.Pattern[str]
    acao: str
    vezes: int | None
    status: int = 503
    mudar: Callable[[object], object] | None = None
    aplicadas: int = 0


class PlataformaAlterada:
    def __init__(self, simulador) -> None:
        self._app = simulador.app.wsgi_app
        simulador.app.wsgi_app = self
        self._regras: list[Regra] = []
        self._trava = threading.Lock()

    def falhar(self, metodo: str, caminho: str, status: int = 503, vezes: int | None = 1) -> Regra:
        return self._nova(Regra(metodo, re.compile(caminho), "falhar", vezes, status=status))

    def perder_resposta(self, metodo: str, caminho: str, vezes: int | None = 1) -> Regra:
        return self._nova(Regra(metodo, re.compile(caminho), "perder", vezes))

    def alterar(self, metodo: str, caminho: str, mudar: Callable[[object], object], vezes: int | None = None) -> Regra:
        return self._nova(Regra(metodo, re.compile(caminho), "alterar", vezes, mudar=mudar))

    def limpar(self) -> None:
        with self._trava:
            self._regras.clear()

    def _nova(self, regra: Regra) -> Regra:
        with self._trava:
            self._regras.append(regra)
        return regra

    def _regra(self, metodo: str, caminho: str) -> Regra | None:
        with self._trava:
            for regra in self._regras:
                esgotada = regra.vezes is not None and regra.aplicadas >= regra.vezes
                if not esgotada and regra.metodo == metodo and regra.caminho.search(caminho):
                    regra.aplicadas += 1
                    return regra
        return None

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        regra = self._regra(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        if regra is None:
            return self._app(environ, start_response)
        if regra.acao == "falhar":
            corpo = json.dumps({"codigoErro": None, "mensagem": "Serviço indisponível"}).encode()
            start_response(f"{regra.status} Falha", [("Content-Type", "application/json")])
            return [corpo]
        capturado: dict = {}

        def guardar(status: str, cabecalhos: list, exc_info=None):
            capturado["status"], capturado["cabecalhos"] = status, cabecalhos
            return lambda dados: None

        corpo = b"".join(self._app(environ, guardar))
        if regra.acao == "perder":  # applied; the answer promises more bytes than come, and the line closes
            start_response(capturado["status"], [("Content-Length", str(len(corpo) + 100)), ("Connection", "close")])
            return [corpo[: len(corpo) // 2]]
        assert regra.mudar is not None
        alterado = json.dumps(regra.mudar(json.loads(corpo))).encode()
        cabecalhos = [(k, v) for k, v in capturado["cabecalhos"] if k.lower() != "content-length"]
        start_response(capturado["status"], [*cabecalhos, ("Content-Length", str(len(alterado)))])
        return [alterado]
