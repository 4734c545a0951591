"""Builds a whole simulator (model, counterparts, HTTP app) and serves it on loopback, with or without TLS."""

from __future__ import annotations

import logging
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from tramita_homologacao.simulador.agenda import Agenda
from tramita_homologacao.simulador.app import criar_app
from tramita_homologacao.simulador.contrapartes import Contrapartes
from tramita_homologacao.simulador.modelo import Plataforma
from tramita_homologacao.simulador.semente import ARQUIVO_PADRAO, carregar_semente


@dataclass(frozen=True)
class ConfiguracaoTls:
    """Server certificate and key (PEM); `ca_clientes` makes client certificates required."""

    certificado: Path
    chave: Path
    ca_clientes: Path | None = None

    def contexto(self) -> ssl.SSLContext:
        contexto = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        contexto.load_cert_chain(self.certificado, self.chave)
        if self.ca_clientes:
            contexto.load_verify_locations(self.ca_clientes)
            contexto.verify_mode = ssl.CERT_REQUIRED
        return contexto


class Simulador:
    """A running simulator: its platform model, counterparts and HTTP server on a thread."""

    def __init__(
        self,
        *,
        semente: Path = ARQUIVO_PADRAO,
        host: str = "127.0.0.1",
        porta: int = 0,
        versao_api: str = "v3",
        sistema_padrao: str | None = None,
        tls: ConfiguracaoTls | None = None,
    ) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the app keeps its own access log, in Portuguese
        self.plataforma = Plataforma(carregar_semente(semente))
        self.agenda = Agenda()
        self.contrapartes = Contrapartes(self.plataforma, self.agenda)
        self.versao_api = versao_api
        self.app = criar_app(self.plataforma, self.contrapartes, versao_api=versao_api, sistema_padrao=sistema_padrao)
        self._servidor: BaseWSGIServer = make_server(
            host, porta, self.app, threaded=True, ssl_context=tls.contexto() if tls else None
        )
        self._esquema = "https" if tls else "http"
        self._thread: threading.Thread | None = None

    @property
    def porta(self) -> int:
        return self._servidor.server_port

    @property
    def url_raiz(self) -> str:
        return f"{self._esquema}://{self._servidor.host}:{self.porta}/"

    @property
    def url_base(self) -> str:
        """Same shape as the real service's base URL, ending with `/`."""
        return f"{self.url_raiz}interoperabilidade/rest/{self.versao_api}/"

    def iniciar(self) -> Simulador:
        self._thread = threading.Thread(
            target=self._servidor.serve_forever, kwargs={"poll_interval": 0.05}, name="simulador-http", daemon=True
        )
        self._thread.start()
        return self

    def servir_para_sempre(self) -> None:
        """Foreground serving; returns when interrupted with Ctrl-C."""
        try:
            self._servidor.serve_forever()
        finally:
            self.parar()

    def parar(self) -> None:
        if self._thread is not None:
            self._servidor.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._servidor.server_close()
        self.agenda.parar()

    def __enter__(self) -> Simulador:
        return self.iniciar()

    def __exit__(self, *excecao) -> None:
        self.parar()
