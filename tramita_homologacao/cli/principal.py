"""Entry point of `tramita-homologacao`: the command group and the errors every command may meet."""

from __future__ import annotations

import sys

import click

from tramita_homologacao import __version__
from tramita_homologacao.cli import pt_br
from tramita_homologacao.cli.acompanhar import acompanhar
from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.diagnostico import diagnostico
from tramita_homologacao.cli.executar import executar
from tramita_homologacao.cli.explicar import explicar
from tramita_homologacao.cli.relatorio import relatorio
from tramita_homologacao.cli.simulador import simulador
from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente
from tramita_homologacao.configuracao.certificado import ErroDeCertificado


@click.group(
    context_settings={"help_option_names": ["-h", "--ajuda", "--help"]},
    options_metavar="[OPÇÕES]",
    subcommand_metavar="COMANDO [ARGUMENTOS]...",
)
@click.version_option(__version__, "--versao", prog_name="tramita-homologacao", help="Mostra a versão e sai.")
def grupo() -> None:
    """Prova, contra o Tramita.GOV.BR, os requisitos mínimos de integração do órgão (envio, recebimento,
    recusa e cancelamento) e gera as evidências para a equipe do PEN."""


grupo.add_command(executar)
grupo.add_command(diagnostico)
grupo.add_command(relatorio)
grupo.add_command(explicar)
grupo.add_command(acompanhar)
grupo.add_command(simulador)


def main() -> None:
    pt_br.instalar()
    try:
        grupo(prog_name="tramita-homologacao")
    except ErroDeAmbiente as erro:
        console.print(f"[bold red]Erro no ambiente:[/] {erro}")
        sys.exit(2)
    except ErroDeCertificado as erro:
        console.print(f"[bold red]Erro no certificado:[/] {erro}")
        sys.exit(2)
