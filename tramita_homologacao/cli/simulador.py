"""`tramita-homologacao simulador`: the Tramita.GOV.BR simulator alone, in the foreground."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from tramita_homologacao.cli.console import console
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.semente import ARQUIVO_PADRAO


@click.command("simulador", options_metavar="[OPÇÕES]")
@click.option(
    "--porta",
    default=8080,
    metavar="PORTA",
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Porta TCP (0 = livre).",
)
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ENDEREÇO", help="Endereço de escuta.")
@click.option(
    "--sistema",
    default=None,
    metavar="NOME",
    help=f"Sistema assumido quando a requisição não traz certificado nem o cabeçalho {CABECALHO_SISTEMA} "
    "(permite apontar um SPE real para o simulador sem alterá-lo).",
)
@click.option(
    "--versao-api",
    default="v3",
    show_default=True,
    metavar="VERSÃO",
    help="Versão da API servida (v3 hoje; v4 anunciada).",
)
@click.option(
    "--semente",
    default=ARQUIVO_PADRAO,
    metavar="ARQUIVO",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Arquivo TOML com os dados iniciais (repositórios, unidades, sistemas, espécies).",
)
def simulador(porta: int, host: str, sistema: str | None, versao_api: str, semente: Path) -> None:
    """Inicia o simulador do Tramita.GOV.BR em primeiro plano, até Ctrl-C."""
    from tramita_homologacao.simulador.servidor import Simulador

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    try:
        servidor = Simulador(semente=semente, host=host, porta=porta, versao_api=versao_api, sistema_padrao=sistema)
    except OSError as erro:
        raise click.ClickException(
            f"Não foi possível escutar em {host}:{porta} ({erro.strerror or erro}). Escolha outra porta com --porta."
        ) from None
    cadastrados = [s.nome for s in servidor.plataforma.semente.sistemas]
    if sistema and sistema not in cadastrados:
        servidor.parar()
        raise click.ClickException(
            f"O sistema '{sistema}' não existe nos dados do simulador. Cadastrados: {', '.join(cadastrados)}."
        )
    console.print(f"Simulador do Tramita.GOV.BR escutando em [bold]{servidor.url_base}[/]", soft_wrap=True)
    console.print(f"Sistema padrão: {sistema or f'nenhum (envie o cabeçalho {CABECALHO_SISTEMA})'}")
    console.print("Sistemas cadastrados: " + ", ".join(cadastrados))
    console.print("Pressione Ctrl-C para encerrar.")
    servidor.servir_para_sempre()  # werkzeug ends serve_forever quietly on Ctrl-C
    console.print("Simulador encerrado.")
