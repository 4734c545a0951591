"""`tramita-homologacao diagnostico`: is this environment ready? A ✓/✗ table with what to do for each ✗."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import click
from rich.text import Text

from tramita_homologacao.cli.console import Tabela, console
from tramita_homologacao.cli.opcoes import opcao_ambiente
from tramita_homologacao.cli.sessao import perguntar_se_houver_terminal
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.diagnostico import AVISO, FALHA, OK, diagnosticar
from tramita_homologacao.configuracao.localizacao import resolver_arquivo

SIMBOLOS = {OK: Text("✓", style="green"), FALHA: Text("✗", style="red"), AVISO: Text("!", style="yellow")}


@click.command("diagnostico", options_metavar="[OPÇÕES]")
@opcao_ambiente
def diagnostico(ambiente: str | None) -> None:
    """Confere certificado, senha, conexão, unidades e contrapartes do ambiente, sem alterar nada."""
    arquivo = resolver_arquivo(ambiente)
    escolhido = carregar_ambiente(str(arquivo))
    if escolhido.embutido:
        from tramita_homologacao.simulador.servidor import Simulador

        servidor = Simulador(versao_api=escolhido.versao_api, sistema_padrao=escolhido.sistema_embutido)
        url_api = servidor.url_raiz + "interoperabilidade/rest/"
    else:
        servidor, url_api = None, escolhido.url_api
    with servidor or nullcontext():
        itens = diagnosticar(escolhido, arquivo, escolhido.url_base(url_api), perguntar=perguntar_se_houver_terminal())
    tabela = Tabela(title=f"Diagnóstico do ambiente {escolhido.nome} — {escolhido.orgao.sigla}", show_lines=True)
    for coluna in ("", "Verificação", "Resultado", "O que fazer"):
        tabela.add_column(coluna)
    for item in itens:
        tabela.add_row(
            SIMBOLOS.get(item.resultado, "–"), item.verificacao, item.detalhe or item.resultado, item.o_que_fazer
        )
    console.print(tabela)
    falhas = sum(item.resultado == FALHA for item in itens)
    avisos = sum(item.resultado == AVISO for item in itens)
    if falhas:
        console.print(
            Text.assemble(
                (f"{falhas} verificação(ões) falharam", "bold red"), f", {avisos} aviso(s)." if avisos else "."
            )
        )
        sys.exit(1)
    console.print(Text.assemble(("Ambiente pronto.", "bold green"), f" {avisos} aviso(s) acima." if avisos else ""))
