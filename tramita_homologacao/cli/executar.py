"""`tramita-homologacao executar`: runs what the campaign still lacks against an environment, then its pack."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click
import pytest
from rich.text import Text

from tramita_homologacao.campanha.abertura import CampanhaAberta
from tramita_homologacao.campanha.pasta import para_copiar
from tramita_homologacao.cli.console import console, mostrar_comando
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import (
    gerar_e_mostrar_pacote,
    mostrar_mensagem_ao_pen,
    raiz_do_projeto,
    reescrever_resumo,
)
from tramita_homologacao.cli.sessao import campanha_do_comando, cliente_com_certificado, ha_terminal
from tramita_homologacao.cli.vereditos import ProgressoNoTerminal, tabela_de_vereditos
from tramita_homologacao.configuracao.conexao import SemConexao, exigir_conexao
from tramita_homologacao.conformidade.requisitos import IDS, POR_ID, Papel, Perfil, exigir_perfil_permitido
from tramita_homologacao.conformidade.vereditos import APROVADO, INCONCLUSIVO, NAO_SE_APLICA, da_execucao
from tramita_homologacao.evidencia.mensagem import escrever_aviso_de_inicio
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.protocolo.situacoes import SITUACOES_CANCELAVEIS, Situacao
from tramita_homologacao.suite.chaves import CHAVE_AO_AGUARDAR, CHAVE_CAMPANHA


class DoComando:
    """Hands the suite's plugin the campaign the command opened (environment, certificate, folder, ledger, held
    for this run) and where to show the progress of long waits. An error that stops the session is kept (not
    printed by pytest) for the command to report by its own rule."""

    def __init__(self, campanha: CampanhaAberta, progresso: ProgressoNoTerminal) -> None:
        self._campanha = campanha
        self._progresso = progresso
        self.erro_da_sessao: BaseException | None = None

    def pytest_internalerror(self, excrepr: object, excinfo: pytest.ExceptionInfo[BaseException]) -> bool:
        self.erro_da_sessao = excinfo.value
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        config.stash[CHAVE_CAMPANHA] = self._campanha
        config.stash[CHAVE_AO_AGUARDAR] = self._progresso.aguardando
        # A scenario that ends without passing (waiting, refused…) gets Python's own traceback, which only Allure
        # shows: pytest's would parse the source file of every frame, ~0.1 s a scenario. (`--tb` is the terminal
        # plugin's option, and that plugin is off.)
        config.option.tbstyle = "native"


def argumentos_do_pytest(
    campanha: CampanhaAberta,
    requisitos: tuple[str, ...],
    *,
    recomecar: bool = False,
    refazer: tuple[str, ...] = (),
    uma_consulta: bool = False,
    perfil: Perfil = Perfil.MINIMO,
    pedido_do_pen: bool = False,
) -> list[str]:
    """What this run does; the campaign itself goes to the plugin as it was opened (`DoComando`)."""
    raiz = raiz_do_projeto()
    argumentos = [
        str(raiz / "steps" / "test_cenarios.py"),
        f"--rootdir={raiz}",
        f"--config-file={raiz / 'pyproject.toml'}",
        f"--alluredir={campanha.pasta / 'allure-results'}",
        "-p",
        "no:terminal",
        # Only the plugins the suite uses: none that happens to be installed beside it (a second or more per run).
        "--disable-plugin-autoload",
        *("-p", "pytest_bdd.plugin", "-p", "allure_pytest_bdd.plugin"),
    ]
    if campanha.arquivo_do_livro is None:
        argumentos.append("--clean-alluredir")  # the embedded simulator's campaign is this one run
    if recomecar:
        argumentos.append("--recomecar")
    if uma_consulta:
        argumentos.append("--uma-consulta")
    argumentos.append(f"--perfil={perfil.value}")
    if pedido_do_pen:
        argumentos.append("--pedido-do-pen")
    argumentos += [f"--refazer={r}" for r in refazer]
    if requisitos:
        argumentos += ["-m", " or ".join(POR_ID[r].tag for r in requisitos)]
    return argumentos


def rodar_cenarios(argumentos: list[str], campanha: CampanhaAberta) -> tuple[int, Resumo]:
    """Runs the suite (one line per scenario as it ends); the pytest exit code and the campaign's resumo."""
    resumo_json = campanha.pasta / "resumo.json"
    if campanha.arquivo_do_livro is None:
        resumo_json.unlink(missing_ok=True)
    progresso = ProgressoNoTerminal(campanha)
    do_comando = DoComando(campanha, progresso)
    codigo = pytest.main(argumentos, plugins=[progresso, do_comando])
    if do_comando.erro_da_sessao is not None:
        raise do_comando.erro_da_sessao
    if codigo == pytest.ExitCode.INTERRUPTED:
        console.print("Execução interrompida (Ctrl-C).", style="bold yellow")
    if codigo in (pytest.ExitCode.NO_TESTS_COLLECTED, pytest.ExitCode.INTERRUPTED):
        reescrever_resumo(campanha)  # all settled, or stopped before the session wrote: the ledger tells
    if codigo == pytest.ExitCode.INTERRUPTED and not resumo_json.is_file():
        interrompido(campanha)  # stopped before anything was recorded (the embedded simulator's campaign)
    if not resumo_json.is_file():
        raise click.ClickException(f"Nenhum cenário chegou a ser executado (código do pytest: {int(codigo)}).")
    return int(codigo), ler_resumo(resumo_json)


