"""Where the suite keeps its run-wide state: pytest stash keys, shared by its modules and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.livro.livro import VereditoRegistrado
from tramita_homologacao.orgao.registro import RegistroDeExecucao

if TYPE_CHECKING:
    from tramita_homologacao.suite.cenario import CenarioEmTeste

CHAVE_REGISTRO = pytest.StashKey[RegistroDeExecucao]()
CHAVE_AMBIENTE = pytest.StashKey[Ambiente]()
CHAVE_URL_BASE = pytest.StashKey[str]()
CHAVE_NAO_SE_APLICA = pytest.StashKey[str]()  # why a scenario is not foreseen in this environment or mode
CHAVE_CENARIO: pytest.StashKey[CenarioEmTeste] = pytest.StashKey()  # the scenario façade, once a step asked for it
CHAVE_JA_APROVADOS = pytest.StashKey[list[VereditoRegistrado]]()  # left out: settled earlier in the campaign
CHAVE_PASTA = pytest.StashKey[Path]()  # the campaign's folder
CHAVE_AO_AGUARDAR = pytest.StashKey[Callable[[Tramite, float], None]]()  # progress of long waits, when shown
CHAVE_TRAVADA = pytest.StashKey[bool]()  # the command running the suite already holds the campaign
CHAVE_CERTIFICADO = pytest.StashKey[CertificadoDoOrgao | None]()
CHAVE_SENHA = pytest.StashKey[Segredo]()  # set by `tramita-homologacao executar` when it asked the password
