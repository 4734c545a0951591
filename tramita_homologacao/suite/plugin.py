"""The pytest plugin behind the Gherkin suite: environment option, fixtures, evidence and `resumo.json`.

Loaded by the root `conftest.py`; the same plugin serves `pytest` and `tramita-homologacao executar`.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import allure
import pytest
from faker import Faker

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import Ambiente, ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao, ErroDeCertificado
from tramita_homologacao.configuracao.conexao import abrir_cliente, certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.requisitos import PREFIXO_TAG
from tramita_homologacao.conformidade.vereditos import JULGADOS, do_cenario
from tramita_homologacao.conformidade.verificacoes import Verificacao, Verificador
from tramita_homologacao.evidencia.allure_contexto import escrever_contexto
from tramita_homologacao.evidencia.http import AnexadorHttp
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.espera import TempoEsgotado
from tramita_homologacao.orgao.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao, ResultadoDeCenario
from tramita_homologacao.protocolo.assinatura import ParDeChaves, gerar_par_efemero
from tramita_homologacao.simulador.controle import ContraparteSimulada, contraparte_simulada

CHAVE_REGISTRO = pytest.StashKey[RegistroDeExecucao]()
CHAVE_AMBIENTE = pytest.StashKey[Ambiente]()
CHAVE_URL_BASE = pytest.StashKey[str]()
CHAVE_CENARIO = pytest.StashKey[str]()
CHAVE_NAO_SE_APLICA = pytest.StashKey[bool]()  # the scenario is not foreseen for this environment
CHAVE_CERTIFICADO = pytest.StashKey["CertificadoDoOrgao | None"]()
CHAVE_SENHA = pytest.StashKey[Segredo]()  # set by `tramita-homologacao executar` when it asked the password
PREFIXO_AMBIENTE = "ambiente_"


def pytest_addoption(parser: pytest.Parser) -> None:
    grupo = parser.getgroup("tramita", "Homologação Tramita.GOV.BR")
    grupo.addoption(
        "--ambiente",
        default=None,
        help="ambiente alvo: nome de environments/<nome>.toml ou caminho de um .toml "
        "(padrão: TRAMITA_AMBIENTE ou local)",
    )
    grupo.addoption(
        "--relatorios", default="reports", help="pasta do resumo.json e do livro de registro (padrão: reports)"
    )
    grupo.addoption(
        "--recomecar",
        action="store_true",
        help="não retoma os trâmites deixados em aberto por execuções anteriores: envia novos",
    )
    grupo.addoption(
        "--confirmar-producao",
        action="store_true",
        help="confirma a execução no ambiente de produção (obrigatório quando o ambiente é de produção)",
    )


def _perguntar_fora_da_captura(config: pytest.Config):
    captura = config.pluginmanager.getplugin("capturemanager")

    def perguntar(texto: str) -> str:
        if sys.__stdin__ is None or not sys.__stdin__.isatty():
            raise ErroDeCertificado("Não há terminal para digitar a senha do certificado.", "senha")
        with captura.global_and_fixture_disabled():
            return getpass.getpass(texto)

    return perguntar


def pytest_configure(config: pytest.Config) -> None:
    try:
        ambiente = carregar_ambiente(config.getoption("--ambiente"))
        if ambiente.tipo == "producao" and not config.getoption("--confirmar-producao"):
            unidade = ambiente.unidade_de_teste
            raise pytest.UsageError(
                f"O ambiente '{ambiente.nome}' é de PRODUÇÃO: os processos de teste vão para "
                f"{unidade.descricao or unidade.endereco} e são acompanhados pelo PEN. "
                "Confirme com --confirmar-producao."
            )
        senha = obter_senha(ambiente, config.stash.get(CHAVE_SENHA, None), _perguntar_fora_da_captura(config))
        config.stash[CHAVE_CERTIFICADO] = certificado_do_ambiente(ambiente, senha)
    except (ErroDeAmbiente, ErroDeCertificado) as erro:
        raise pytest.UsageError(str(erro)) from None
    config.stash[CHAVE_AMBIENTE] = ambiente
    livro = Livro(ambiente.arquivo_do_livro(Path(config.getoption("--relatorios"))))
    if config.getoption("--recomecar"):
        livro.deixar_de_retomar("substituído por um novo envio (--recomecar)")
    config.stash[CHAVE_REGISTRO] = RegistroDeExecucao(livro)


def pytest_unconfigure(config: pytest.Config) -> None:
    registro = config.stash.get(CHAVE_REGISTRO, None)
    if registro is not None:
        registro.livro.fechar()


def _requisitos_do_item(item: pytest.Item) -> tuple[str, ...]:
    return tuple(m.name.removeprefix(PREFIXO_TAG) for m in item.iter_markers() if m.name.startswith(PREFIXO_TAG))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios declare where they may run (`@ambiente_simulador`, …); elsewhere they are skipped."""
    tipo = config.stash[CHAVE_AMBIENTE].tipo
    for item in items:
        onde = {
            m.name.removeprefix(PREFIXO_AMBIENTE) for m in item.iter_markers() if m.name.startswith(PREFIXO_AMBIENTE)
        }
        if _requisitos_do_item(item) and tipo not in onde:
            previstos = ", ".join(sorted(onde)) or "nenhum"
            item.stash[CHAVE_NAO_SE_APLICA] = True
            item.add_marker(
                pytest.mark.skip(reason=f"Cenário não previsto para o ambiente do tipo {tipo} (previsto: {previstos}).")
            )


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def ambiente(pytestconfig: pytest.Config) -> Ambiente:
    return pytestconfig.stash[CHAVE_AMBIENTE]


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
def certificado_do_orgao(pytestconfig: pytest.Config) -> CertificadoDoOrgao | None:
    return pytestconfig.stash[CHAVE_CERTIFICADO]


