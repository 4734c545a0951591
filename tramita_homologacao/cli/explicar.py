"""`tramita-homologacao explicar <IDT|NRE>`: a trâmite's history, each status explained as the manual does.

Read-only: it only queries (`GET tramites`), so it works for any trâmite the organ can see.
"""

from __future__ import annotations

import sys

import click
from rich.text import Text

from tramita_homologacao.cli.console import Tabela, console
from tramita_homologacao.cli.opcoes import opcao_ambiente
from tramita_homologacao.cli.sessao import ambiente_da_linha_de_comando, cliente_do_ambiente
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.protocolo.dominio import descrever_motivo
from tramita_homologacao.protocolo.horario import hora
from tramita_homologacao.protocolo.situacoes import EXPLICACOES, Situacao

TAMANHO_DO_NRE = 16


def _consultar(ambiente: Ambiente, identificador: str) -> list[Tramite]:
    with cliente_do_ambiente(ambiente) as completo:
        cliente = ClienteDeConsulta(completo)
        if len(identificador) == TAMANHO_DO_NRE:
            return cliente.consultar_tramites(nre=identificador)
        return cliente.consultar_tramites(idt=int(identificador))


def _mostrar(tramite: Tramite) -> None:
    console.print(
        Text.assemble(
            "\n",
            (f"Trâmite IDT {tramite.idt}", "bold"),
            f" · NRE {tramite.nre} · protocolo {tramite.protocolo}\n"
            f"remetente {tramite.remetente} → destinatário {tramite.destinatario} · situação atual ",
            (tramite.situacao.rotulo(), "bold"),
        )
    )
    tabela = Tabela(show_lines=True)
    for coluna in ("Situação", "Desde (Brasília)", "Significado", "Onde está o processo", "O que fazer"):
        tabela.add_column(coluna)
    for mudanca in tramite.mudancas:
        explicacao = mudanca.situacao.explicacao
        tabela.add_row(
            str(int(mudanca.situacao)),
            hora(mudanca.data_hora),
            explicacao.significado,
            explicacao.onde_esta,
            explicacao.o_que_fazer,
        )
    console.print(tabela)
    atual = tramite.situacao.explicacao
    for causa in atual.causas_conhecidas:
        console.print(f"  • causa conhecida: {causa}")
    if tramite.motivo_recusa or tramite.justificativa_recusa:
        motivo = descrever_motivo(tramite.motivo_recusa)
        console.print(f"Recusa: motivo {motivo}. Justificativa: {tramite.justificativa_recusa}")


def _tabela_completa() -> None:
    tabela = Tabela(title="Situações de um trâmite (Manual do Tramita.GOV.BR)", show_lines=True)
    for coluna in ("Situação", "Significado", "Onde está o processo", "O que fazer quando fica parado"):
        tabela.add_column(coluna)
    for situacao in Situacao:
        if situacao == Situacao.NAO_INICIADO:
            continue
        explicacao = EXPLICACOES[situacao]
        causas = "".join(f"\n• {c}" for c in explicacao.causas_conhecidas)
        tabela.add_row(
            str(int(situacao)), explicacao.significado, explicacao.onde_esta, explicacao.o_que_fazer + causas
        )
    console.print(tabela)


@click.command("explicar", options_metavar="[OPÇÕES]")
@click.argument("identificador", metavar="IDT|NRE", required=False)
@opcao_ambiente
def explicar(identificador: str | None, ambiente: str | None) -> None:
    """Mostra o histórico de um trâmite (pelo IDT ou pelo NRE) com o significado de cada situação.

    Sem IDT/NRE, mostra a tabela completa das situações 1 a 10.
    """
    if identificador is None:
        _tabela_completa()
        return
    if not identificador.isdigit():
        raise click.BadParameter("informe o IDT (número do trâmite) ou o NRE (16 dígitos).", param_hint="IDT|NRE")
    escolhido = ambiente_da_linha_de_comando(ambiente)
    tramites = _consultar(escolhido, identificador)
    if not tramites:
        console.print(
            f"Nenhum trâmite {identificador} visível para o órgão no ambiente {escolhido.nome} (o Tramita.GOV.BR só "
            "mostra trâmites em que uma unidade do órgão é remetente ou destinatária)."
        )
        sys.exit(1)
    for tramite in tramites:
        _mostrar(tramite)
