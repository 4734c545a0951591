"""`tramita-homologacao adotar IDT --requisito …`: the operator names the processo PEN sent for a requirement."""

from __future__ import annotations

from pathlib import Path

import click

from tramita_homologacao.campanha.adocao import ErroDeAdocao, adotar_por_indicacao, descrever_unidade
from tramita_homologacao.cli.campanha import Campanha
from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.sessao import ambiente_da_linha_de_comando, cliente_do_ambiente
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao


@click.command("adotar", options_metavar="[OPÇÕES]")
@click.argument("idt", type=int)
@click.option(
    "--requisito",
    required=True,
    type=click.Choice(["recebimento", "recusa"]),
    help="O requisito que este processo vai provar.",
)
@opcao_ambiente
@opcao_relatorios
def adotar(idt: int, requisito: str, ambiente: str | None, relatorios: Path | None) -> None:
    """Adota para um requisito o trâmite IDT que o PEN enviou à unidade de recebimento do órgão.

    Só é preciso quando a regra automática (por remetente e ordem de chegada) não basta. O trâmite precisa ser
    destinado à unidade de recebimento do órgão; ele é recebido ou recusado na próxima execução ou acompanhamento.
    """
    campanha = Campanha(ambiente_da_linha_de_comando(ambiente), relatorios)
    arquivo_do_livro = campanha.arquivo_do_livro
    if arquivo_do_livro is None or not arquivo_do_livro.is_file():
        raise click.ClickException(
            f"A campanha do ambiente {campanha.ambiente.nome} ainda não pediu processos ao PEN. Comece com: "
            f"{campanha.comando('executar')}"
        )
    with campanha.exclusiva("adotar"), cliente_do_ambiente(campanha.ambiente) as cliente:
        livro = Livro(arquivo_do_livro)
        try:
            orgao = OrgaoEmTeste(cliente, campanha.ambiente, RegistroDeExecucao(livro), None, campanha.pasta)
            try:
                tramite, pedido = adotar_por_indicacao(orgao, idt, requisito)
            except ErroDeAdocao as erro:
                raise click.ClickException(str(erro)) from None
            console.print(
                f"Trâmite {tramite.idt} (NRE {tramite.nre}), de {descrever_unidade(orgao, tramite.remetente)}, adotado "
                f"para o requisito {requisito} (cenário '{pedido.cenario}').",
                markup=False,
            )
            if tramite.remetente != campanha.ambiente.contraparte(requisito).endereco:
                console.print(
                    "[yellow]Atenção:[/] o remetente não é a contraparte configurada para este requisito; o relatório "
                    "mostra o remetente real."
                )
        finally:
            livro.fechar()
    console.print(f"Para concluí-lo: {campanha.comando('acompanhar', '--aguardar')}", markup=False)
