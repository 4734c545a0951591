"""`tramita-homologacao relatorio`: (re)builds the evidence pack from a run's reports/ folder."""

from __future__ import annotations

from pathlib import Path

import click

from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_relatorios
from tramita_homologacao.evidencia.pacote import ErroDoPacote, montar_pacote


def raiz_do_projeto() -> Path:
    """The checkout holding features/, steps/ and package.json (installed with `pip install -e .`)."""
    for candidata in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (candidata / "features").is_dir() and (candidata / "steps" / "test_cenarios.py").is_file():
            return candidata
    raise click.ClickException(
        "Não encontrei as pastas features/ e steps/ do harness. Execute o comando dentro do repositório "
        "tramita-homologacao, instalado com: pip install -e ."
    )


def gerar_e_mostrar_pacote(pasta: Path, *, html_allure: bool = True) -> None:
    try:
        pacote = montar_pacote(pasta, raiz_do_projeto(), html_allure=html_allure)
    except ErroDoPacote as erro:
        raise click.ClickException(str(erro)) from None
    console.print("Pacote de evidências:")
    for arquivo in pacote.arquivos:
        console.print(f"  {arquivo}", soft_wrap=True)
    for aviso in pacote.avisos:
        console.print(f"[yellow]Aviso:[/] {aviso}")


@click.command("relatorio", options_metavar="[OPÇÕES]")
@opcao_relatorios
def relatorio(relatorios: Path) -> None:
    """Gera o relatório de homologação (HTML e PDF), a mensagem para o PEN e o HTML do Allure."""
    gerar_e_mostrar_pacote(relatorios.resolve())
