"""`tramita-homologacao executar`: runs what the campaign still lacks against an environment, then its pack."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
import pytest
from rich.text import Text

from tramita_homologacao.cli.campanha import Campanha
from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.opcoes import opcao_ambiente, opcao_relatorios
from tramita_homologacao.cli.relatorio import gerar_e_mostrar_pacote, raiz_do_projeto
from tramita_homologacao.cli.sessao import cliente_do_ambiente, ha_terminal, perguntar_se_houver_terminal
from tramita_homologacao.cli.vereditos import ProgressoNoTerminal, tabela_de_vereditos
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente, resolver_arquivo
from tramita_homologacao.configuracao.conexao import SemConexao, certificado_do_ambiente, exigir_conexao, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.requisitos import REQUISITOS, Papel
from tramita_homologacao.conformidade.vereditos import APROVADO, INCONCLUSIVO, da_execucao
from tramita_homologacao.evidencia.mensagem import escrever_aviso_de_inicio
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.chaves import CHAVE_AO_AGUARDAR, CHAVE_SENHA, CHAVE_TRAVADA

CANCELAVEIS = frozenset(Situacao(s) for s in (1, 2, 3, 4))


class DoComando:
    """Hands the suite's plugin what the command already has: the password asked here (in memory, never on a
    command line), the campaign it holds, and where to show the progress of long waits. An error that stops the
    session is kept (not printed by pytest) for the command to report by its own rule."""

    def __init__(self, senha: Segredo | None, progresso: ProgressoNoTerminal) -> None:
        self._senha = senha
        self._progresso = progresso
        self.erro_da_sessao: BaseException | None = None

    def pytest_internalerror(self, excrepr: object, excinfo: pytest.ExceptionInfo[BaseException]) -> bool:
        self.erro_da_sessao = excinfo.value
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        if self._senha is not None:
            config.stash[CHAVE_SENHA] = self._senha
        config.stash[CHAVE_TRAVADA] = True
        config.stash[CHAVE_AO_AGUARDAR] = self._progresso.aguardando


def confirmar_execucao_em_producao(ambiente: Ambiente) -> None:
    """Production runs need `--confirmar-producao`, or the organ's sigla typed at a terminal."""
    unidade = ambiente.unidade_de_teste.descricao or str(ambiente.unidade_de_teste.endereco)
    if not ha_terminal():
        raise click.ClickException(
            f"O ambiente '{ambiente.nome}' é de PRODUÇÃO e não há terminal para confirmar. Execute de novo com "
            "--confirmar-producao se quer mesmo enviar os processos de teste para " + unidade + "."
        )
    console.print(
        Text.assemble(
            ("Atenção: ambiente de PRODUÇÃO.", "bold red"),
            f" Os processos de teste, marcados '{marca_de_teste(ambiente.orgao.sigla)}', vão para {unidade} e serão "
            "acompanhados pelo PEN.",
        )
    )
    digitado = click.prompt(
        f"Para confirmar, digite a sigla do órgão ({ambiente.orgao.sigla})", default="", show_default=False
    )
    if digitado.strip().casefold() != ambiente.orgao.sigla.casefold():
        raise click.ClickException("Execução em produção cancelada: a sigla digitada não confere.")


def ambiente_confirmado(ambiente: str | None, confirmar_producao: bool) -> tuple[Path, Ambiente]:
    """The environment file and its contents; in produção, only once confirmed."""
    arquivo = resolver_arquivo(ambiente)
    escolhido = carregar_ambiente(str(arquivo))
    if escolhido.tipo == "producao" and not confirmar_producao:
        confirmar_execucao_em_producao(escolhido)
    return arquivo, escolhido


def senha_conferida(ambiente: Ambiente) -> Segredo | None:
    """The certificate's password, asked once; a wrong one or an expired certificate stops here, clearly."""
    senha = obter_senha(ambiente, perguntar=perguntar_se_houver_terminal())
    certificado_do_ambiente(ambiente, senha)
    return senha


