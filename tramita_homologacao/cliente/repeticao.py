"""Which requests are tried again, by the operation they are, not by their HTTP verb.

A connection that never opened is always tried again (nothing reached the server). After that, only
operations that change nothing are repeated (bounded, with backoff): reads, and the download of a
part of a componente digital (a POST). `GET tramites/{idt}/ciencia` is a read in verb only: it moves
the trâmite from 8 to 9, so it is never repeated blindly (the client checks the situação first).
"""

from __future__ import annotations

import re
from types import TracebackType
from typing import Any, Self

from urllib3.connectionpool import ConnectionPool
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

_DOWNLOAD_DE_PARTE = re.compile(r"/tramites/\d+/protocolos/componentes-digitais/partes/\d+-\d+$")
_MUDA_A_SITUACAO = re.compile(r"/tramites/\d+/ciencia$")


def operacao_idempotente(metodo: str | None, url: str | None) -> bool:
    caminho = (url or "").split("?", 1)[0]
    if metodo in ("GET", "HEAD"):
        return not _MUDA_A_SITUACAO.search(caminho)
    return metodo == "POST" and bool(_DOWNLOAD_DE_PARTE.search(caminho))


class RepeticaoPorOperacao(Retry):
    """urllib3's Retry, with read and status retries only for idempotent operations."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allowed_methods", None)  # the operation decides, in increment()
        super().__init__(**kwargs)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        regra = self if operacao_idempotente(method, url) else self.new(read=0, status=0, other=0)
        # (the non-idempotent copy keeps its connect budget: only a connection never made is tried again)
        return Retry.increment(regra, method, url, response, error, _pool, _stacktrace)
