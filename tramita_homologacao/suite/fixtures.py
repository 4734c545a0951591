"""The suite's fixtures: environment, simulator or API address, client, the organ under test, the scenario."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from faker import Faker

from tramita_homologacao.campanha.abertura import CampanhaAberta
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.conexao import SemConexao, abrir_cliente, exigir_conexao
from tramita_homologacao.conformidade.desfechos import Aguardando
from tramita_homologacao.conformidade.requisitos import PREFIXO_TAG
from tramita_homologacao.conformidade.verificacoes import Verificacao, Verificador
from tramita_homologacao.ensaio.controle import (
    ContraparteSimulada,
    OperadorDoSpeSimulado,
    VigiaDoSimulador,
    raiz_do_simulador,
)
from tramita_homologacao.evidencia.http import AnexadorHttp
from tramita_homologacao.orgao.assistido import Operador
from tramita_homologacao.orgao.observacao import Observador, reerguer
from tramita_homologacao.orgao.processo_teste import novo_faker
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.assinatura import ParDeChaves, gerar_par_efemero
from tramita_homologacao.suite.cenario import CenarioEmTeste
from tramita_homologacao.suite.chaves import (
    CHAVE_AO_AGUARDAR,
    CHAVE_CAMPANHA,
    CHAVE_CENARIO,
    CHAVE_REGISTRO,
    CHAVE_URL_BASE,
)
from tramita_homologacao.suite.coleta import nome_do_cenario, requisitos_do_item
from tramita_homologacao.suite.evidencias import anexar_verificacao
from tramita_homologacao.suite.operador import OperadorNoTerminal


@pytest.fixture(scope="session")
def campanha(pytestconfig: pytest.Config) -> CampanhaAberta:
    return pytestconfig.stash[CHAVE_CAMPANHA]


@pytest.fixture(scope="session")
def ambiente(campanha: CampanhaAberta) -> Ambiente:
    return campanha.ambiente


@pytest.fixture(scope="session")
def registro(pytestconfig: pytest.Config) -> RegistroDeExecucao:
    return pytestconfig.stash[CHAVE_REGISTRO]


@pytest.fixture(scope="session")
def url_raiz(ambiente: Ambiente) -> Iterator[str]:
    """Where the API lives: the embedded simulator started for this session, or `url_api`."""
    if not ambiente.embutido:
        yield ambiente.url_api
        return
    from tramita_homologacao.simulador.servidor import Simulador

    with Simulador(versao_api=ambiente.versao_api, sistema_padrao=ambiente.sistema_embutido) as simulador:
        yield simulador.url_raiz + "interoperabilidade/rest/"


@pytest.fixture(scope="session")
def url_base(ambiente: Ambiente, url_raiz: str, pytestconfig: pytest.Config) -> str:
    url = ambiente.url_base(url_raiz)
    pytestconfig.stash[CHAVE_URL_BASE] = url
    return url


@pytest.fixture(scope="session")
def certificado_do_orgao(campanha: CampanhaAberta) -> CertificadoDoOrgao | None:
    return campanha.certificado


@pytest.fixture(scope="session")
def anexador_http() -> AnexadorHttp:
    return AnexadorHttp()


@pytest.fixture(autouse=True)
def _evidencia_so_do_cenario(anexador_http: AnexadorHttp) -> None:
    """Each scenario's evidence starts clean: no poll count carried over from the one before."""
    anexador_http.reiniciar()


@pytest.fixture(scope="session")
def cliente(
    ambiente: Ambiente, url_base: str, certificado_do_orgao, anexador_http: AnexadorHttp
) -> Iterator[ClienteTramita]:
    cliente = abrir_cliente(ambiente, url_base, certificado_do_orgao)
    if not ambiente.embutido:
        try:
            exigir_conexao(cliente)
        except SemConexao as erro:
            cliente.fechar()
            pytest.exit(str(erro), returncode=pytest.ExitCode.USAGE_ERROR)
    cliente.observadores.append(anexador_http)
    yield cliente
    cliente.fechar()


@pytest.fixture(scope="session")
def chaves_do_orgao(ambiente: Ambiente, certificado_do_orgao) -> ParDeChaves:
    """The key the organ signs recibos with: its certificate's, or a throwaway one when it has none (simulator)."""
    if certificado_do_orgao is not None:
        return certificado_do_orgao.par_de_chaves()
    return gerar_par_efemero(f"{ambiente.orgao.sigla} (chave de teste local)")


