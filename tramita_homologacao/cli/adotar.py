"""`tramita-homologacao adotar IDT --requisito …`: the operator names the processo PEN sent for a requirement."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.campanha.abertura import EXIGIR
from tramita_homologacao.campanha.adocao import adotar_por_indicacao
from tramita_homologacao.cli.console import console, mostrar_comando
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.sessao import campanha_do_comando, cliente_com_certificado
from tramita_homologacao.conformidade.requisitos import IDS, POR_ID


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
    with (
        campanha_do_comando("adotar", ambiente, relatorios, confirmar_producao=True, livro=EXIGIR) as campanha,
        cliente_com_certificado(campanha.ambiente, campanha.certificado) as cliente,
    ):
        orgao = campanha.orgao(cliente, campanha.ambiente.url_api)
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
    mostrar_comando("Para concluí-lo:", campanha.comando("acompanhar", "--aguardar"))