def argumentos_do_pytest(
    arquivo: Path,
    campanha: Campanha,
    requisitos: tuple[str, ...],
    *,
    recomecar: bool = False,
    refazer: tuple[str, ...] = (),
    uma_consulta: bool = False,
    modo: str | None = None,
) -> list[str]:
    raiz = raiz_do_projeto()
    pasta = campanha.pasta
    argumentos = [
        str(raiz / "steps" / "test_cenarios.py"),
        f"--rootdir={raiz}",
        f"--config-file={raiz / 'pyproject.toml'}",
        f"--ambiente={arquivo}",
        f"--relatorios={pasta}",
        f"--alluredir={pasta / 'allure-results'}",
        "-p",
        "no:terminal",
    ]
    if campanha.arquivo_do_livro is None:
        argumentos.append("--clean-alluredir")  # the embedded simulator's campaign is this one run
    if campanha.ambiente.tipo == "producao":
        argumentos.append("--confirmar-producao")
    if recomecar:
        argumentos.append("--recomecar")
    if uma_consulta:
        argumentos.append("--uma-consulta")
    argumentos += [f"--refazer={r}" for r in refazer]
    if modo:
        argumentos.append(f"--modo={modo}")
    if requisitos:
        argumentos += ["-m", " or ".join(f"requisito_{r}" for r in requisitos)]
    return argumentos


def rodar_cenarios(argumentos: list[str], senha: Segredo | None, campanha: Campanha) -> tuple[int, Resumo]:
    """Runs the suite (one line per scenario as it ends); the pytest exit code and the campaign's resumo."""
    resumo_json = campanha.pasta / "resumo.json"
    if campanha.arquivo_do_livro is None:
        resumo_json.unlink(missing_ok=True)
    progresso = ProgressoNoTerminal(campanha)
    do_comando = DoComando(senha, progresso)
    codigo = pytest.main(argumentos, plugins=[progresso, do_comando])
    if do_comando.erro_da_sessao is not None:
        raise do_comando.erro_da_sessao
    if codigo == pytest.ExitCode.INTERRUPTED:
        console.print("Execução interrompida (Ctrl-C).", style="bold yellow")
    if codigo == pytest.ExitCode.NO_TESTS_COLLECTED:  # all settled: the session wrote nothing, the ledger tells
        campanha.reescrever_resumo()
    if not resumo_json.is_file():
        raise click.ClickException(f"Nenhum cenário chegou a ser executado (código do pytest: {int(codigo)}).")
    return int(codigo), ler_resumo(resumo_json)


def conferir_conexao(campanha: Campanha, senha: Segredo | None) -> None:
    """An unreachable platform stops everything before any scenario, with the campaign left as it was."""
    if campanha.ambiente.embutido:
        return
    with cliente_do_ambiente(campanha.ambiente, senha) as cliente:
        try:
            exigir_conexao(cliente)
        except SemConexao as erro:
            raise click.ClickException(f"{erro} Confira com: {campanha.comando('diagnostico')}") from None


def substituir_abertos(campanha: Campanha, senha: Segredo | None, cancelar: bool | None) -> None:
    """`--recomecar`: offers to cancel the harness's own open trâmites it is about to replace (from its ledger)."""
    arquivo = campanha.arquivo_do_livro
    if arquivo is None or not arquivo.is_file():
        return
    livro = Livro(arquivo)
    try:
        cancelaveis = [
            linha
            for linha in livro.abertos()
            if linha.papel == Papel.REMETENTE and not linha.avaliado and Situacao(linha.situacao or 1) in CANCELAVEIS
        ]
        if not cancelaveis:
            return
        idts = ", ".join(str(linha.idt) for linha in cancelaveis)
        if cancelar is None:
            cancelar = ha_terminal() and click.confirm(
                f"--recomecar substitui os trâmites em aberto deste harness (IDT {idts}). "
                "Cancelá-los no Tramita.GOV.BR?",
                default=False,
            )
        if not cancelar:
            console.print(f"Os trâmites em aberto (IDT {idts}) ficam como estão, fora da campanha.")
            return
        with cliente_do_ambiente(campanha.ambiente, senha) as cliente:
            orgao = OrgaoEmTeste(cliente, campanha.ambiente, RegistroDeExecucao(livro), None, campanha.pasta)
            for linha in cancelaveis:
                assert linha.idt is not None, "abertos() só lista trâmites com IDT"
                orgao.cancelar(linha.idt)
                orgao.consultar(linha.idt)
                console.print(f"Trâmite {linha.idt} cancelado.")
    finally:
        livro.fechar()


