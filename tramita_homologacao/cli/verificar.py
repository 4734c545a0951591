"""`tramita-homologacao verificar`: the PEN technician checks a pack the organ sent, without changing it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.cli.console import Tabela, console
from tramita_homologacao.cli.sessao import ambiente_da_linha_de_comando, cliente_do_ambiente
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.conformidade.signatario import Confianca, confianca_do_ambiente
from tramita_homologacao.evidencia.auditoria import AVISO, CONFERE, NAO_CONFERE, Auditoria, auditar, reconsultar
from tramita_homologacao.evidencia.modelo import Resumo

SIMBOLOS = {
    CONFERE: Text("✓", style="green"),
    NAO_CONFERE: Text("✗", style="red"),
    AVISO: Text("!", style="yellow"),
}


def _constatacoes(auditoria: Auditoria) -> Tabela:
    tabela = Tabela(title=f"Pacote {auditoria.pasta}", show_lines=True)
    for coluna in ("", "O que foi conferido", "Resultado"):
        tabela.add_column(coluna)
    for c in auditoria.constatacoes:
        tabela.add_row(SIMBOLOS[c.situacao], c.assunto, c.detalhe)
    return tabela


def _tramites(resumo: Resumo) -> Tabela:
    tabela = Tabela(title="Vereditos recalculados e trâmites para consultar no Painel de Controle do PEN")
    for coluna in ("Requisito", "Veredito", "IDT", "NRE", "Situação final"):
        tabela.add_column(coluna)
    for requisito in resumo.todos_os_requisitos:
        linhas = [(str(t.idt), t.nre, f"{t.situacao_final} ({t.situacao_final_descricao})") for t in requisito.tramites]
        for numero, linha in enumerate(linhas or [("—", "—", "—")]):
            tabela.add_row(requisito.id if numero == 0 else "", requisito.veredito if numero == 0 else "", *linha)
    return tabela


@click.command("verificar", options_metavar="[OPÇÕES]")
@click.argument("pacote", type=click.Path(path_type=Path), metavar="PASTA_OU_ARQUIVO")
@click.option(
    "--ac",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Arquivo PEM da autoridade certificadora que emite os certificados dos sistemas: confere quem assinou "
    "cada recibo.",
)
@click.option(
    "--ambiente",
    "-a",
    metavar="NOME_OU_ARQUIVO",
    help="Consulta de novo cada trâmite do pacote no Tramita.GOV.BR com o certificado deste ambiente (só leitura).",
)
def verificar(pacote: Path, ac: Path | None, ambiente: str | None) -> None:
    """Confere um pacote de evidências recebido: assinatura, arquivos, recibos e vereditos, sem alterar nada."""
    confianca = confianca_do_ambiente(ac, ()) if ac is not None else Confianca()
    auditoria = auditar(pacote, confianca)
    if ambiente is not None:
        with cliente_do_ambiente(ambiente_da_linha_de_comando(ambiente)) as cliente:
            reconsultar(auditoria, ClienteDeConsulta(cliente))
    console.print(_constatacoes(auditoria))
    if auditoria.resumo is not None:
        console.print(_tramites(auditoria.resumo))
    if not auditoria.confere:
        console.print(Text("O pacote NÃO confere: veja as linhas marcadas com ✗.", style="bold red"))
        sys.exit(1)
    resumo = auditoria.resumo
    assert resumo is not None, "um pacote que confere tem resumo"
    if resumo.ensaio:
        console.print("O pacote confere, mas é um ensaio no simulador: não tem valor de homologação.")
    else:
        console.print(
            f"O pacote confere: campanha de {resumo.ambiente.tipo} do {resumo.orgao.sigla}, "
            + ("aprovada." if resumo.aprovado else "ainda não aprovada.")
        )
