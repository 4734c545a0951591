"""A client that can only ask: the platform's queries that change no state, and nothing else.

Wherever the harness must not act — `explicar`, `diagnostico`, the look at the organ's pendências,
and the assisted mode, where it may hold the organ's own SPE certificate — it holds this instead of
`ClienteTramita`. The operations that move a trâmite (send, upload, download, send a recibo, refuse,
acknowledge, cancel) do not exist on it: reaching for one is an `AttributeError`, not a request that
was merely avoided. Two reads move a trâmite only in one status (the metadata, 2 → 3, read by the
destinatário; the recibo de conclusão, 5 → 6, read by the remetente): here they are refused there.
"""

from __future__ import annotations

from datetime import timedelta

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.tipos import (
    Estrutura,
    HipoteseLegal,
    Metadados,
    Pendencia,
    ReciboAssinado,
    Tramite,
)
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao


class LeituraQueMudaria(Exception):
    """A read that would move the trâmite in its current status (and so is not made)."""


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

    def medir_desvio_do_relogio(self) -> timedelta | None:
        return self._cliente.medir_desvio_do_relogio()

    def consultar_estrutura(self, repositorio: int, numero: int) -> Estrutura:
        return self._cliente.consultar_estrutura(repositorio, numero)

    def listar_hipoteses_legais(self, ativas: bool = True) -> list[HipoteseLegal]:
        return self._cliente.listar_hipoteses_legais(ativas)

    def listar_pendencias(self) -> list[Pendencia]:
        """Listing does not consume them (`GET tramites/pendentes`; the SPE still finds every one)."""
        return self._cliente.listar_pendencias()

    def consultar_tramite(self, idt: int) -> Tramite:
        return self._cliente.consultar_tramite(idt)

    def ler_metadados(self, idt: int) -> Metadados:
        """The processo as sent, once the destinatário has read it (never in 1 or 2, where a read is receiving)."""
        situacao = self.consultar_tramite(idt).situacao
        if situacao in (Situacao.INICIADO, Situacao.COMPONENTES_ENVIADOS_REMETENTE):
            raise LeituraQueMudaria(
                f"Os metadados do trâmite {idt} não são lidos na situação {situacao.rotulo()}: a leitura poderia "
                "iniciar o recebimento, que cabe ao SPE do órgão."
            )
        return self._cliente.solicitar_metadados(idt)

    def ler_descricao(self, idt: int) -> str:
        """The processo's descrição, from its metadata (where reading them moves nothing)."""
        return str(self.ler_metadados(idt).protocolo.get("descricao", ""))

    def ler_recibo_de_conclusao(self, idt: int) -> ReciboAssinado:
        """The recibo de conclusão once the remetente has it (6); read in 5 it would be the remetente receiving."""
        situacao = self.consultar_tramite(idt).situacao
        if situacao != Situacao.RECIBO_RECEBIDO_REMETENTE:
            raise LeituraQueMudaria(
                f"O recibo de conclusão do trâmite {idt} só é lido na situação 6 (está em {situacao.rotulo()}): "
                "buscá-lo antes é o recebimento do recibo, que cabe ao SPE do órgão."
            )
        return self._cliente.receber_recibo_de_tramite(idt)

    def ler_recibo_de_envio(self, idt: int) -> ReciboAssinado:
        """The platform's recibo de envio: reading it changes nothing."""
        return self._cliente.receber_recibo_de_envio(idt)

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