def conferir_conexao(campanha: CampanhaAberta) -> None:
    """An unreachable platform stops everything before any scenario, with the campaign left as it was."""
    if campanha.ambiente.embutido:
        return
    with cliente_com_certificado(campanha.ambiente, campanha.certificado) as cliente:
        try:
            exigir_conexao(cliente)
        except SemConexao as erro:
            raise click.ClickException(f"{erro} Confira com:{para_copiar(campanha.comando('diagnostico'))}") from None


def substituir_abertos(campanha: CampanhaAberta, cancelar: bool | None) -> None:
    """`--recomecar`: offers to cancel the harness's own open trâmites it is about to replace (from its ledger)."""
    if campanha.arquivo_do_livro is None:
        return
    cancelaveis = [
        linha
        for linha in campanha.livro.abertos()
        if linha.papel == Papel.REMETENTE
        and not linha.avaliado
        and Situacao(linha.situacao or 1) in SITUACOES_CANCELAVEIS
    ]
    if not cancelaveis:
        return
    idts = ", ".join(str(linha.idt) for linha in cancelaveis)
    if cancelar is None:
        cancelar = ha_terminal() and click.confirm(
            f"--recomecar substitui os trâmites em aberto deste harness (IDT {idts}). Cancelá-los no Tramita.GOV.BR?",
            default=False,
        )
    if not cancelar:
        console.print(f"Os trâmites em aberto (IDT {idts}) ficam como estão, fora da campanha.")
        return
    with cliente_com_certificado(campanha.ambiente, campanha.certificado) as cliente:
        orgao = campanha.orgao(cliente, campanha.ambiente.url_api, modo="api")
        assert isinstance(orgao, OrgaoEmTeste), "no modo api o harness é o SPE"
        for linha in cancelaveis:
            assert linha.idt is not None, "abertos() só lista trâmites com IDT"
            orgao.cancelar(linha.idt)
            orgao.consultar(linha.idt)
            console.print(f"Trâmite {linha.idt} cancelado.")


def mostrar_vereditos(resumo: Resumo, campanha: CampanhaAberta) -> None:
    tabela, legenda = tabela_de_vereditos(resumo)
    console.print(tabela)
    if resumo.perfil_estendido:
        console.print(tabela_de_vereditos(resumo, estendido=True)[0])
    console.print(f"Situações:\n{legenda}")
    for requisito in resumo.todos_os_requisitos:
        if requisito.pendencia:
            console.print(Text.assemble((requisito.id, "bold"), f": {requisito.pendencia}"))
    console.print(f"Campanha: {campanha.pasta}", soft_wrap=True)


def interrompido(campanha: CampanhaAberta) -> NoReturn:
    """Ctrl-C, whenever it came: exit 130 and how to go on."""
    console.print("Os trâmites em aberto ficam no livro de registro.")
    mostrar_comando("Para continuar de onde parou:", campanha.comando("executar"))
    mostrar_comando("Para acompanhá-los:", campanha.comando("acompanhar", "--aguardar"))
    sys.exit(130)


def encerrar(
    codigo: int, resumo: Resumo, campanha: CampanhaAberta, requisitos: tuple[str, ...], perfil: Perfil = Perfil.MINIMO
) -> None:
    """Exit 0 only if the requirements asked for (all of the profile, by default) are approved in the campaign;
    130 after Ctrl-C, with how to go on."""
    if codigo == pytest.ExitCode.INTERRUPTED:
        interrompido(campanha)
    do_perfil = resumo.todos_os_requisitos if perfil is Perfil.ESTENDIDO else resumo.requisitos
    pedidos = [r for r in resumo.todos_os_requisitos if r.id in requisitos] if requisitos else do_perfil
    # an extended case not foreseen here (environment, SEI) is no failure: it simply does not apply
    pedidos = [r for r in pedidos if r in resumo.requisitos or r.veredito != NAO_SE_APLICA]
    aprovado = codigo in (0, pytest.ExitCode.NO_TESTS_COLLECTED) and da_execucao(
        (r.veredito, r.publicado_pelo_pen) for r in pedidos
    )
    inconclusivos = [r.id for r in pedidos if r.veredito == INCONCLUSIVO]
    if aprovado and not inconclusivos and not requisitos:
        console.print(
            "Todos os requisitos aprovados nesta campanha"
            + (", e os casos do perfil estendido que se aplicam aqui." if perfil is Perfil.ESTENDIDO else "."),
            style="bold green",
        )
    elif aprovado:
        aprovados = [r.id for r in pedidos if r.veredito == APROVADO]
        console.print(f"Aprovados: {', '.join(aprovados)}.", style="bold green")
        if inconclusivos:
            console.print(
                Text.assemble(
                    (f"Inconclusivo: {', '.join(inconclusivos)}", "bold magenta"),
                    " (não é falha do órgão; veja o motivo acima). Para repetir:",
                )
            )
            mostrar_comando("", campanha.comando("executar", "--refazer", inconclusivos[0]))
    else:
        console.print("Há requisitos não aprovados.", style="bold red")
    if any(r.veredito != APROVADO for r in resumo.requisitos) and campanha.arquivo_do_livro is not None:
        mostrar_comando("Para acompanhar o que aguarda:", campanha.comando("acompanhar", "--aguardar"))
        mostrar_comando("Para executar o que falta:", campanha.comando("executar"))
    mostrar_mensagem_ao_pen(campanha)
    sys.exit(0 if aprovado else 1)


