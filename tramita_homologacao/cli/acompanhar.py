"""`tramita-homologacao acompanhar`: the campaign's trâmites, what PEN sent, and (with --aguardar) until the end."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import click
import pytest
from rich.console import Group
from rich.live import Live
from rich.text import Text

from tramita_homologacao.campanha.abertura import EXIGIR, CampanhaAberta, SemLivro
from tramita_homologacao.campanha.adocao import Procura, o_que_sera_feito
from tramita_homologacao.campanha.pasta import para_copiar
from tramita_homologacao.campanha.seguimento import Seguimento
from tramita_homologacao.cli.console import Tabela, console, mostrar_comando
from tramita_homologacao.cli.executar import argumentos_do_pytest, rodar_cenarios
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote, mostrar_mensagem_ao_pen, reescrever_resumo
from tramita_homologacao.cli.sessao import campanha_do_comando, cliente_com_certificado
from tramita_homologacao.cli.vereditos import tabela_de_vereditos
from tramita_homologacao.configuracao.conexao import SemConexao, exigir_conexao
from tramita_homologacao.orgao.acompanhamento import Acompanhamento
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, hora, hora_curta


def _duracao(segundos: float) -> str:
    minutos, segundos = divmod(int(segundos), 60)
    horas, minutos = divmod(minutos, 60)
    dias, horas = divmod(horas, 24)
    return f"{dias}d {horas:02d}h{minutos:02d}" if dias else f"{horas:02d}h{minutos:02d}m{segundos:02d}s"


def _consultas(ultima: datetime | None, proxima: float | None, seguimento: Seguimento) -> str:
    """`última 14:02:10 · próxima 14:17:10`, in Brasília time (the monotonic schedule made wall clock)."""
    partes = [f"última {hora_curta(ultima)}" if ultima else "ainda não consultado"]
    if proxima is not None:
        quando = datetime.now().astimezone() + timedelta(seconds=max(0.0, proxima - seguimento.relogio()))
        partes.append(f"próxima {hora_curta(quando)}")
    return " · ".join(partes)


def _tabela(seguimento: Seguimento) -> Group:
    """The open trâmites, then what is still asked of PEN (with when it was asked), both with their checks."""
    acompanhamento = seguimento.acompanhamento
    agora = datetime.now().astimezone()
    pedidos = seguimento.pedidos_em_aberto()
    concluidos = len(acompanhamento.acompanhados) - len(acompanhamento.pendentes)
    titulo = (
        f"Trâmites de teste — {concluidos} de {len(acompanhamento.acompanhados)} concluídos"
        if acompanhamento.acompanhados
        else "Trâmites de teste — nenhum em aberto"
    )
    tabela = Tabela(title=titulo, caption=AVISO_DE_FUSO)
    for coluna in ("IDT", "Requisito", "Situação", "Há", "O que significa", "Consultas"):
        tabela.add_column(coluna, no_wrap=coluna == "IDT")
    for a in acompanhamento.acompanhados:
        requisito = f"{a.linha.requisito} ({a.linha.papel})"
        if a.tramite is None:
            consultas = _consultas(a.ultima_consulta, None, seguimento)
            tabela.add_row(str(a.linha.idt), requisito, "?", "", a.erro, consultas)
            continue
        situacao = a.tramite.situacao
        tabela.add_row(
            str(a.tramite.idt),
            requisito,
            Text(str(int(situacao)), style="green" if situacao.final else ""),
            _duracao(max(0.0, a.tempo_na_situacao(agora))),  # the platform's clock may run ahead of ours
            f"{situacao.explicacao.significado}. {'' if situacao.final else situacao.explicacao.o_que_fazer}",
            _consultas(a.ultima_consulta, None if a.final else a.proxima_consulta, seguimento),
        )
    if not pedidos:
        return Group(tabela)
    orgao = acompanhamento.orgao
    ambiente = orgao.ambiente
    pedidos_ao_pen = Tabela(title=f"Pedidos ao PEN em aberto — {len(pedidos)}")
    for coluna in ("Requisito", "Pedido em", "O que o PEN deve enviar", "Procura nas pendências"):
        pedidos_ao_pen.add_column(coluna)
    for pedido in pedidos:
        pedidos_ao_pen.add_row(
            pedido.requisito,
            hora(datetime.fromisoformat(pedido.pedido_em)),
            f"um processo de {orgao.descrever(ambiente.contraparte(pedido.requisito).endereco)} para "
            f"{orgao.descrever(ambiente.orgao.endereco_recebimento)}, "
            + o_que_sera_feito(pedido.requisito, ambiente.formato_que_o_spe_recusa),
            _consultas(seguimento.ultima_procura, seguimento.proxima_procura, seguimento),
        )
    return Group(tabela, pedidos_ao_pen)


def _mostrar_procura(orgao: Observador):
    """Each processo one look at the pendências found: adopted (for which requirement) or left untouched (why)."""

    def mostrar(procura: Procura) -> None:
        vistos = [(("Adotado", "bold green"), f" para o requisito {p.requisito}", t, "") for t, p in procura.adotados]
        vistos += [
            (("Ignorado", "yellow"), " (não é de teste desta campanha; nada foi feito nele)", t, m)
            for t, m in procura.ignorados
        ]
        for rotulo, complemento, tramite, motivo in vistos:
            console.print(
                Text.assemble(
                    rotulo,
                    f"{complemento}: trâmite {tramite.idt} (NRE {tramite.nre}), de "
                    f"{orgao.descrever(tramite.remetente)}, registrado em "
                    f"{hora(tramite.data_registro)}" + (f": {motivo}." if motivo else "."),
                )
            )

    return mostrar


def _julgador(campanha: CampanhaAberta):
    """Runs the named scenarios again, each wait asking once, in the campaign's mode, as `executar` does."""

    def julgar(cenarios: list[str]) -> None:
        argumentos = argumentos_do_pytest(campanha, (), uma_consulta=True)
        codigo, _ = rodar_cenarios(argumentos + [f"--cenario={c}" for c in cenarios], campanha)
        if codigo == pytest.ExitCode.INTERRUPTED:  # Ctrl-C inside the scenarios stops the follow-up too
            raise KeyboardInterrupt
        gerar_e_mostrar_pacote(campanha, html_allure=False, mostrar=False)

    return julgar