@pytest.fixture(scope="session")
def cliente(ambiente: Ambiente, url_base: str, certificado_do_orgao) -> Iterator[ClienteTramita]:
    cliente = abrir_cliente(ambiente, url_base, certificado_do_orgao)
    cliente.sessao.hooks["response"].append(AnexadorHttp())
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


def _deixar_aguardando(erro: TempoEsgotado) -> NoReturn:
    pytest.skip(f"Aguardando: {erro} O trâmite fica no livro de registro e a próxima execução o retoma.")


@pytest.fixture(scope="session")
def orgao(cliente, ambiente, registro, chaves_do_orgao, pasta_de_trabalho) -> OrgaoEmTeste:
    aguardar = ambiente.espera.ao_esgotar_o_prazo == "aguardar"
    return OrgaoEmTeste(
        cliente, ambiente, registro, chaves_do_orgao, pasta_de_trabalho, *([_deixar_aguardando] if aguardar else [])
    )


@pytest.fixture(scope="session")
def faker_pt_br() -> Faker:
    return Faker("pt_BR")


@pytest.fixture
def cenario(request: pytest.FixtureRequest) -> str:
    return request.node.stash.get(CHAVE_CENARIO, request.node.name)


@pytest.fixture
def requisito(request: pytest.FixtureRequest) -> str:
    requisitos = _requisitos_do_item(request.node)
    if len(requisitos) != 1:
        raise pytest.UsageError(f"O cenário {request.node.name} deve ter exatamente uma tag @{PREFIXO_TAG}<id>.")
    return requisitos[0]


@pytest.fixture
def contraparte(ambiente: Ambiente, requisito: str, url_raiz: str, cliente: ClienteTramita) -> ContraparteSimulada:
    raiz = url_raiz.split("/interoperabilidade/")[0]
    return contraparte_simulada(ambiente, requisito, raiz, cliente.sessao)


