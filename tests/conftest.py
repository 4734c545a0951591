"""Fixtures of the harness's own tests: a fresh simulator on loopback, a client, test processos."""

from __future__ import annotations

from pathlib import Path

import pytest
from faker import Faker

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste, gerar_processo_de_teste
from tramita_homologacao.protocolo.dominio import Endereco
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


@pytest.fixture(scope="session")
def ca():
    """A test certificate authority (trustme) for the server and the organs' certificates."""
    import trustme

    return trustme.CA()


@pytest.fixture
def simulador_tls(ca, tmp_path):
    """The simulator over HTTPS, requiring client certificates issued by `ca`; `.ca_pem` is the CA file."""
    from tests.certificados import preparar_servidor
    from tramita_homologacao.simulador.servidor import ConfiguracaoTls

    certificado, chave, ca_pem = preparar_servidor(ca, tmp_path / "servidor")
    with Simulador(tls=ConfiguracaoTls(certificado, chave, ca_clientes=ca_pem)) as sim:
        sim.ca_pem = ca_pem
        yield sim


def vincular_certificado(simulador, arquivo: Path, sistema: str = ORGAO):
    """Links an organ certificate file to a system, as the Portal de Administração does; returns it."""
    from tests.certificados import SENHA
    from tramita_homologacao.configuracao.certificado import carregar_certificado
    from tramita_homologacao.configuracao.segredo import Segredo

    certificado = carregar_certificado(arquivo, Segredo(SENHA), aceitar_expirado=True)
    simulador.plataforma.vincular_certificado(
        sistema, certificado.impressao_digital, certificado.par_de_chaves().certificado_pem
    )
    return certificado
