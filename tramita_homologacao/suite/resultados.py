"""Each scenario's verdict into the run record (and the campaign's ledger), at the end `resumo.json` and Allure's
context files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tramita_homologacao.cliente.erros import RespostaIncoerente
from tramita_homologacao.conformidade.desfechos import NaoSeAplica, SemJulgamento, desfecho, falha_transitoria
from tramita_homologacao.conformidade.vereditos import JULGADOS
from tramita_homologacao.evidencia.allure_contexto import escrever_contexto
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo
from tramita_homologacao.orgao.registro import ResultadoDeCenario
from tramita_homologacao.problemas import GravacaoImpossivel, gravacao_impossivel
from tramita_homologacao.suite.chaves import (
    CHAVE_CAMPANHA,
    CHAVE_CENARIO,
    CHAVE_NAO_SE_APLICA,
    CHAVE_REGISTRO,
    CHAVE_SEM_ONDE_GRAVAR,
    CHAVE_URL_BASE,
)
from tramita_homologacao.suite.coleta import nome_do_cenario, requisitos_do_item


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A scenario not foreseen here ends at once, as an outcome of its own (not pytest's skip marker)."""
    motivo = item.stash.get(CHAVE_NAO_SE_APLICA, None)
    if motivo is not None:
        raise NaoSeAplica(motivo)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """The scenario's verdict, from how it ended (`conformidade.desfechos`), into the run record.

    A scenario that ended without judging the organ (waiting, inconclusive, not applicable, a transient fault)
    is shown by pytest as skipped; a failed check stays failed, and so does a defect of the harness.
    """
    relatorio = yield
    requisitos = requisitos_do_item(item)
    terminou = relatorio.when == "call" or (relatorio.when == "setup" and not relatorio.passed)
    if not requisitos or not terminou:
        return relatorio
    erro = call.excinfo.value if call.excinfo is not None else None
    sem_onde_gravar = gravacao_impossivel(erro) if erro is not None else None
    if sem_onde_gravar is not None:
        return _parar_sem_veredito(item, relatorio, sem_onde_gravar)
    if isinstance(erro, RespostaIncoerente) and CHAVE_CENARIO in item.stash:
        cenario = item.stash[CHAVE_CENARIO]
        cenario.verificador.resposta_incoerente(erro, cenario.tramite.idt if cenario.tramite else erro.idt)
    resultado = desfecho(erro)
    if isinstance(erro, SemJulgamento) or (erro is not None and falha_transitoria(erro)):
        relatorio.outcome = "skipped"
        relatorio.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {resultado.mensagem}")
    try:
        item.config.stash[CHAVE_REGISTRO].concluir_cenario(
            ResultadoDeCenario(
                nome_do_cenario(item),
                requisitos,
                resultado.veredito,
                resultado.mensagem,
                call.duration,
                item.config.stash[CHAVE_CAMPANHA].ambiente.modo,
            ),
            julgado=resultado.veredito in JULGADOS,
        )
    except GravacaoImpossivel as problema:
        return _parar_sem_veredito(item, relatorio, problema)
    return relatorio


def _parar_sem_veredito(item: pytest.Item, relatorio: pytest.TestReport, problema: GravacaoImpossivel):
    """Disk full or read-only: nothing is recorded for this scenario, no other one runs, the command ends in it."""
    item.config.stash[CHAVE_SEM_ONDE_GRAVAR] = problema
    item.session.shouldstop = str(problema)
    relatorio.outcome = "skipped"
    relatorio.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {problema}")
    return relatorio


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The campaign's resumo.json, rebuilt from the ledger, when this session judged or followed anything."""
    if hasattr(session.config, "workerinput"):
        return
    problema = session.config.stash.get(CHAVE_SEM_ONDE_GRAVAR, None)
    if problema is not None:
        raise problema  # the command's end (exit 2); resumo.json is rebuilt from the ledger by the next run
    registro = session.config.stash.get(CHAVE_REGISTRO, None)
    if registro is None or not (registro.resultados or registro.tramites):
        return
    campanha = session.config.stash[CHAVE_CAMPANHA]
    ambiente = campanha.ambiente
    url_base = session.config.stash.get(CHAVE_URL_BASE, ambiente.url_api)
    escrever_resumo(montar_resumo(registro.livro, ambiente, url_base), campanha.pasta)
    alluredir = session.config.getoption("allure_report_dir", None)
    if alluredir:
        escrever_contexto(Path(alluredir), ambiente, url_base, campanha.certificado)
