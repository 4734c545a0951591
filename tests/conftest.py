"""Fixtures of the harness's own tests: a fresh simulator on loopback, a client, test processos."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from faker import Faker
from filelock import FileLock

from tests.apoio.ambientes import executar_cli
from tests.apoio.simulador import AUTORIDADE, ORGAO
from tramita_homologacao.campanha.pasta import VARIAVEL_RELATORIOS
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste, gerar_processo_de_teste, novo_faker
from tramita_homologacao.simulador.servidor import Simulador


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """The suite never shares `reports/` with the harness it tests: every campaign folder by default (this
    session's own, the CLI's in child processes) goes to a temporary folder, set before the plugin opens any."""
    pasta = Path(tempfile.mkdtemp(prefix="tramita-relatorios-"))
    config.add_cleanup(lambda: shutil.rmtree(pasta, ignore_errors=True))
    os.environ[VARIAVEL_RELATORIOS] = str(pasta)


@pytest.fixture(scope="session", autouse=True)
def sem_arquivos_do_orgao(tmp_path_factory) -> Iterator[None]:
    """The organ's environment files (`meus-ambientes/`) are never read: the suite has an empty folder of its own.

    Set in the process environment, so the CLI run in child processes inherits it.
    """
    os.environ["TRAMITA_MEUS_AMBIENTES"] = str(tmp_path_factory.mktemp("meus-ambientes"))
    yield
    del os.environ["TRAMITA_MEUS_AMBIENTES"]


@pytest.fixture
def simulador():
    with Simulador(sistema_padrao=ORGAO, autoridade=AUTORIDADE) as sim:
        yield sim


@pytest.fixture
def cliente(simulador) -> Iterator[ClienteTramita]:
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    yield cliente
    cliente.fechar()


@pytest.fixture(scope="session")
def faker_teste() -> Faker:
    Faker.seed(20261125)
    return novo_faker()


@pytest.fixture
def processo(faker_teste, tmp_path) -> ProcessoDeTeste:
    return gerar_processo_de_teste(
        faker_teste,
        tmp_path / "processo",
        unidade="Coordenação de Protocolo",
        sigla_unidade="ANEX/COPROT",
        marca="TESTE – ANEX",
    )


@pytest.fixture(scope="session")
def execucao(tmp_path_factory) -> Path:
    """One full run with the embedded simulator, as the first README command does; its reports/ folder.

    Made once for the whole test session, even across parallel workers (they share the base temp
    folder's parent); tests only read it, or copy it before changing anything.
    """
    compartilhada = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        compartilhada = compartilhada.parent
    pasta = compartilhada / "execucao" / "reports"
    with FileLock(compartilhada / "execucao.lock"):
        if not (pasta / "resumo.json").is_file():
            pasta.parent.mkdir(exist_ok=True)
            processo = executar_cli("--relatorios", str(pasta), cwd=pasta.parent, html_allure=True)
            assert processo.returncode == 0, processo.stdout + processo.stderr
    return pasta


@pytest.fixture(scope="session")
def ca():
    """A test certificate authority (trustme) for the server and the organs' certificates."""
    import trustme

    return trustme.CA()


@pytest.fixture
def simulador_tls(ca, tmp_path):
    """The simulator over HTTPS, requiring client certificates issued by `ca`; `.ca_pem` is the CA file."""
    from tests.apoio.certificados import preparar_servidor
    from tramita_homologacao.simulador.servidor import ConfiguracaoTls

    certificado, chave, ca_pem = preparar_servidor(ca, tmp_path / "servidor")
    with Simulador(tls=ConfiguracaoTls(certificado, chave, ca_clientes=ca_pem), autoridade=AUTORIDADE) as sim:
        sim.ca_pem = ca_pem
        yield sim
