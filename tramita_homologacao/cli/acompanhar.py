"""`tramita-homologacao acompanhar`: every open test trâmite, where it stands, and (with --aguardar) until it ends."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click
from rich.live import Live
from rich.table import Table

from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote
from tramita_homologacao.cli.sessao import ambiente_da_linha_de_comando, cliente_do_ambiente
from tramita_homologacao.evidencia.resumo import atualizar_tramites, escrever_resumo
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.acompanhamento import Acompanhamento
from tramita_homologacao.orgao.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao


def _duracao(segundos: float) -> str:
    minutos, segundos = divmod(int(segundos), 60)
    horas, minutos = divmod(minutos, 60)
    dias, horas = divmod(horas, 24)
    return f"{dias}d {horas:02d}h{minutos:02d}" if dias else f"{horas:02d}h{minutos:02d}m{segundos:02d}s"


def _tabela(acompanhamento: Acompanhamento) -> Table:
    agora = datetime.now().astimezone()
    concluidos = len(acompanhamento.acompanhados) - len(acompanhamento.pendentes)
    tabela = Table(title=f"Trâmites de teste em aberto — {concluidos} de {len(acompanhamento.acompanhados)} concluídos")
    for coluna in ("IDT", "Requisito", "Papel", "Situação", "Há", "O que significa", "Próxima consulta"):
        tabela.add_column(coluna)
    for a in acompanhamento.acompanhados:
        if a.tramite is None:
            tabela.add_row(str(a.linha.idt), a.linha.requisito, a.linha.papel, "?", "", a.erro, "")
            continue
        situacao = a.tramite.situacao
        tabela.add_row(
            str(a.tramite.idt),
            a.linha.requisito,
            a.linha.papel,
            f"[green]{int(situacao)}[/]" if situacao.final else str(int(situacao)),
            _duracao(a.tempo_na_situacao(agora)),
            f"{situacao.explicacao.significado}. {'' if situacao.final else situacao.explicacao.o_que_fazer}",
            "—" if a.final else f"em {a.intervalo.atual:.0f} s",
        )
    return tabela


def _reconstruir_relatorios(pasta: Path, registro: RegistroDeExecucao) -> None:
    resumo_json = pasta / "resumo.json"
    if not resumo_json.is_file():
        return
    resumo = atualizar_tramites(json.loads(resumo_json.read_text(encoding="utf-8")), registro)
    escrever_resumo(resumo, pasta)
    gerar_e_mostrar_pacote(pasta)


@click.command("acompanhar", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
@click.option("--aguardar", is_flag=True, help="Continua consultando até todos terminarem (Ctrl-C para parar).")
def acompanhar(ambiente: str | None, relatorios: Path, aguardar: bool) -> None:
    """Mostra os trâmites de teste em aberto: situação atual, há quanto tempo e o que significa."""
    escolhido = ambiente_da_linha_de_comando(ambiente)
    relatorios = relatorios.resolve()
    arquivo = escolhido.arquivo_do_livro(relatorios)
    if arquivo is None or not arquivo.is_file():
        console.print(f"Não há livro de registro do ambiente {escolhido.nome} em {relatorios}: nada a acompanhar.")
        return
    livro = Livro(arquivo)
    registro = RegistroDeExecucao(livro)
    try:
        with cliente_do_ambiente(escolhido) as cliente:
            orgao = OrgaoEmTeste(cliente, escolhido, registro, None, relatorios)
            acompanhamento = Acompanhamento.dos_abertos(orgao)
            if not acompanhamento.acompanhados:
                console.print("Nenhum trâmite de teste em aberto.")
                return
            acompanhamento.consultar_todos()
            if not aguardar:
                console.print(_tabela(acompanhamento))
                return
            try:
                with Live(_tabela(acompanhamento), console=console, refresh_per_second=2) as tela:
                    acompanhamento.aguardar(ao_atualizar=lambda a: tela.update(_tabela(a)))
                console.print("[bold green]Todos os trâmites acompanhados terminaram.[/]")
            except KeyboardInterrupt:
                console.print(_tabela(acompanhamento))
                console.print("Acompanhamento interrompido; os trâmites continuam no livro de registro.")
            _reconstruir_relatorios(relatorios, registro)
            console.print("Execute tramita-homologacao executar para avaliar os cenários que estavam aguardando.")
    finally:
        livro.fechar()
