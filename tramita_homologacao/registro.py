"""The run record: every trâmite this run created or was sent, and every scenario's verdict.

It is the ownership record (the harness acts only on trâmites registered here) and the source of
`resumo.json`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite
from tramita_homologacao.conferencia import ConferenciaDeRecibo
from tramita_homologacao.dominio import Situacao


class ErroDePropriedade(Exception):
    """The harness was asked to act on a trâmite it did not create nor was sent in this run."""

    def __init__(self, idt: int, acao: str):
        super().__init__(
            f"Ação bloqueada: {acao} o trâmite IDT {idt}, que não foi criado nem recebido por esta execução do "
            "harness. O harness só age sobre os próprios trâmites de teste, para não interferir em processos reais "
            "do órgão."
        )


@dataclass(frozen=True)
class ComponenteRegistrado:
    nome: str
    tamanho: int
    hash: str
    mime_type: str


@dataclass
class TramiteRegistrado:
    requisito: str
    cenario: str
    papel: str
    idt: int
    nre: str
    protocolo: str
    situacao: Situacao = Situacao.INICIADO
    mudancas: tuple[MudancaDeSituacao, ...] = ()
    motivo_recusa: str | None = None
    justificativa_recusa: str | None = None
    componentes: tuple[ComponenteRegistrado, ...] = ()
    recibos: list[ConferenciaDeRecibo] = field(default_factory=list)

    @property
    def hashes_enviados(self) -> tuple[str, ...]:
        return tuple(sorted(c.hash for c in self.componentes))


@dataclass
class ResultadoDeCenario:
    cenario: str
    requisitos: tuple[str, ...]
    veredito: str
    mensagem: str = ""
    duracao_segundos: float = 0.0


@dataclass
class RegistroDeExecucao:
    inicio: datetime = field(default_factory=lambda: datetime.now().astimezone())
    tramites: dict[int, TramiteRegistrado] = field(default_factory=dict)
    resultados: list[ResultadoDeCenario] = field(default_factory=list)
    _trava: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def registrar(
        self, requisito: str, cenario: str, papel: str, idt: int, nre: str, protocolo: str
    ) -> TramiteRegistrado:
        with self._trava:
            registrado = TramiteRegistrado(requisito, cenario, papel, idt, nre, protocolo)
            self.tramites[idt] = registrado
            return registrado

    def exigir_proprio(self, idt: int, acao: str) -> TramiteRegistrado:
        try:
            return self.tramites[idt]
        except KeyError:
            raise ErroDePropriedade(idt, acao) from None

    def atualizar(self, tramite: Tramite) -> None:
        registrado = self.tramites.get(tramite.idt)
        if registrado is None:
            return
        registrado.situacao = tramite.situacao
        registrado.mudancas = tramite.mudancas
        registrado.motivo_recusa = tramite.motivo_recusa
        registrado.justificativa_recusa = tramite.justificativa_recusa

    def do_cenario(self, cenario: str) -> list[TramiteRegistrado]:
        return [t for t in self.tramites.values() if t.cenario == cenario]

    def concluir_cenario(self, resultado: ResultadoDeCenario) -> None:
        with self._trava:
            self.resultados.append(resultado)
