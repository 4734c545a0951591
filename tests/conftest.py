"""Fixtures of the harness's own tests: a fresh simulator on loopback, a client, test processos."""

from __future__ import annotations

from pathlib import Path

import pytest
from faker import Faker

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.dominio import Endereco
from tramita_homologacao.processo_teste import ProcessoDeTeste, gerar_processo_de_teste
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.servidor import Simulador

ORGAO = "SPE-ANEX"
PROTOCOLO_ANEX = Endereco(1, 100001)
DIGED_ANEX = Endereco(1, 100002)
ORGAO1 = Endereco(2, 300001)
ORGAO2 = Endereco(2, 300002)
ORGAO3 = Endereco(2, 300003)
ORGAO4 = Endereco(2, 300004)
DISIS = Endereco(1, 200110)


@pytest.fixture
def simulador():
    with Simulador(sistema_padrao=ORGAO) as sim:
        yield sim


@pytest.fixture
def cliente(simulador) -> ClienteTramita:
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    yield cliente
    cliente.fechar()


def cliente_do_sistema(simulador: Simulador, sistema: str, **opcoes) -> ClienteTramita:
    return ClienteTramita(simulador.url_base, cabecalhos={CABECALHO_SISTEMA: sistema}, tentativas=0, **opcoes)


@pytest.fixture(scope="session")
def faker_teste() -> Faker:
    Faker.seed(20261125)
    return Faker("pt_BR")


@pytest.fixture
def processo(faker_teste, tmp_path) -> ProcessoDeTeste:
    return gerar_processo_de_teste(
        faker_teste,
        tmp_path / "processo",
        unidade="Coordenação de Protocolo",
        sigla_unidade="ANEX/COPROT",
        marca="TESTE – ANEX",
    )


def cabecalho(remetente: Endereco = PROTOCOLO_ANEX, destinatario: Endereco = ORGAO3, **extra) -> dict:
    return {"remetente": remetente.como_json(), "destinatario": destinatario.como_json(), **extra}


def arquivos_de(processo: ProcessoDeTeste) -> dict[str, Path]:
    return {c.hash: c.caminho for c in processo.componentes}


@pytest.fixture(scope="session")
def execucao(tmp_path_factory) -> Path:
    """One full run with the embedded simulator, as the first README command does; its reports/ folder."""
    from tests.ambientes import executar_cli

    pasta = tmp_path_factory.mktemp("execucao") / "reports"
    processo = executar_cli("--relatorios", str(pasta), cwd=pasta.parent, html_allure=True)
    assert processo.returncode == 0, processo.stdout + processo.stderr
    return pasta
