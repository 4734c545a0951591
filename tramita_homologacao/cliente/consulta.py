"""A client that can only ask: the platform's queries that change no state, and nothing else.

Wherever the harness must not act — `explicar`, `diagnostico`, the look at the organ's pendências —
it holds this instead of `ClienteTramita`. The operations that move a trâmite (send, upload, read
metadata or components as destinatário, recibos, refuse, acknowledge, cancel) do not exist on it:
reaching for one is an `AttributeError`, not a request that was merely avoided.
"""

from __future__ import annotations

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.tipos import Estrutura, Pendencia, Repositorio, Tramite
from tramita_homologacao.protocolo.dominio import Endereco


class ClienteDeConsulta:
    """Only `GET`s that no status depends on: catalogues, trâmite queries and the pendências list."""

    def __init__(self, cliente: ClienteTramita) -> None:
        self._cliente = cliente

    @property
    def url_base(self) -> str:
        return self._cliente.url_base

    def fechar(self) -> None:
        self._cliente.fechar()

    def healthcheck(self) -> None:
        self._cliente.healthcheck()

    def listar_repositorios(self) -> list[Repositorio]:
        return self._cliente.listar_repositorios()

    def consultar_estrutura(self, repositorio: int, numero: int) -> Estrutura:
        return self._cliente.consultar_estrutura(repositorio, numero)

    def listar_pendencias(self) -> list[Pendencia]:
        """Listing does not consume them (`GET tramites/pendentes`; the SPE still finds every one)."""
        return self._cliente.listar_pendencias()

    def consultar_tramite(self, idt: int) -> Tramite:
        return self._cliente.consultar_tramite(idt)

    def consultar_tramites(
        self,
        *,
        idt: int | None = None,
        nre: str | None = None,
        protocolo: str | None = None,
        remetente: Endereco | None = None,
        destinatario: Endereco | None = None,
    ) -> list[Tramite]:
        return self._cliente.consultar_tramites(
            idt=idt, nre=nre, protocolo=protocolo, remetente=remetente, destinatario=destinatario
        )
