"""`tramita-homologacao adotar IDT --requisito …`: the operator names the processo PEN sent for a requirement."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.campanha.adocao import adotar_por_indicacao
from tramita_homologacao.cli.campanha import Campanha
from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.sessao import ambiente_da_linha_de_comando, cliente_do_ambiente
from tramita_homologacao.conformidade.requisitos import IDS, POR_ID
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.registro import RegistroDeExecucao


@click.command("adotar", options_metavar="[OPÇÕES]")
@click.argument("identificador", metavar="IDT|NRE|NUP")
@click.option(
    "--requisito",
    required=True,
    type=click.Choice(IDS),
    help="O requisito que este trâmite vai provar.",
)
@opcao_ambiente
@opcao_relatorios
def adotar(identificador: str, requisito: str, ambiente: str | None, relatorios: Path | None) -> None:
    """Adota para um requisito o trâmite indicado (pelo IDT, NRE ou NUP que o SPE mostra).

    Recebimento e recusa: um processo que o PEN enviou à unidade de recebimento do órgão, quando a regra
    automática (por remetente e ordem de chegada) não basta. Envio e cancelamento (modo assistido): o trâmite que
    o SPE do órgão enviou seguindo a instrução, quando há mais de um candidato. A próxima execução ou o
    acompanhamento o conclui e julga.
    """
    campanha = Campanha(ambiente_da_linha_de_comando(ambiente), relatorios)
    arquivo_do_livro = campanha.arquivo_do_livro
    if arquivo_do_livro is None or not arquivo_do_livro.is_file():
        raise click.ClickException(
            f"A campanha do ambiente {campanha.ambiente.nome} ainda não tem livro de registro. Comece com: "
            f"{campanha.comando('executar')}"
        )
    with campanha.exclusiva("adotar"), cliente_do_ambiente(campanha.ambiente) as cliente:
        livro = Livro(arquivo_do_livro)
        try:
            orgao = OrgaoEmTeste(cliente, campanha.ambiente, RegistroDeExecucao(livro), None, campanha.pasta)
            tramite, cenario = adotar_por_indicacao(orgao, identificador, requisito)
            console.print(
                f"Trâmite {tramite.idt} (NRE {tramite.nre}), de {orgao.descrever(tramite.remetente)}, adotado "
                f"para o requisito {requisito} (cenário '{cenario}')."
            )
            recebido = POR_ID[requisito].recebido
            if recebido and tramite.remetente != campanha.ambiente.contraparte(requisito).endereco:
                console.print(
                    Text.assemble(
                        ("Atenção:", "yellow"),
                        " o remetente não é a contraparte configurada para este requisito; o relatório mostra o "
                        "remetente real.",
                    )
                )
        finally:
            livro.fechar()
    console.print(f"Para concluí-lo: {campanha.comando('acompanhar', '--aguardar')}")