@pytest.fixture(scope="session")
def pasta_de_trabalho(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tramita")


def _deixar_aguardando(erro: AssertionError) -> NoReturn:
    raise Aguardando(f"Aguardando: {erro} O trâmite fica no livro de registro e a próxima execução o retoma.")


def _seguir_aguardando(erro: AssertionError) -> NoReturn:
    raise Aguardando(f"Aguardando: {erro} O acompanhamento consulta de novo.")


@pytest.fixture(scope="session")
def orgao(
    campanha: CampanhaAberta, cliente, ambiente, registro, chaves_do_orgao, pasta_de_trabalho, url_raiz, pytestconfig
) -> Observador:
    """The organ: played by the harness (API mode), or its own SPE watched read-only (assisted mode).

    With `--uma-consulta` every wait asks once, and what still depends on others stays waiting.
    """
    esgotar: Callable[[AssertionError], NoReturn] = (
        _deixar_aguardando if ambiente.espera.ao_esgotar_o_prazo == "aguardar" else reerguer
    )
    assistido = ambiente.modo == "assistido"
    orgao = campanha.orgao(
        cliente,
        url_raiz,
        registro=registro,
        operador=_operador(campanha, url_raiz, cliente, pytestconfig) if assistido else None,
        chaves=chaves_do_orgao,
        pasta_de_trabalho=pasta_de_trabalho,
        ao_esgotar_o_prazo=esgotar,
    )
    if pytestconfig.getoption("--uma-consulta"):
        espera = ambiente.espera.model_copy(update={"limite_segundos": 0.0, "limites_por_situacao": {}})
        orgao.ambiente, orgao.ao_esgotar_o_prazo = ambiente.model_copy(update={"espera": espera}), _seguir_aguardando
    if assistido and ambiente.tipo == "simulador" and ambiente.simulador is not None:  # a rehearsal: show refusals
        avisar = OperadorNoTerminal(pytestconfig, campanha.pasta).mostrar
        orgao.vigiar = VigiaDoSimulador(raiz_do_simulador(url_raiz), ambiente.simulador.sistema, cliente.sessao, avisar)
    if CHAVE_AO_AGUARDAR in pytestconfig.stash:
        orgao.ao_aguardar = pytestconfig.stash[CHAVE_AO_AGUARDAR]
    return orgao


def _operador(campanha: CampanhaAberta, url_raiz: str, cliente: ClienteTramita, config: pytest.Config) -> Operador:
    """The simulator's SPE when the environment scripts its operator; otherwise a person at the terminal."""
    ambiente = campanha.ambiente
    simulado = ambiente.simulador.operador if ambiente.simulador else None
    if ambiente.tipo != "simulador" or simulado is None or ambiente.simulador is None:
        return OperadorNoTerminal(config, campanha.pasta)
    raiz = raiz_do_simulador(url_raiz)
    if ambiente.formato_que_o_spe_recusa:  # the simulated SPE behaves as SEI: it receives and refuses by itself
        ContraparteSimulada(raiz, ambiente.simulador.sistema, cliente.sessao).roteirizar("sei")
    terminal = OperadorNoTerminal(config, campanha.pasta, "Operador do SPE simulado")
    return OperadorDoSpeSimulado(raiz, ambiente.simulador.sistema, cliente.sessao, simulado, terminal.anunciar)


@pytest.fixture(scope="session")
def faker_pt_br() -> Faker:
    return novo_faker()


@pytest.fixture
def cenario_em_teste(
    request: pytest.FixtureRequest,
    campanha: CampanhaAberta,
    orgao: Observador,
    cliente: ClienteTramita,
    faker_pt_br: Faker,
    pasta_de_trabalho: Path,
    url_raiz: str,
) -> CenarioEmTeste:
    requisitos = requisitos_do_item(request.node)
    if len(requisitos) != 1:
        raise pytest.UsageError(f"O cenário {request.node.name} deve ter exatamente uma tag @{PREFIXO_TAG}<id>.")
    nome = nome_do_cenario(request.node)
    registro = request.config.stash[CHAVE_REGISTRO]

    def ao_verificar(verificacao: Verificacao) -> None:
        registro.registrar_verificacao(requisitos[0], nome, verificacao)
        anexar_verificacao(verificacao)

    comum = {
        "requisito": requisitos[0],
        "nome": nome,
        "verificador": Verificador(ao_verificar=ao_verificar),
        "faker": faker_pt_br,
        "pasta": pasta_de_trabalho,
        "url_raiz": url_raiz,
        "como_acompanhar": campanha.comando("acompanhar", "--aguardar"),
        "como_executar": campanha.comando("executar"),
        "so_retomar": request.config.getoption("--uma-consulta"),
        "sessao_de_controle": cliente.sessao,
    }
    cenario = CenarioEmTeste(orgao=orgao, **comum)
    request.node.stash[CHAVE_CENARIO] = cenario
    return cenario
