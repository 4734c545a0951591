"""`tramita-homologacao acompanhar`: the campaign's trâmites, what PEN sent, and (with --aguardar) until the end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
import pytest
from rich.live import Live
from rich.table import Table
from rich.text import Text

from tramita_homologacao.campanha.adocao import Procura
from tramita_homologacao.campanha.confianca import confianca_dos_recibos
from tramita_homologacao.campanha.seguimento import Seguimento
from tramita_homologacao.cli.campanha import Campanha
from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.executar import argumentos_do_pytest, rodar_cenarios
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote
from tramita_homologacao.cli.sessao import conexao_do_ambiente, perguntar_se_houver_terminal
from tramita_homologacao.cli.vereditos import tabela_de_vereditos
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.configuracao.ambiente import carregar_ambiente, resolver_arquivo
from tramita_homologacao.configuracao.conexao import SemConexao, exigir_conexao, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.acompanhamento import Acompanhamento
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.orgao.registro import RegistroDeExecucao


def _duracao(segundos: float) -> str:
    minutos, segundos = divmod(int(segundos), 60)
    horas, minutos = divmod(minutos, 60)
    dias, horas = divmod(horas, 24)
    return f"{dias}d {horas:02d}h{minutos:02d}" if dias else f"{horas:02d}h{minutos:02d}m{segundos:02d}s"


def _tabela(seguimento: Seguimento) -> Table:
    acompanhamento = seguimento.acompanhamento
    agora = datetime.now().astimezone()
    concluidos = len(acompanhamento.acompanhados) - len(acompanhamento.pendentes)
    tabela = Table(title=f"Trâmites de teste — {concluidos} de {len(acompanhamento.acompanhados)} concluídos")
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
            Text(str(int(situacao)), style="green" if situacao.final else ""),
            _duracao(max(0.0, a.tempo_na_situacao(agora))),  # the platform's clock may run ahead of ours
            f"{situacao.explicacao.significado}. {'' if situacao.final else situacao.explicacao.o_que_fazer}",
            "—" if a.final else f"em {a.intervalo.atual:.0f} s",
        )
    return tabela


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
                    f"{tramite.data_registro.astimezone():%d/%m/%Y %H:%M}" + (f": {motivo}." if motivo else "."),
                )
            )

    return mostrar


def _julgador(arquivo: Path, campanha: Campanha, senha: Segredo | None, modo: str):
    """Runs the named scenarios again, each wait asking once, in the campaign's mode, as `executar` does."""

    def julgar(cenarios: list[str]) -> None:
        argumentos = argumentos_do_pytest(arquivo, campanha, (), uma_consulta=True, modo=modo)
        codigo, _ = rodar_cenarios(argumentos + [f"--cenario={c}" for c in cenarios], senha, campanha)
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
    arquivo = resolver_arquivo(ambiente)
    campanha = Campanha(carregar_ambiente(str(arquivo)), relatorios)
    escolhido = campanha.ambiente
    arquivo_do_livro = campanha.arquivo_do_livro
    if arquivo_do_livro is not None and not arquivo_do_livro.is_file():
        console.print(
            f"A campanha do ambiente {escolhido.nome} ainda não tem livro de registro ({arquivo_do_livro}): nada a "
            f"acompanhar. Comece com: {campanha.comando('executar')}"
        )
        return
    senha = obter_senha(escolhido, perguntar=perguntar_se_houver_terminal())
    with campanha.exclusiva("acompanhar"), conexao_do_ambiente(escolhido, senha) as (cliente, certificado):
        try:
            exigir_conexao(cliente)
        except SemConexao as erro:
            raise click.ClickException(f"{erro} Confira com: {campanha.comando('diagnostico')}") from None
        assert arquivo_do_livro is not None, "cliente_do_ambiente recusa o simulador embutido"
        livro = Livro(arquivo_do_livro)
        try:
            registro, modo = RegistroDeExecucao(livro), str(livro.ler("modo") or escolhido.modo)
            orgao: Observador = (  # in assisted mode the SPE acts: the follow-up only asks
                Observador(ClienteDeConsulta(cliente), escolhido, registro)
                if modo == "assistido"
                else OrgaoEmTeste(cliente, escolhido, registro, None, campanha.pasta)
            )
            orgao.confianca = confianca_dos_recibos(escolhido, certificado, escolhido.url_api, cliente.sessao)
            seguimento = Seguimento(
                Acompanhamento.dos_abertos(orgao), _julgador(arquivo, campanha, senha, modo), _mostrar_procura(orgao)
            )
            if aguardar:
                _seguir_ate_o_fim(seguimento)
            else:
                seguimento.rodada()
                console.print(_tabela(seguimento))
            resumo = campanha.reescrever_resumo()  # every status the follow-up saw is in the ledger
            gerar_e_mostrar_pacote(campanha)
            if resumo is not None:
                console.print(tabela_de_vereditos(resumo)[0])
            _dizer_o_que_falta(seguimento, campanha)
        finally:
            livro.fechar()


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


def _dizer_o_que_falta(seguimento: Seguimento, campanha: Campanha) -> None:
    if seguimento.terminou():
        console.print(f"Para executar o que ainda falta na campanha: {campanha.comando('executar')}")
    else:
        console.print(f"Para continuar acompanhando: {campanha.comando('acompanhar', '--aguardar')}")
