"""Following the open test trâmites of the ledger until they end, without holding a scenario open.

Each open trâmite is polled with adaptive backoff: the interval starts at the environment's
`intervalo_segundos`, doubles after every poll that shows no change and resets on a change, up to
`intervalo_maximo_segundos`. The harness also does what its own role requires so that its trâmites
can end: as remetente it fetches the recibo de conclusão (5 → 6) and acknowledges a refusal (8 → 9).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.cliente.erros import ErroTramita
from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.conformidade.requisitos import Papel
from tramita_homologacao.livro.livro import OBSERVADO, Linha
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.espera import Intervalo
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.protocolo.situacoes import Situacao


@dataclass
class Acompanhado:
    linha: Linha
    intervalo: Intervalo
    tramite: Tramite | None = None
    erro: str = ""
    proxima_consulta: float = 0.0
    consultas: int = 0
    ultima_consulta: datetime | None = None  # wall clock, for the user

    @property
    def final(self) -> bool:
        return self.tramite is not None and self.tramite.situacao.final

    def tempo_na_situacao(self, agora: datetime) -> float:
        if self.tramite is None or not self.tramite.mudancas:
            return 0.0
        return (agora - self.tramite.mudancas[-1].data_hora).total_seconds()


@dataclass
class Acompanhamento:
    orgao: Observador
    acompanhados: list[Acompanhado] = field(default_factory=list)
    relogio: Callable[[], float] = time.monotonic

    @classmethod
    def dos_abertos(cls, orgao: Observador, relogio: Callable[[], float] = time.monotonic) -> Acompanhamento:
        espera = orgao.ambiente.espera
        abertos = orgao.registro.livro.abertos()
        return cls(orgao, [Acompanhado(linha, intervalo=Intervalo.da(espera)) for linha in abertos], relogio)

    def incluir_novos(self) -> list[Acompanhado]:
        """Open trâmites that reached the ledger since (adopted, or sent by a scenario run meanwhile)."""
        vistos = {a.linha.idt for a in self.acompanhados}
        espera = self.orgao.ambiente.espera
        novos = [Acompanhado(linha, intervalo=Intervalo.da(espera)) for linha in self.orgao.registro.livro.abertos()]
        novos = [a for a in novos if a.linha.idt not in vistos]
        self.acompanhados.extend(novos)
        return novos

    @property
    def proxima_consulta(self) -> float | None:
        return min((a.proxima_consulta for a in self.pendentes), default=None)

    def consultar_devidos(self, *, todos: bool = False) -> bool:
        """Polls the pending trâmites whose time has come (or `todos`); whether any of them changed status."""
        mudou = False
        for acompanhado in [a for a in self.pendentes if todos or a.proxima_consulta <= self.relogio()]:
            anterior = acompanhado.tramite.situacao if acompanhado.tramite else None
            self.consultar(acompanhado)
            mudou |= acompanhado.tramite is not None and acompanhado.tramite.situacao != anterior
        return mudou

    @property
    def pendentes(self) -> list[Acompanhado]:
        return [a for a in self.acompanhados if not a.final]

    def consultar(self, acompanhado: Acompanhado) -> None:
        """One poll: the current status, the harness's own obligation if any, and the next poll's time."""
        anterior = acompanhado.tramite.situacao if acompanhado.tramite else None
        acompanhado.consultas += 1
        acompanhado.ultima_consulta = datetime.now().astimezone()
        try:
            idt = acompanhado.linha.idt
            assert idt is not None, "o livro só lista como abertos os trâmites com IDT"
            tramite = self.orgao.consultar(idt)
            tramite = self._cumprir_obrigacoes(acompanhado.linha, tramite)
            acompanhado.tramite, acompanhado.erro = tramite, ""
        except ErroTramita as erro:
            acompanhado.erro = str(erro)
        mudou = acompanhado.tramite is not None and acompanhado.tramite.situacao != anterior
        acompanhado.proxima_consulta = self.relogio() + acompanhado.intervalo.apos_consulta(mudou)

    def _cumprir_obrigacoes(self, linha: Linha, tramite: Tramite) -> Tramite:
        """What the organ owes as remetente, when the harness plays it; an observed trâmite is the SPE's to close."""
        if linha.papel != Papel.REMETENTE or linha.etapa == OBSERVADO or not isinstance(self.orgao, OrgaoEmTeste):
            return tramite
        if tramite.situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO:
            self.orgao.receber_recibo_de_conclusao(tramite.idt)
        elif tramite.situacao == Situacao.RECUSADO:
            self.orgao.dar_ciencia_da_recusa(tramite.idt)
        else:
            return tramite
        return self.orgao.consultar(tramite.idt)
