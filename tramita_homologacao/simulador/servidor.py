"""Builds a whole simulator (model, counterparts, HTTP app) and serves it on loopback, with or without TLS."""

from __future__ import annotations

import errno
import logging
import socket
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

from werkzeug.http import http_date
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.assinatura import AutoridadeCertificadora
from tramita_homologacao.simulador.agenda import Agenda
from tramita_homologacao.simulador.app import criar_app
from tramita_homologacao.simulador.contrapartes import Contrapartes
from tramita_homologacao.simulador.modelo import Plataforma
from tramita_homologacao.simulador.semente import ARQUIVO_PADRAO, carregar_semente


class SimuladorNaoIniciado(ProblemaConhecido):
    titulo = "Simulador não iniciado"


_MOTIVOS_DE_ESCUTA = {
    errno.EADDRINUSE: "a porta {porta} já está em uso por outro programa: encerre-o ou escolha outra com --porta "
    "(0 escolhe uma livre)",
    errno.EADDRNOTAVAIL: "o endereço {host} não pertence a esta máquina: use 127.0.0.1 (só esta máquina) ou um "
    "endereço de uma das suas placas de rede",
    errno.EACCES: "sem permissão para escutar na porta {porta} (abaixo de 1024 exige administrador): escolha outra com "
    "--porta",
}


def conferir_endereco(host: str, porta: int) -> None:
    """The address can be listened on (checked, then released, before the server takes it)."""
    if porta == 0:
        return
    try:
        socket.create_server((host, porta)).close()
    except socket.gaierror:
        raise SimuladorNaoIniciado(f"O endereço {host} não foi encontrado (--host).") from None
    except OSError as erro:
        motivo = _MOTIVOS_DE_ESCUTA.get(erro.errno or 0, "{erro}").format(porta=porta, host=host, erro=erro.strerror)
        raise SimuladorNaoIniciado(f"Não foi possível escutar em {host}:{porta}: {motivo}.") from None


@dataclass(frozen=True)
class ConfiguracaoTls:
    """Server certificate and key (PEM); `ca_clientes` makes client certificates required."""

    certificado: Path
    chave: Path
    ca_clientes: Path | None = None
    senha_da_chave: Segredo | None = None  # an encrypted key's password, never asked by OpenSSL itself

    def contexto(self) -> ssl.SSLContext:
        contexto = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        senha = self.senha_da_chave.revelar().encode() if self.senha_da_chave else b""
        try:
            contexto.load_cert_chain(self.certificado, self.chave, password=lambda: senha)
        except ssl.SSLError as erro:
            protegida = b"ENCRYPTED" in self.chave.read_bytes()
            raise SimuladorNaoIniciado(
                "A senha da chave TLS do servidor está incorreta."
                if protegida and senha
                else f"A chave TLS do servidor ({self.chave.name}) está protegida por senha: informe-a."
                if protegida
                else f"Certificado ou chave TLS do servidor inválidos ({erro.reason or erro})."
            ) from None
        if self.ca_clientes:
            contexto.load_verify_locations(self.ca_clientes)
            contexto.verify_mode = ssl.CERT_REQUIRED
        return contexto


def _com_a_data(plataforma: Plataforma) -> type[WSGIRequestHandler]:
    """The server's request handler, dating every answer (`Date`) in the platform's clock, which the control API
    can advance: as the real service does, so a client can measure how far its own clock is from it."""

    class ComADataDaPlataforma(WSGIRequestHandler):
        def date_time_string(self, timestamp: float | None = None) -> str:
            return http_date(plataforma.relogio.agora())

    return ComADataDaPlataforma


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
        token_de_controle: str | None = None,
        autoridade: AutoridadeCertificadora | None = None,
    ) -> None:
        """`autoridade`: the CA of the simulated systems (by default, a new one: an RSA key made per simulator)."""
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the app keeps its own access log, in Portuguese
        contexto = tls.contexto() if tls else None  # a problem with the key or the address stops it before anything
        conferir_endereco(host, porta)
        self.plataforma = Plataforma(carregar_semente(semente), autoridade=autoridade)
        self.agenda = Agenda()
        self.contrapartes = Contrapartes(self.plataforma, self.agenda)
        self.versao_api = versao_api
        self.app = criar_app(
            self.plataforma,
            self.contrapartes,
            versao_api=versao_api,
            sistema_padrao=sistema_padrao,
            token_de_controle=token_de_controle,
        )
        self._servidor: BaseWSGIServer = make_server(
            host, porta, self.app, threaded=True, ssl_context=contexto, request_handler=_com_a_data(self.plataforma)
        )
        self._esquema = "https" if tls else "http"
        self._thread: threading.Thread | None = None

    def dar_papel_de_controle(self, impressao_digital: str) -> None:
        """Under mutual TLS, the certificate with this SHA-256 fingerprint may use the control API."""
        self.app.extensions["certificados_de_controle"].add(impressao_digital)

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
        self.plataforma.armazem.fechar()

    def __enter__(self) -> Simulador:
        return self.iniciar()

    def __exit__(self, *excecao) -> None:
        self.parar()
