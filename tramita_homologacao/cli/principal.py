"""Entry point of `tramita-homologacao`: the command group and the errors every command may meet."""

from __future__ import annotations

import importlib
import sys

import click

from tramita_homologacao import __version__
from tramita_homologacao.cli import pt_br
from tramita_homologacao.cli.desfecho import com_desfecho

# Each command is imported only when it runs; the help lists them from here, importing none (start-up stays
# short). The summary is each command's first docstring line (a test keeps the two equal).
COMANDOS = {
    "novo-ambiente": (
        "tramita_homologacao.cli.novo_ambiente",
        "Cria o arquivo de ambiente do órgão (meus-ambientes/NOME.toml) a partir de um modelo, para preencher.",
    ),
    "executar": (
        "tramita_homologacao.cli.executar",
        "Executa o que falta na campanha do ambiente (nada já aprovado é enviado de novo) e refaz o pacote.",
    ),
    "diagnostico": (
        "tramita_homologacao.cli.diagnostico",
        "Confere certificado, senha, conexão, unidades e contrapartes do ambiente, sem alterar nada.",
    ),
    "relatorio": (
        "tramita_homologacao.cli.relatorio",
        "Refaz e assina o pacote de evidências da campanha (relatórios HTML e PDF, mensagem ao PEN, manifesto).",
    ),
    "verificar": (
        "tramita_homologacao.cli.verificar",
        "Confere um pacote de evidências recebido: assinatura, arquivos, recibos e vereditos, sem alterar nada.",
    ),
    "explicar": (
        "tramita_homologacao.cli.explicar",
        "Mostra o histórico de um trâmite (pelo IDT ou pelo NRE) com o significado de cada situação.",
    ),
    "acompanhar": (
        "tramita_homologacao.cli.acompanhar",
        "Mostra os trâmites de teste da campanha, adota os processos que o PEN enviou e julga o que mudou.",
    ),
    "adotar": (
        "tramita_homologacao.cli.adotar",
        "Adota para um requisito o trâmite indicado (pelo IDT, NRE ou NUP que o SPE mostra).",
    ),
    "simulador": (
        "tramita_homologacao.cli.simulador",
        "Inicia o simulador do Tramita.GOV.BR em primeiro plano, até Ctrl-C.",
    ),
}


class GrupoPreguicoso(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMANDOS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMANDOS:
            return None
        comando = getattr(importlib.import_module(COMANDOS[cmd_name][0]), cmd_name.replace("-", "_"))
        assert isinstance(comando, click.Command)
        return comando

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Comandos"):
            formatter.write_dl([(nome, resumo) for nome, (_, resumo) in COMANDOS.items()])


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
