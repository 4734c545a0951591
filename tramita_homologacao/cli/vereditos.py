"""The verdicts on the terminal: one line per finished scenario while it runs, then the requirements table."""

from __future__ import annotations

import pytest
from rich.table import Table

from tramita_homologacao.cli.console import console
from tramita_homologacao.conformidade.vereditos import AGUARDANDO, APROVADO, NAO_SE_APLICA, REPROVADO
from tramita_homologacao.suite.chaves import CHAVE_REGISTRO

ESTILO_VEREDITO = {APROVADO: "bold green", REPROVADO: "bold red", AGUARDANDO: "bold yellow", NAO_SE_APLICA: "dim"}
SIMBOLO_VEREDITO = {APROVADO: "✔", REPROVADO: "✘", AGUARDANDO: "…", NAO_SE_APLICA: "–"}


class ProgressoNoTerminal:
    """A pytest plugin that prints one Portuguese line per finished scenario."""

    def __init__(self) -> None:
        self._mostrados = 0
        self._config: pytest.Config | None = None

    def pytest_configure(self, config: pytest.Config) -> None:
        self._config = config

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            console.print(f"[bold red]Erro ao carregar os cenários:[/]\n{report.longreprtext}")

    def pytest_runtest_logfinish(self, nodeid: str, location: tuple) -> None:
        assert self._config is not None, "pytest_configure vem antes"
        resultados = self._config.stash[CHAVE_REGISTRO].resultados
        for resultado in resultados[self._mostrados :]:
            estilo = ESTILO_VEREDITO[resultado.veredito]
            console.print(
                f"[{estilo}]{SIMBOLO_VEREDITO[resultado.veredito]} {resultado.veredito:<10}[/] "
                f"{resultado.cenario} ({resultado.duracao_segundos:.2f} s)"
            )
            if resultado.mensagem:
                console.print(f"    {resultado.mensagem}")
        self._mostrados = len(resultados)


def tabela_de_vereditos(resumo: dict, selecionados: set[str]) -> tuple[Table, str]:
    """The verdicts table, and a legend of the statuses it shows."""
    tabela = Table(title=f"Requisitos mínimos — {resumo['orgao']['sigla']} — ambiente {resumo['ambiente']['nome']}")
    for coluna in ("Requisito", "Veredito", "IDT", "NRE", "Final", "Histórico de situações"):
        tabela.add_column(coluna, no_wrap=coluna != "Histórico de situações")
    vistas: dict[int, str] = {}
    for requisito in resumo["requisitos"]:
        if selecionados and requisito["id"] not in selecionados:
            continue
        veredito = f"[{ESTILO_VEREDITO[requisito['veredito']]}]{requisito['veredito']}[/]"
        tramites = requisito["tramites"] or [None]
        for i, tramite in enumerate(tramites):
            rotulo = requisito["id"] if i == 0 else ""
            if tramite is None:
                tabela.add_row(rotulo, veredito, "—", "—", "—", "—")
                continue
            historico = " → ".join(str(h["situacao"]) for h in tramite["historico"])
            vistas.update({h["situacao"]: h["descricao"] for h in tramite["historico"]})
            tabela.add_row(
                rotulo,
                veredito if i == 0 else "",
                str(tramite["idt"]),
                tramite["nre"],
                str(tramite["situacao_final"]),
                historico,
            )
    legenda = "\n".join(f"  {n:>2} = {descricao}" for n, descricao in sorted(vistas.items()))
    return tabela, legenda
