"""Where the suite keeps its run-wide state: pytest stash keys, shared by its modules and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from tramita_homologacao.campanha.abertura import CampanhaAberta
from tramita_homologacao.livro.livro import VereditoRegistrado
from tramita_homologacao.orgao.espera import Aguardo
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.problemas import GravacaoImpossivel

if TYPE_CHECKING:
    from tramita_homologacao.suite.cenario import CenarioEmTeste

CHAVE_CAMPANHA = pytest.StashKey[CampanhaAberta]()  # opened once, by the command or by the plugin
CHAVE_REGISTRO = pytest.StashKey[RegistroDeExecucao]()  # this run's record in the campaign's ledger
CHAVE_URL_BASE = pytest.StashKey[str]()
CHAVE_NAO_SE_APLICA = pytest.StashKey[str]()  # why a scenario is not foreseen in this environment or mode
CHAVE_CENARIO: pytest.StashKey[CenarioEmTeste] = pytest.StashKey()  # the scenario façade, once a step asked for it
CHAVE_JA_APROVADOS = pytest.StashKey[list[VereditoRegistrado]]()  # left out: settled earlier in the campaign
CHAVE_AO_AGUARDAR = pytest.StashKey[Callable[[Aguardo], None]]()  # progress of long waits, when shown
CHAVE_SEM_ONDE_GRAVAR = pytest.StashKey[GravacaoImpossivel]()  # disk full or read-only: the run stops, unjudged
