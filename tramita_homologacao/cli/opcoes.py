"""Options several commands share, written once."""

from __future__ import annotations

from pathlib import Path

import click

opcao_ambiente = click.option(
    "--ambiente",
    "-a",
    default=None,
    metavar="NOME",
    help="Nome de environments/<nome>.toml ou caminho de um .toml (padrão: variável TRAMITA_AMBIENTE ou 'local', "
    "o simulador embutido).",
)
opcao_relatorios = click.option(
    "--relatorios",
    default=None,
    metavar="PASTA",
    type=click.Path(file_okay=False, path_type=Path),
    help="Pasta da campanha: livro de registro, resumo.json, allure-results e relatórios (padrão: reports/<ambiente> "
    "na pasta do harness, qualquer que seja a pasta atual, ou <TRAMITA_RELATORIOS>/<ambiente>).",
)
