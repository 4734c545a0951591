"""Entry point of `tramita-homologacao`: the command group and the errors every command may meet."""

from __future__ import annotations

import importlib
import sys

import click

from tramita_homologacao import __version__
from tramita_homologacao.cli import pt_br
from tramita_homologacao.cli.desfecho import com_desfecho

# Each command is imported only when it runs (or when the help lists them): start-up stays short.
COMANDOS = {
    "executar": "tramita_homologacao.cli.executar",
    "diagnostico": "tramita_homologacao.cli.diagnostico",
    "relatorio": "tramita_homologacao.cli.relatorio",
    "explicar": "tramita_homologacao.cli.explicar",
    "acompanhar": "tramita_homologacao.cli.acompanhar",
    "adotar": "tramita_homologacao.cli.adotar",
    "simulador": "tramita_homologacao.cli.simulador",
}


class GrupoPreguicoso(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMANDOS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMANDOS:
            return None
        comando = getattr(importlib.import_module(COMANDOS[cmd_name]), cmd_name)
        assert isinstance(comando, click.Command)
        return comando


@click.group(
    cls=GrupoPreguicoso,
    context_settings={"help_option_names": ["-h", "--ajuda", "--help"]},
    options_metavar="[OPÇÕES]",
    subcommand_metavar="COMANDO [ARGUMENTOS]...",
)
@click.version_option(__version__, "--versao", prog_name="tramita-homologacao", help="Mostra a versão e sai.")
def grupo() -> None:
    """Prova, contra o Tramita.GOV.BR, os requisitos mínimos de integração do órgão (envio, recebimento,
    recusa e cancelamento) e gera as evidências para a equipe do PEN."""


def main() -> None:
    pt_br.instalar()
    sys.exit(com_desfecho(lambda: grupo.main(prog_name="tramita-homologacao", standalone_mode=False)))
