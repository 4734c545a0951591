"""Each scenario's verdict into the run record (and the campaign's ledger), at the end `resumo.json` and Allure's
context files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tramita_homologacao.conformidade.vereditos import INCONCLUSIVO, JULGADOS, do_cenario
from tramita_homologacao.evidencia.allure_contexto import escrever_contexto
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo
from tramita_homologacao.orgao.registro import ResultadoDeCenario
from tramita_homologacao.suite.cenario import Inconclusivo
from tramita_homologacao.suite.chaves import (
    CHAVE_AMBIENTE,
    CHAVE_CERTIFICADO,
    CHAVE_PASTA,
    CHAVE_PULO,
    CHAVE_REGISTRO,
    CHAVE_URL_BASE,
)
from tramita_homologacao.suite.coleta import nome_do_cenario, requisitos_do_item


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    relatorio = yield
    requisitos = requisitos_do_item(item)
    if not requisitos:
        return relatorio
    terminou = relatorio.when == "call" or (relatorio.when == "setup" and not relatorio.passed)
    if terminou:
        inconclusivo = call.excinfo is not None and call.excinfo.errisinstance(Inconclusivo)
        veredito = do_cenario(
            passou=relatorio.passed,
            pulado=relatorio.skipped,
            motivo_do_pulo=INCONCLUSIVO if inconclusivo else item.stash.get(CHAVE_PULO, None),
        )
        mensagem = ""
        if relatorio.skipped and isinstance(relatorio.longrepr, tuple):
            mensagem = str(relatorio.longrepr[2]).removeprefix("Skipped: ")
        elif call.excinfo is not None:
            mensagem = str(call.excinfo.value)
        item.config.stash[CHAVE_REGISTRO].concluir_cenario(
            ResultadoDeCenario(
                nome_do_cenario(item),
                requisitos,
                veredito,
                mensagem,
                call.duration,
                item.config.stash[CHAVE_AMBIENTE].modo,
            ),
            julgado=veredito in JULGADOS,
        )
    return relatorio


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The campaign's resumo.json, rebuilt from the ledger, when this session judged or followed anything."""
    if hasattr(session.config, "workerinput"):
        return
    registro = session.config.stash.get(CHAVE_REGISTRO, None)
    if registro is None or not (registro.resultados or registro.tramites):
        return
    ambiente = session.config.stash[CHAVE_AMBIENTE]
    url_base = session.config.stash.get(CHAVE_URL_BASE, ambiente.url_api)
    escrever_resumo(montar_resumo(registro.livro, ambiente, url_base), session.config.stash[CHAVE_PASTA])
    alluredir = session.config.getoption("allure_report_dir", None)
    if alluredir:
        escrever_contexto(Path(alluredir), ambiente, url_base, session.config.stash[CHAVE_CERTIFICADO])
