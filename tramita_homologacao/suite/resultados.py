"""Each scenario's verdict into the run record, and at the end `resumo.json` and Allure's context files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tramita_homologacao.conformidade.vereditos import JULGADOS, do_cenario
from tramita_homologacao.evidencia.allure_contexto import escrever_contexto
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo
from tramita_homologacao.orgao.registro import ResultadoDeCenario
from tramita_homologacao.suite.chaves import (
    CHAVE_AMBIENTE,
    CHAVE_CENARIO,
    CHAVE_CERTIFICADO,
    CHAVE_NAO_SE_APLICA,
    CHAVE_REGISTRO,
    CHAVE_URL_BASE,
)
from tramita_homologacao.suite.coleta import requisitos_do_item


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    relatorio = yield
    requisitos = requisitos_do_item(item)
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
