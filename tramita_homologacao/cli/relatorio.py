"""`tramita-homologacao relatorio`: (re)builds the campaign's evidence pack from its ledger (or its resumo.json)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.campanha.abertura import SE_HOUVER, CampanhaAberta
from tramita_homologacao.campanha.pasta import para_copiar
from tramita_homologacao.cli.console import console, mostrar_comando
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.sessao import campanha_do_comando
from tramita_homologacao.evidencia.manifesto import ASSINATURA, MANIFESTO
from tramita_homologacao.evidencia.mensagem import ARQUIVO_DA_MENSAGEM
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.pacote import ErroDoPacote, montar_pacote
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo


def raiz_do_projeto() -> Path:
    """The checkout holding features/, steps/ and package.json (installed with `pip install -e .`)."""
    for candidata in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (candidata / "features").is_dir() and (candidata / "steps" / "test_cenarios.py").is_file():
            return candidata
    raise click.ClickException(
        "Não encontrei as pastas features/ e steps/ do harness. Execute o comando dentro do repositório "
        "tramita-homologacao, instalado com: pip install -e ."
    )


def gerar_e_mostrar_pacote(campanha: CampanhaAberta, *, html_allure: bool = True, mostrar: bool = True) -> None:
    """The pack from the campaign's resumo.json (the caller brings it up to date with the ledger); its files
    listed unless `mostrar` is false (warnings are always shown)."""
    try:
        pacote = montar_pacote(
            campanha.pasta, raiz_do_projeto(), campanha.certificado, html_allure=html_allure, avisar=console.print
        )
    except ErroDoPacote as erro:
        raise click.ClickException(f"{erro} Execute antes:{para_copiar(campanha.comando('executar'))}") from None
    if mostrar:
        console.print("Pacote de evidências:")
        for arquivo in pacote.arquivos:
            console.print(f"  {arquivo}", soft_wrap=True)
    for aviso in pacote.avisos:
        console.print(Text.assemble(("Aviso:", "yellow"), f" {aviso} Para refazer o pacote:"))
        mostrar_comando("", campanha.comando("relatorio"))


def mostrar_mensagem_ao_pen(campanha: CampanhaAberta) -> None:
    """Outside the simulator: the message to send PEN now, and what goes with it."""
    mensagem = campanha.pasta / ARQUIVO_DA_MENSAGEM
    if mensagem.is_file():
        console.print(
            f"Envie ao PEN, de um endereço institucional, a mensagem de {mensagem}, com o relatório (PDF), o "
            f"{MANIFESTO} e o {ASSINATURA} da mesma pasta.",
            soft_wrap=True,
        )


def reescrever_resumo(campanha: CampanhaAberta) -> Resumo | None:
    """resumo.json rebuilt from the ledger, when the campaign has one on disk; the record written."""
    if campanha.arquivo_do_livro is None:
        return None
    resumo = montar_resumo(campanha.livro, campanha.ambiente, campanha.ambiente.url_base())
    escrever_resumo(resumo, campanha.pasta)
    return resumo


@click.command("relatorio", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
def relatorio(ambiente: str | None, relatorios: Path | None) -> None:
    """Refaz e assina o pacote de evidências da campanha (relatórios HTML e PDF, mensagem ao PEN, manifesto)."""
    with campanha_do_comando("relatorio", ambiente, relatorios, confirmar_producao=True, livro=SE_HOUVER) as c:
        reescrever_resumo(c)
        gerar_e_mostrar_pacote(c)
