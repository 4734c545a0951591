"""`tramita-homologacao executar`: runs the scenarios against an environment and summarises the verdicts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pytest

from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote, raiz_do_projeto
from tramita_homologacao.cli.sessao import ha_terminal, perguntar_se_houver_terminal
from tramita_homologacao.cli.vereditos import ProgressoNoTerminal, tabela_de_vereditos
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente, resolver_arquivo
from tramita_homologacao.configuracao.conexao import certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.vereditos import da_execucao
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.suite.chaves import CHAVE_SENHA


class EntregaDaSenha:
    """Hands the password asked here to the suite's plugin, in memory (never on a command line)."""

    def __init__(self, senha: Segredo | None) -> None:
        self._senha = senha

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
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


def ambiente_confirmado(ambiente: str | None, confirmar_producao: bool) -> tuple[Path, Ambiente]:
    """The environment file and its contents; in produção, only once confirmed."""
    arquivo = resolver_arquivo(ambiente)
    escolhido = carregar_ambiente(str(arquivo))
    if escolhido.tipo == "producao" and not confirmar_producao:
        confirmar_execucao_em_producao(escolhido)
    return arquivo, escolhido


def senha_conferida(ambiente: Ambiente) -> Segredo | None:
    """The certificate's password, asked once; a wrong one or an expired certificate stops here, clearly."""
    senha = obter_senha(ambiente, perguntar=perguntar_se_houver_terminal())
    certificado_do_ambiente(ambiente, senha)
    return senha


def argumentos_do_pytest(
    arquivo: Path, ambiente: Ambiente, relatorios: Path, requisitos: tuple[str, ...], recomecar: bool
) -> list[str]:
    raiz = raiz_do_projeto()
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
    if ambiente.tipo == "producao":
        argumentos.append("--confirmar-producao")
    if recomecar:
        argumentos.append("--recomecar")
    if requisitos:
        argumentos += ["-m", " or ".join(f"requisito_{r}" for r in requisitos)]
    return argumentos


def rodar_cenarios(argumentos: list[str], senha: Segredo | None, resumo_json: Path) -> tuple[int, dict]:
    """Runs the suite (one line per scenario as it ends); the pytest exit code and the resumo it wrote."""
    resumo_json.unlink(missing_ok=True)
    codigo = pytest.main(argumentos, plugins=[ProgressoNoTerminal(), EntregaDaSenha(senha)])
    if codigo == pytest.ExitCode.INTERRUPTED:
        console.print("[bold yellow]Execução interrompida (Ctrl-C).[/]")
    if not resumo_json.is_file():
        raise click.ClickException(f"Nenhum cenário chegou a ser executado (código do pytest: {int(codigo)}).")
    return int(codigo), json.loads(resumo_json.read_text(encoding="utf-8"))


def mostrar_vereditos(resumo: dict, requisitos: tuple[str, ...], relatorios: Path) -> None:
    tabela, legenda = tabela_de_vereditos(resumo, set(requisitos))
    console.print(tabela)
    console.print(f"Situações:\n{legenda}")
    console.print(
        f"Resumo: {relatorios / 'resumo.json'}\nEvidências Allure: {relatorios / 'allure-results'}", soft_wrap=True
    )


def encerrar(codigo: int, resumo: dict, requisitos: tuple[str, ...]) -> None:
    """Exit 0 only if every requirement run was approved; 130 after Ctrl-C, with how to go on."""
    if codigo == pytest.ExitCode.INTERRUPTED:
        console.print(
            "Os trâmites em aberto ficam no livro de registro: execute de novo para continuar de onde parou, ou "
            "acompanhe-os com tramita-homologacao acompanhar."
        )
        sys.exit(130)
    avaliados = [r for r in resumo["requisitos"] if not requisitos or r["id"] in requisitos]
    aprovado = codigo == 0 and da_execucao(r["veredito"] for r in avaliados)
    console.print(
        "[bold green]Todos os requisitos aprovados.[/]" if aprovado else "[bold red]Há requisitos não aprovados.[/]"
    )
    sys.exit(0 if aprovado else 1)


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
    arquivo, escolhido = ambiente_confirmado(ambiente, confirmar_producao)
    senha = senha_conferida(escolhido)
    relatorios = relatorios.resolve()
    console.print(
        f"Ambiente [bold]{escolhido.nome}[/] ({escolhido.descricao or escolhido.tipo}) — órgão {escolhido.orgao.sigla}"
    )
    argumentos = argumentos_do_pytest(arquivo, escolhido, relatorios, requisitos, recomecar)
    codigo, resumo = rodar_cenarios(argumentos, senha, relatorios / "resumo.json")
    mostrar_vereditos(resumo, requisitos, relatorios)
    gerar_e_mostrar_pacote(relatorios, html_allure=not sem_html_allure)
    encerrar(codigo, resumo, requisitos)
