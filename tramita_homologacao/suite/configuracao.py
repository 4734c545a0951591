"""Session start and end: the campaign (given by the command that runs the suite, or opened here) and this run's
record in its ledger."""

from __future__ import annotations

import getpass
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tramita_homologacao.campanha.abertura import COM_LIVRO, NUNCA, abrir_campanha
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import ErroDeCertificado
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.suite.chaves import CHAVE_CAMPANHA, CHAVE_REGISTRO

CHAVE_SAIDAS = pytest.StashKey[ExitStack]()


class ProducaoNaoConfirmada(ProblemaConhecido):
    titulo = "Produção"


def _perguntar_fora_da_captura(config: pytest.Config):
    captura = config.pluginmanager.getplugin("capturemanager")

    def perguntar(texto: str) -> str:
        if sys.__stdin__ is None or not sys.__stdin__.isatty():
            raise ErroDeCertificado("Não há terminal para digitar a senha do certificado.", "senha")
        with captura.global_and_fixture_disabled():
            return getpass.getpass(texto)

    return perguntar


def _exigir_confirmacao(config: pytest.Config):
    def confirmar(ambiente: Ambiente) -> None:
        if not config.getoption("--confirmar-producao"):
            unidade = ambiente.unidade_de_teste
            raise ProducaoNaoConfirmada(
                f"O ambiente '{ambiente.nome}' é de PRODUÇÃO: os processos de teste vão para "
                f"{unidade.descricao or unidade.endereco} e são acompanhados pelo PEN. "
                "Confirme com --confirmar-producao."
            )

    return confirmar


def pytest_configure(config: pytest.Config) -> None:
    """(Registered by the root conftest, after the installed plugins: it runs before Allure's, which reads the
    folder set here.)"""
    saidas = config.stash[CHAVE_SAIDAS] = ExitStack()
    campanha = config.stash.get(CHAVE_CAMPANHA, None)  # opened by the command running the suite
    if campanha is None:
        relatorios = config.getoption("--relatorios")
        try:
            campanha = saidas.enter_context(
                abrir_campanha(
                    config.getoption("--ambiente"),
                    Path(relatorios) if relatorios else None,
                    comando="pytest",
                    confirmar_producao=_exigir_confirmacao(config),
                    perguntar=_perguntar_fora_da_captura(config),
                    modo=config.getoption("--modo"),
                    exclusiva=NUNCA if hasattr(config, "workerinput") else COM_LIVRO,
                )
            )
        except ProblemaConhecido as erro:
            raise pytest.UsageError(str(erro)) from None
        config.stash[CHAVE_CAMPANHA] = campanha
        if not config.option.allure_report_dir:  # plain pytest: the evidence goes with the campaign
            config.option.allure_report_dir = str(campanha.pasta / "allure-results")
    registro = config.stash[CHAVE_REGISTRO] = RegistroDeExecucao(campanha.livro)
    registro.iniciar(campanha.ambiente.modo, campanha.certificado)
    if config.getoption("--recomecar"):
        registro.deixar_de_retomar("substituído por um novo envio (--recomecar)")
    elif config.getoption("--refazer"):
        registro.deixar_de_retomar("substituído por um novo envio (--refazer)", tuple(config.getoption("--refazer")))


def pytest_unconfigure(config: pytest.Config) -> None:
    saidas = config.stash.get(CHAVE_SAIDAS, None)
    if saidas is not None:
        saidas.close()
