"""`tramita-homologacao executar`: runs the scenarios against an environment and summarises the verdicts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pytest
from rich.table import Table

from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote, raiz_do_projeto
from tramita_homologacao.cli.sessao import ha_terminal, perguntar_se_houver_terminal
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente, resolver_arquivo
from tramita_homologacao.configuracao.conexao import certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.vereditos import AGUARDANDO, APROVADO, NAO_SE_APLICA, REPROVADO, da_execucao
from tramita_homologacao.orgao.processo_teste import marca_de_teste

ESTILO_VEREDITO = {APROVADO: "bold green", REPROVADO: "bold red", AGUARDANDO: "bold yellow", NAO_SE_APLICA: "dim"}
SIMBOLO_VEREDITO = {APROVADO: "✔", REPROVADO: "✘", AGUARDANDO: "…", NAO_SE_APLICA: "–"}


class EntregaDaSenha:
    """Hands the password asked here to the suite's plugin, in memory (never on a command line)."""

    def __init__(self, senha: Segredo | None) -> None:
        self._senha = senha

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        from tramita_homologacao.suite.chaves import CHAVE_SENHA

        if self._senha is not None:
            config.stash[CHAVE_SENHA] = self._senha


def confirmar_execucao_em_producao(ambiente: Ambiente) -> None:
    """Production runs need `--confirmar-producao`, or the organ's sigla typed at a terminal."""
    unidade = ambiente.unidade_de_teste.descricao or str(ambiente.unidade_de_teste.endereco)
    if not ha_terminal():
        raise click.ClickException(
            f"O ambiente '{ambiente.nome}' é de PRODUÇÃO e não há terminal para confirmar. Execute de novo com "
            "--confirmar-producao se quer mesmo enviar os processos de teste para " + unidade + "."
        )
    console.print(
        f"[bold red]Atenção: ambiente de PRODUÇÃO.[/] Os processos de teste, marcados "
        f"'{marca_de_teste(ambiente.orgao.sigla)}', vão para {unidade} e serão acompanhados pelo PEN."
    )
    digitado = click.prompt(
        f"Para confirmar, digite a sigla do órgão ({ambiente.orgao.sigla})", default="", show_default=False
    )
    if digitado.strip().casefold() != ambiente.orgao.sigla.casefold():
        raise click.ClickException("Execução em produção cancelada: a sigla digitada não confere.")


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
        from tramita_homologacao.suite.chaves import CHAVE_REGISTRO

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


def _tabela(resumo: dict, selecionados: set[str]) -> tuple[Table, str]:
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


@click.command("executar", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
@click.option(
    "--requisito",
    "requisitos",
    multiple=True,
    type=click.Choice([r.id for r in REQUISITOS]),
    help="Executa só este requisito (pode repetir). Padrão: todos.",
)
@click.option("--sem-html-allure", is_flag=True, help="Não gera o HTML do Allure (que precisa do Node.js).")
@click.option(
    "--recomecar",
    is_flag=True,
    help="Não retoma os trâmites deixados em aberto por execuções anteriores (livro de registro): envia novos.",
)
@click.option(
    "--confirmar-producao",
    is_flag=True,
    help="Confirma a execução em PRODUÇÃO (sem esta opção, num terminal, pede que se digite a sigla do órgão).",
)
def executar(
    ambiente: str | None,
    relatorios: Path,
    requisitos: tuple[str, ...],
    sem_html_allure: bool,
    recomecar: bool,
    confirmar_producao: bool,
) -> None:
    """Executa os cenários dos requisitos mínimos e grava reports/resumo.json e as evidências Allure."""
    arquivo = resolver_arquivo(ambiente)
    escolhido = carregar_ambiente(str(arquivo))
    if escolhido.tipo == "producao" and not confirmar_producao:
        confirmar_execucao_em_producao(escolhido)
    senha = obter_senha(escolhido, perguntar=perguntar_se_houver_terminal())
    certificado_do_ambiente(escolhido, senha)  # a wrong password or an expired certificate stops here, clearly
    raiz = raiz_do_projeto()
    relatorios = relatorios.resolve()
    resumo_json = relatorios / "resumo.json"
    resumo_json.unlink(missing_ok=True)
    console.print(
        f"Ambiente [bold]{escolhido.nome}[/] ({escolhido.descricao or escolhido.tipo}) — órgão {escolhido.orgao.sigla}"
    )
    argumentos = [
        str(raiz / "steps" / "test_cenarios.py"),
        f"--rootdir={raiz}",
        f"--config-file={raiz / 'pyproject.toml'}",
        f"--ambiente={arquivo}",
        f"--relatorios={relatorios}",
        f"--alluredir={relatorios / 'allure-results'}",
        "--clean-alluredir",
        "-p",
        "no:terminal",
    ]
    if escolhido.tipo == "producao":
        argumentos.append("--confirmar-producao")
    if recomecar:
        argumentos.append("--recomecar")
    if requisitos:
        argumentos += ["-m", " or ".join(f"requisito_{r}" for r in requisitos)]
    codigo = pytest.main(argumentos, plugins=[ProgressoNoTerminal(), EntregaDaSenha(senha)])
    interrompida = codigo == pytest.ExitCode.INTERRUPTED
    if interrompida:
        console.print("[bold yellow]Execução interrompida (Ctrl-C).[/]")
    if not resumo_json.is_file():
        raise click.ClickException(f"Nenhum cenário chegou a ser executado (código do pytest: {int(codigo)}).")
    resumo = json.loads(resumo_json.read_text(encoding="utf-8"))
    tabela, legenda = _tabela(resumo, set(requisitos))
    console.print(tabela)
    console.print(f"Situações:\n{legenda}")
    console.print(f"Resumo: {resumo_json}\nEvidências Allure: {relatorios / 'allure-results'}", soft_wrap=True)
    gerar_e_mostrar_pacote(relatorios, html_allure=not sem_html_allure)
    avaliados = [r for r in resumo["requisitos"] if not requisitos or r["id"] in requisitos]
    aprovado = codigo == 0 and da_execucao(r["veredito"] for r in avaliados)
    if interrompida:
        console.print(
            "Os trâmites em aberto ficam no livro de registro: execute de novo para continuar de onde parou, ou "
            "acompanhe-os com tramita-homologacao acompanhar."
        )
        sys.exit(130)
    console.print(
        "[bold green]Todos os requisitos aprovados.[/]" if aprovado else "[bold red]Há requisitos não aprovados.[/]"
    )
    sys.exit(0 if aprovado else 1)