def mostrar_vereditos(resumo: Resumo, campanha: Campanha) -> None:
    tabela, legenda = tabela_de_vereditos(resumo)
    console.print(tabela)
    console.print(f"Situações:\n{legenda}")
    for requisito in resumo.requisitos:
        if requisito.pendencia:
            console.print(Text.assemble((requisito.id, "bold"), f": {requisito.pendencia}"))
    console.print(f"Campanha: {campanha.pasta}", soft_wrap=True)


def encerrar(codigo: int, resumo: Resumo, campanha: Campanha, requisitos: tuple[str, ...]) -> None:
    """Exit 0 only if the requirements asked for (all, by default) are approved in the campaign; 130 after
    Ctrl-C, with how to go on."""
    if codigo == pytest.ExitCode.INTERRUPTED:
        console.print(
            "Os trâmites em aberto ficam no livro de registro. Para continuar de onde parou: "
            f"{campanha.comando('executar')}; para acompanhá-los: {campanha.comando('acompanhar', '--aguardar')}",
        )
        sys.exit(130)
    pedidos = [r for r in resumo.requisitos if not requisitos or r.id in requisitos]
    aprovado = codigo in (0, pytest.ExitCode.NO_TESTS_COLLECTED) and da_execucao(
        (r.veredito, r.publicado_pelo_pen) for r in pedidos
    )
    inconclusivos = [r.id for r in pedidos if r.veredito == INCONCLUSIVO]
    if aprovado and not inconclusivos and len(pedidos) == len(resumo.requisitos):
        console.print("Todos os requisitos aprovados nesta campanha.", style="bold green")
    elif aprovado:
        aprovados = [r.id for r in pedidos if r.veredito == APROVADO]
        console.print(f"Aprovados: {', '.join(aprovados)}.", style="bold green")
        if inconclusivos:
            console.print(
                Text.assemble(
                    (f"Inconclusivo: {', '.join(inconclusivos)}", "bold magenta"),
                    " (não é falha do órgão; veja o motivo acima). Para repetir: "
                    + campanha.comando("executar", "--refazer", inconclusivos[0]),
                )
            )
    else:
        console.print("Há requisitos não aprovados.", style="bold red")
    if any(r.veredito != APROVADO for r in resumo.requisitos) and campanha.arquivo_do_livro is not None:
        console.print(
            f"Para acompanhar o que aguarda: {campanha.comando('acompanhar', '--aguardar')}\n"
            f"Para executar o que falta: {campanha.comando('executar')}"
        )
    sys.exit(0 if aprovado else 1)


@click.command("executar", options_metavar="[OPÇÕES]")
@opcao_ambiente
@opcao_relatorios
@click.option(
    "--requisito",
    "requisitos",
    multiple=True,
    type=click.Choice([r.id for r in REQUISITOS]),
    help="Executa só este requisito, se ainda não aprovado (pode repetir). Padrão: todos os não aprovados.",
)
@click.option(
    "--refazer",
    multiple=True,
    type=click.Choice([r.id for r in REQUISITOS]),
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
    confirmar_producao: bool,
) -> None:
    """Executa o que falta na campanha do ambiente (nada já aprovado é enviado de novo) e refaz o pacote."""
    arquivo, escolhido = ambiente_confirmado(ambiente, confirmar_producao)
    senha = senha_conferida(escolhido)
    campanha = Campanha(escolhido, relatorios)
    console.print(
        Text.assemble(
            "Ambiente ",
            (escolhido.nome, "bold"),
            f" ({escolhido.descricao or escolhido.tipo}) — órgão {escolhido.orgao.sigla}",
        )
    )
    with campanha.exclusiva("executar"):
        conferir_conexao(campanha, senha)
        aviso = escrever_aviso_de_inicio(escolhido, campanha.pasta, datetime.now().astimezone())
        if aviso is not None:
            console.print(f"Aviso de início dos testes de produção, para enviar ao PEN: {aviso}", soft_wrap=True)
        if recomecar:
            substituir_abertos(campanha, senha, cancelar_substituidos)
        argumentos = argumentos_do_pytest(
            arquivo,
            campanha,
            tuple(dict.fromkeys(requisitos + refazer)),
            recomecar=recomecar,
            refazer=refazer,
            modo=modo,
        )
        codigo, resumo = rodar_cenarios(argumentos, senha, campanha)
        mostrar_vereditos(resumo, campanha)
        gerar_e_mostrar_pacote(campanha, html_allure=not sem_html_allure)
    encerrar(codigo, resumo, campanha, tuple(dict.fromkeys(requisitos + refazer)))
