"""Following a campaign over days until nothing is left to wait for.

Each round takes up what PEN sent for the open requests, polls the open trâmites when their
interval is due (adaptive backoff, `orgao/acompanhamento.py`) and, when something changed, has the
scenarios of the trâmites not yet judged run again, each wait asking only once: a scenario whose
counterpart acted is judged, the others stay waiting. Nothing here judges by itself: verdicts come
from the same scenarios and checks as `executar`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.campanha.adocao import Procura, adotar_enviados_pelo_pen
from tramita_homologacao.livro.livro import Livro, Pedido
from tramita_homologacao.orgao.acompanhamento import Acompanhamento
from tramita_homologacao.orgao.espera import Intervalo


@dataclass
class Seguimento:
    acompanhamento: Acompanhamento
    julgar: Callable[[list[str]], None]  # runs the named scenarios again
    ao_procurar: Callable[[Procura], None] = lambda procura: None  # what one look at the pendências found
    procura: Procura = field(default_factory=Procura)  # everything adopted and ignored so far
    proxima_procura: float = 0.0
    ultima_procura: datetime | None = None  # wall clock, for the user
    _intervalo_da_procura: Intervalo | None = None
    _julgar_agora: bool = True  # the first round judges what earlier commands left unjudged

    @property
    def livro(self) -> Livro:
        return self.acompanhamento.orgao.registro.livro

    @property
    def relogio(self) -> Callable[[], float]:
        return self.acompanhamento.relogio

    def pedidos_em_aberto(self) -> list[Pedido]:
        """The processos asked of PEN that have not arrived yet."""
        return [p for p in self.livro.pedidos() if p.idt is None]

    def _a_procurar(self) -> bool:
        """Something arrives only by looking: processos asked of PEN, trâmites the operator was told to send."""
        return bool(self.pedidos_em_aberto() or self.livro.envios_instruidos())

    def terminou(self) -> bool:
        """Nothing left: every trâmite judged, nothing asked of PEN or of the operator still unseen."""
        return not self.livro.por_julgar() and not self._a_procurar()

    def rodada(self) -> bool:
        """One round: adopt what arrived, poll what is due, judge what changed. Whether anything changed."""
        mudou, procurar = False, self._a_procurar() and self.relogio() >= self.proxima_procura
        if procurar:
            self.ultima_procura = datetime.now().astimezone()
        if procurar and self.pedidos_em_aberto():
            procura = adotar_enviados_pelo_pen(self.acompanhamento.orgao)
            self.ao_procurar(procura)
            self.procura.adotados += procura.adotados
            self.procura.ignorados += procura.ignorados
            mudou = bool(procura.adotados)
        # the scenarios whose operator was told to send look (once) for the trâmite they made
        instruidos = {cenario for _, cenario in self.livro.envios_instruidos()} if procurar else set()
        if procurar:
            if self._intervalo_da_procura is None:
                self._intervalo_da_procura = Intervalo.da(self.acompanhamento.orgao.ambiente.espera)
            self.proxima_procura = self.relogio() + self._intervalo_da_procura.apos_consulta(mudou)
        self.acompanhamento.incluir_novos()
        mudou |= self.acompanhamento.consultar_devidos()
        cenarios = set(instruidos)
        if mudou or self._julgar_agora:
            cenarios |= {linha.cenario for linha in self.livro.por_julgar()}
        self._julgar_agora = False
        if cenarios:
            self.julgar(sorted(cenarios))
            # What the scenarios did (and what the counterpart did meanwhile) is seen at once; a change
            # not caused by them has them judge again next round.
            novos = self.acompanhamento.incluir_novos()
            self._julgar_agora = self.acompanhamento.consultar_devidos(todos=True) and bool(self.livro.por_julgar())
            mudou |= bool(novos)
        return mudou

    def _proxima(self) -> float | None:
        if self._julgar_agora:
            return self.relogio()
        candidatas = [self.acompanhamento.proxima_consulta]
        if self._a_procurar():
            candidatas.append(self.proxima_procura)
        return min((c for c in candidatas if c is not None), default=None)

    def seguir(
        self,
        ao_atualizar: Callable[[Seguimento], None] = lambda seguimento: None,
        dormir: Callable[[float], None] = time.sleep,
        limite_segundos: float | None = None,
    ) -> bool:
        """Rounds until the campaign has nothing left to wait for (True), or the limit passes (False)."""
        inicio = self.relogio()
        while True:
            if self.rodada():
                ao_atualizar(self)
            if self.terminou():
                return True
            proxima = self._proxima()
            if proxima is None:  # unjudged trâmites that no longer move: nothing more to wait for
                return False
            if limite_segundos is not None and proxima - inicio >= limite_segundos:
                return False
            dormir(max(0.0, proxima - self.relogio()))