@click.command("acompanhar", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
@click.option(
    "--aguardar",
    is_flag=True,
    help="Continua até a campanha não ter mais o que esperar: adota o que o PEN enviar, acompanha cada trâmite e "
    "julga cada cenário quando a contraparte agir (Ctrl-C para parar).",
)
def acompanhar(ambiente: str | None, relatorios: Path | None, aguardar: bool) -> None:
    """Mostra os trâmites de teste da campanha, adota os processos que o PEN enviou e julga o que mudou."""
    try:
        with campanha_do_comando("acompanhar", ambiente, relatorios, confirmar_producao=True, livro=EXIGIR) as aberta:
            aprovada = _acompanhar(aberta.no_modo_do_livro(), aguardar)
    except SemLivro as erro:
        console.print(str(erro), soft_wrap=True)
        aprovada = False
    sys.exit(0 if aprovada else 1)  # the verdict rule of every command: 0 only for an approved campaign


def _acompanhar(campanha: CampanhaAberta, aguardar: bool) -> bool:
    """Follows the campaign (once, or until nothing is left to wait for); whether it is approved."""
    with cliente_com_certificado(campanha.ambiente, campanha.certificado) as cliente:
        try:
            exigir_conexao(cliente)
        except SemConexao as erro:
            raise click.ClickException(f"{erro} Confira com:{para_copiar(campanha.comando('diagnostico'))}") from None
        orgao = campanha.orgao(cliente, campanha.ambiente.url_api)  # in assisted mode the SPE acts: it only asks
        seguimento = Seguimento(Acompanhamento.dos_abertos(orgao), _julgador(campanha), _mostrar_procura(orgao))
        if aguardar:
            _seguir_ate_o_fim(seguimento)
        else:
            seguimento.rodada()
            console.print(_tabela(seguimento))
        resumo = reescrever_resumo(campanha)  # every status the follow-up saw is in the ledger
        gerar_e_mostrar_pacote(campanha)
        aprovada = resumo is not None and resumo.aprovado
        if resumo is not None:
            console.print(tabela_de_vereditos(resumo)[0])
            if resumo.perfil_estendido:
                console.print(tabela_de_vereditos(resumo, estendido=True)[0])
        _dizer_o_que_falta(seguimento, campanha, aprovada)
        mostrar_mensagem_ao_pen(campanha)
        return aprovada


def _seguir_ate_o_fim(seguimento: Seguimento) -> None:
    try:
        with Live(_tabela(seguimento), console=console, refresh_per_second=2) as tela:
            terminou = seguimento.seguir(ao_atualizar=lambda s: tela.update(_tabela(s)))
        if not console.is_terminal:
            console.print()  # the last frame ends without a line break off a terminal
        if terminou:
            console.print("Nada mais a aguardar nesta campanha.", style="bold green")
    except KeyboardInterrupt:
        console.print(_tabela(seguimento))
        console.print("Acompanhamento interrompido; os trâmites continuam no livro de registro.")


def _dizer_o_que_falta(seguimento: Seguimento, campanha: CampanhaAberta, aprovada: bool) -> None:
    if aprovada:
        console.print("Campanha aprovada.", style="bold green")
    elif seguimento.terminou():
        mostrar_comando(
            "Nada mais a aguardar. Para executar o que ainda falta na campanha:", campanha.comando("executar")
        )
    else:
        mostrar_comando("Para continuar acompanhando:", campanha.comando("acompanhar", "--aguardar"))
    for pedido in seguimento.pedidos_em_aberto():
        mostrar_comando(
            f"Se o PEN enviou de outra unidade o processo do requisito {pedido.requisito}, indique-o pelo IDT:",
            campanha.comando("adotar", "<IDT>", "--requisito", pedido.requisito),
        )
