"""What a scenario holds as it goes (its processo, trâmite, what was received): the façade (`cenario.py`,
`cenario_estendido.py`) and whoever acts for the organ (`ator_api.py`, `ator_assistido.py`) share it, and only this
module knows its shape, and what an actor does with it (`Ator`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Protocol

import pytest
import requests
from faker import Faker

from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.cliente.tipos import Metadados
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.verificacoes import RecusaPrevista, Verificador
from tramita_homologacao.orgao.acoes import ProcessoRecebido
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.orgao.processo_teste import DO_MINIMO, ProcessoDeTeste, Variante
from tramita_homologacao.orgao.registro import TramiteRegistrado
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa


@dataclass(repr=False)
class EstadoDoCenario:
    """What a scenario holds as it goes; the actors read and fill it."""

    requisito: str
    nome: str
    orgao: Observador
    verificador: Verificador
    faker: Faker
    pasta: Path
    url_raiz: str  # where the simulator's control API lives, when the counterpart is simulated
    como_acompanhar: str = "tramita-homologacao acompanhar --aguardar"  # the commands, as the user can run them
    como_executar: str = "tramita-homologacao executar"
    so_retomar: bool = False  # following up (acompanhar): nothing new is sent
    # the HTTP session to reach the simulator's control API (its counterparts), when there is one
    sessao_de_controle: requests.Session = field(default_factory=requests.Session)
    variante: Variante = DO_MINIMO  # what the extended profile's case changes in the test processo
    processo: ProcessoDeTeste | None = None
    tramite: TramiteRegistrado | None = None
    recebido: ProcessoRecebido | None = None
    recibo_de_conclusao: ConferenciaDeRecibo | None = None
    recusa: tuple[MotivoRecusa, str] | None = None
    # a devolução: the trâmite the organ sent first, and the components the platform asked for when it came back
    devolvido_de: TramiteRegistrado | None = None
    pendentes_na_devolucao: tuple[str, ...] = ()
    # what an SPE refused by itself (the organ's SEI, a format; a destination's, the extended profile's case)
    recusa_pelo_spe: RecusaPrevista | None = None

    @property
    def ambiente(self) -> Ambiente:
        return self.orgao.ambiente

    @property
    def idt(self) -> int:
        if self.tramite is None:
            self.faltou_o_passo("ainda não tem trâmite: falta o passo que o cria")
        return self.tramite.idt

    def faltou_o_passo(self, o_que: str) -> NoReturn:
        raise pytest.UsageError(f"O cenário '{self.nome}' {o_que}.")

    def __repr__(self) -> str:  # how Allure shows it as a step's parameter: short, no paths
        return f"cenário '{self.nome}' (requisito {self.requisito})"


class Ator(Protocol):
    """Who does what the organ does in a scenario; the façade keeps the state, the checks and the rest."""

    def preparar_processo(self, cenario: EstadoDoCenario) -> None: ...
    def enviar(self, cenario: EstadoDoCenario, destino: Endereco) -> None: ...
    def receber_recibo_de_conclusao(self, cenario: EstadoDoCenario) -> None: ...
    def cancelar(self, cenario: EstadoDoCenario) -> None: ...
    def tomar_ciencia_da_recusa(self, cenario: EstadoDoCenario) -> None: ...
    def aguardar_cancelamento_automatico(self, cenario: EstadoDoCenario) -> None: ...
    def metadados_do_tramite(self, cenario: EstadoDoCenario) -> Metadados: ...
    def tentar_cancelar(self, cenario: EstadoDoCenario) -> ErroDaApi | None: ...
    def receber_processo(self, cenario: EstadoDoCenario) -> None: ...
    def recusar(self, cenario: EstadoDoCenario, motivo: MotivoRecusa, justificativa: str) -> None: ...
    def componentes_recebidos(self, cenario: EstadoDoCenario) -> tuple[str, Collection[str], Collection[str]]: ...
