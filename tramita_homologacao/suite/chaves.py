"""Where the suite keeps its run-wide state: pytest stash keys, shared by its modules and the CLI."""

from __future__ import annotations

import pytest

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.orgao.registro import RegistroDeExecucao

CHAVE_REGISTRO = pytest.StashKey[RegistroDeExecucao]()
CHAVE_AMBIENTE = pytest.StashKey[Ambiente]()
CHAVE_URL_BASE = pytest.StashKey[str]()
CHAVE_CENARIO = pytest.StashKey[str]()
CHAVE_NAO_SE_APLICA = pytest.StashKey[bool]()  # the scenario is not foreseen for this environment
CHAVE_CERTIFICADO = pytest.StashKey[CertificadoDoOrgao | None]()
CHAVE_SENHA = pytest.StashKey[Segredo]()  # set by `tramita-homologacao executar` when it asked the password
