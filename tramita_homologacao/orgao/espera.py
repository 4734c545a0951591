"""Waiting for a trâmite to reach a status: bounded polling, with a message that says where it stopped."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.configuracao.ambiente import Espera
from tramita_homologacao.protocolo.dominio import descrever_motivo
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import alcancaveis


@dataclass
class Intervalo:
    """Adaptive backoff: `base` after a change, doubled after every poll without one, up to `maximo`."""

    base: float
    maximo: float
    atual: float = field(init=False)

    def __post_init__(self) -> None:
        self.atual = self.base

    @classmethod
    def da(cls, espera: Espera) -> Intervalo:
        """The environment's polling: `intervalo_segundos`, up to `intervalo_maximo_segundos`."""
        return cls(espera.intervalo_segundos, espera.intervalo_maximo_segundos)

    def apos_consulta(self, mudou: bool) -> float:
        self.atual = self.base if mudou else min(self.atual * 2, max(self.maximo, self.base))
        return self.atual


class ErroDeEspera(AssertionError):
    """The trâmite did not reach the expected status (an assertion: the scenario fails, not breaks)."""

    def __init__(self, mensagem: str, tramite: Tramite):
        super().__init__(mensagem)
        self.tramite = tramite


def _alvos(alvo: Iterable[Situacao]) -> str:
    return " ou ".join(s.rotulo() for s in sorted(alvo))


def descrever_recusa(tramite: Tramite) -> str:
    if tramite.motivo_recusa is None and tramite.justificativa_recusa is None:
        return ""
    motivo = descrever_motivo(tramite.motivo_recusa)
    return f" Motivo da recusa: {motivo}. Justificativa: {tramite.justificativa_recusa}"


class TempoEsgotado(ErroDeEspera):
    def __init__(self, tramite: Tramite, alvo: frozenset[Situacao], limite: float):
        explicacao = tramite.situacao.explicacao
        quanto = (
            f"ficou na situação {tramite.situacao.rotulo()} por mais de {limite:g} s"
            if limite
            else (f"está na situação {tramite.situacao.rotulo()}")
        )
        super().__init__(
            f"O trâmite IDT {tramite.idt} (NRE {tramite.nre}) {quanto} sem chegar a {_alvos(alvo)}. "
            f"Onde está o processo: {explicacao.onde_esta}. O que fazer: {explicacao.o_que_fazer}",
            tramite,
        )


class SituacaoInesperada(ErroDeEspera):
    def __init__(self, tramite: Tramite, alvo: frozenset[Situacao]):
        super().__init__(
            f"O trâmite IDT {tramite.idt} (NRE {tramite.nre}) chegou à situação {tramite.situacao.rotulo()}, mas "
            f"o esperado era {_alvos(alvo)}.{descrever_recusa(tramite)}",
            tramite,
        )


def aguardar_situacao(
    consultar: Callable[[], Tramite],
    alvo: Iterable[Situacao],
    *,
    limite: Callable[[Situacao], float],
    intervalo: Intervalo,
    relogio: Callable[[], float] = time.monotonic,
    dormir: Callable[[float], None] = time.sleep,
    ao_aguardar: Callable[[Tramite, float, float], None] = lambda tramite, pausa, restante: None,
    transitoria: Callable[[Exception], bool] = lambda erro: False,
) -> Tramite:
    """Polls until the trâmite is in `alvo`; before each pause, `ao_aguardar(trâmite, pause, seconds left before
    it gives up)`.

    Fails at once when `alvo` can no longer be reached (a refusal, a cancellation, …), or when it stays in one
    status longer than `limite(status)`: the clock restarts at every change, as a person would wait. A query
    that fails with a `transitoria` fault (the platform or the network down) is asked again, with the same
    backoff, for as long as the status it was last seen in may last; then the fault is raised.
    """
    alvo = frozenset(alvo)
    situacao_anterior: Situacao | None = None
    desde = relogio()
    while True:
        try:
            tramite = consultar()
        except Exception as erro:
            if not transitoria(erro):
                raise
            restante = desde + limite(situacao_anterior or Situacao.INICIADO) - relogio()
            if restante <= 0:
                raise
            dormir(min(intervalo.apos_consulta(False), restante))
            continue
        if tramite.situacao in alvo:
            return tramite
        if not alvo & alcancaveis(tramite.situacao):
            raise SituacaoInesperada(tramite, alvo)
        mudou = tramite.situacao != situacao_anterior
        if mudou:
            situacao_anterior, desde = tramite.situacao, relogio()
        restante = desde + limite(tramite.situacao) - relogio()
        if restante <= 0:
            raise TempoEsgotado(tramite, alvo, limite(tramite.situacao))
        pausa = min(intervalo.apos_consulta(mudou), restante)
        ao_aguardar(tramite, pausa, restante)
        dormir(pausa)


@dataclass(frozen=True)
class Aguardo:
    """Where a wait stands, for whoever shows it: the requirement, who must act, what is awaited, what the
    harness sees meanwhile, and when it gives up."""

    requisito: str
    quem: str
    alvo: str
    pausa: float  # seconds to the next poll
    desiste_as: datetime
    tramite: Tramite | None = None
    visto: str = ""