@click.command("executar", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
@click.option(
    "--requisito",
    "requisitos",
    multiple=True,
    type=click.Choice(IDS),
    help="Executa só este requisito, se ainda não aprovado (pode repetir). Padrão: todos os não aprovados.",
)
@click.option(
    "--refazer",
    multiple=True,
    type=click.Choice(IDS),
    help="Executa de novo este requisito mesmo já aprovado nesta campanha (envia processos novos; pode repetir).",
)
@click.option("--sem-html-allure", is_flag=True, help="Não gera o HTML do Allure (que precisa do Node.js).")
@click.option(
    "--recomecar",
    is_flag=True,
    help="Não retoma os trâmites deixados em aberto por execuções anteriores (livro de registro): envia novos.",
)
@click.option(
    "--cancelar-substituidos/--manter-substituidos",
    default=None,
    help="Com --recomecar: cancela (ou não) os trâmites em aberto substituídos, sem perguntar.",
)
@click.option(
    "--modo",
    type=click.Choice(["api", "assistido"]),
    default=None,
    help="api: o harness age como o SPE do órgão; assistido: o SPE do órgão age, conduzido por uma pessoa que "
    "segue as instruções, e o harness só observa e julga (padrão: o do arquivo de ambiente).",
)
@click.option(
    "--perfil",
    type=click.Choice([p.value for p in Perfil]),
    default=Perfil.MINIMO.value,
    help="minimo: os requisitos que o PEN exige (padrão); estendido: também os casos além do mínimo (documento "
    "avulso, vários componentes, processo restrito, recusa automática pelo destino, cancelamento automático), "
    "relatados à parte e fora do resultado da campanha.",
)
@click.option(
    "--pedido-do-pen",
    is_flag=True,
    help="Com --perfil estendido em produção, onde ele só roda quando o PEN pede.",
)
@click.option(
    "--confirmar-producao",
    is_flag=True,
    help="Confirma a execução em PRODUÇÃO (sem esta opção, num terminal, pede que se digite a sigla do órgão).",
)
def executar(
    ambiente: str | None,
    relatorios: Path | None,
    requisitos: tuple[str, ...],
    refazer: tuple[str, ...],
    sem_html_allure: bool,
    recomecar: bool,
    cancelar_substituidos: bool | None,
    modo: str | None,
    perfil: str,
    pedido_do_pen: bool,
    confirmar_producao: bool,
) -> None:
    """Executa o que falta na campanha do ambiente (nada já aprovado é enviado de novo) e refaz o pacote."""
    pedidos = tuple(dict.fromkeys(requisitos + refazer))
    # naming a case of the extended profile asks for it
    estendido = perfil == Perfil.ESTENDIDO or any(POR_ID[r].perfil is Perfil.ESTENDIDO for r in pedidos)
    escolhido_o_perfil = Perfil.ESTENDIDO if estendido else Perfil.MINIMO
    with campanha_do_comando(
        "executar", ambiente, relatorios, confirmar_producao=confirmar_producao, modo=modo
    ) as campanha:
        escolhido = campanha.ambiente
        console.print(
            Text.assemble(
                "Ambiente ",
                (escolhido.nome, "bold"),
                f" ({escolhido.descricao or escolhido.tipo}) — órgão {escolhido.orgao.sigla}",
            )
        )
        exigir_perfil_permitido(escolhido_o_perfil, escolhido.tipo, pedido_do_pen)
        conferir_conexao(campanha)
        aviso = escrever_aviso_de_inicio(escolhido, campanha.pasta, datetime.now().astimezone())
        if aviso is not None:
            console.print(f"Aviso de início dos testes de produção, para enviar ao PEN: {aviso}", soft_wrap=True)
        if recomecar:
            substituir_abertos(campanha, cancelar_substituidos)
        argumentos = argumentos_do_pytest(
            campanha,
            pedidos,
            recomecar=recomecar,
            refazer=refazer,
            perfil=escolhido_o_perfil,
            pedido_do_pen=pedido_do_pen,
        )
        codigo, resumo = rodar_cenarios(argumentos, campanha)
        mostrar_vereditos(resumo, campanha)
        gerar_e_mostrar_pacote(campanha, html_allure=not sem_html_allure)
    encerrar(codigo, resumo, campanha, pedidos, escolhido_o_perfil)