def _anexar_verificacao(verificacao: Verificacao) -> None:
    veredito = "aprovada" if verificacao.aprovada else "REPROVADA"
    corpo = json.dumps(
        {"resultado": veredito, "mensagem": verificacao.mensagem, **verificacao.entradas},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    allure.attach(
        corpo, name=f"verificação: {verificacao.nome} ({veredito})", attachment_type=allure.attachment_type.JSON
    )


@pytest.fixture
def verificador() -> Verificador:
    return Verificador(ao_verificar=_anexar_verificacao)


# --- scenario evidence and results ----------------------------------------------------------------
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    request.node.stash[CHAVE_CENARIO] = scenario.name


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    """Attaches each trâmite's IDT, NRE and status timeline, read once more from the platform."""
    registro = request.config.stash[CHAVE_REGISTRO]
    tramites = registro.do_cenario(scenario.name)
    if not tramites:
        return
    orgao: OrgaoEmTeste = request.getfixturevalue("orgao")
    for registrado in tramites:
        orgao.consultar(registrado.idt)
        linhas = [
            f"IDT {registrado.idt} · NRE {registrado.nre} · protocolo {registrado.protocolo} · "
            f"papel do órgão: {registrado.papel}"
        ]
        linhas += [
            f"{m.data_hora.isoformat()}  situação {int(m.situacao):>2}  {m.situacao.explicacao.significado}"
            for m in registrado.mudancas
        ]
        texto = allure.attachment_type.TEXT
        allure.attach("\n".join(linhas), name=f"linha do tempo do trâmite {registrado.idt}", attachment_type=texto)
        if registrado.componentes:
            componentes = [f"{c.hash}  {c.tamanho:>10} bytes  {c.nome}" for c in registrado.componentes]
            nome = f"componentes do trâmite {registrado.idt} (SHA-256)"
            allure.attach("\n".join(componentes), name=nome, attachment_type=texto)
        for recibo in registrado.recibos:
            allure.attach(
                json.dumps(recibo.como_json(), ensure_ascii=False, indent=2),
                name=f"{recibo.tipo} do trâmite {registrado.idt}",
                attachment_type=allure.attachment_type.JSON,
            )
        allure.dynamic.label("IDT", str(registrado.idt))
        allure.dynamic.label("NRE", registrado.nre)
        allure.dynamic.link(
            f"{orgao.cliente.url_base}tramites?IDT={registrado.idt}", name=f"trâmite {registrado.idt} na API"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    relatorio = yield
    requisitos = _requisitos_do_item(item)
    if not requisitos:
        return relatorio
    terminou = relatorio.when == "call" or (relatorio.when == "setup" and not relatorio.passed)
    if terminou:
        veredito = do_cenario(
            passou=relatorio.passed, pulado=relatorio.skipped, nao_se_aplica=item.stash.get(CHAVE_NAO_SE_APLICA, False)
        )
        mensagem = ""
        if relatorio.skipped and isinstance(relatorio.longrepr, tuple):
            mensagem = str(relatorio.longrepr[2]).removeprefix("Skipped: ")
        elif call.excinfo is not None:
            mensagem = str(call.excinfo.value)
        item.config.stash[CHAVE_REGISTRO].concluir_cenario(
            ResultadoDeCenario(item.stash.get(CHAVE_CENARIO, item.name), requisitos, veredito, mensagem, call.duration),
            julgado=veredito in JULGADOS,
        )
    return relatorio


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return
    registro = session.config.stash.get(CHAVE_REGISTRO, None)
    if registro is None or not (registro.resultados or registro.tramites):
        return
    ambiente = session.config.stash[CHAVE_AMBIENTE]
    url_base = session.config.stash.get(CHAVE_URL_BASE, ambiente.url_api)
    pasta = Path(session.config.getoption("--relatorios"))
    escrever_resumo(montar_resumo(registro, ambiente, url_base, session.config.stash[CHAVE_CERTIFICADO]), pasta)
    alluredir = session.config.getoption("allure_report_dir", None)
    if alluredir:
        escrever_contexto(Path(alluredir), ambiente, url_base, session.config.stash[CHAVE_CERTIFICADO])
