"""The one rule for how every command ends when something goes wrong.

A known problem (`ProblemaConhecido`, a usage mistake, a file the system refused) is its Portuguese message,
exit code 2. Anything else is a short Portuguese message naming a log file that holds the traceback, exit 3:
never a traceback on screen. Ctrl-C is exit 130.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click
import platformdirs
from rich.text import Text

from tramita_homologacao import __version__
from tramita_homologacao.cli.console import erros
from tramita_homologacao.problemas import ProblemaConhecido, gravacao_impossivel, motivo_do_sistema

PROBLEMA = 2
INESPERADO = 3
INTERROMPIDO = 130


def pasta_de_registros() -> Path:
    """Where unexpected errors are written: the user's log folder (Windows: %LOCALAPPDATA%)."""
    return platformdirs.user_log_path("tramita-homologacao", appauthor=False)


def explicar_erro_do_sistema(erro: OSError) -> str:
    motivo = motivo_do_sistema(erro)
    alvo = erro.filename if erro.filename is not None else "o arquivo"
    return (
        f"Não foi possível usar {alvo}: {motivo}. Confira o caminho e as permissões (ou escolha outra pasta com "
        "--relatorios) e execute de novo; nada mais foi feito."
    )


def registrar_erro_inesperado(erro: BaseException) -> Path | None:
    """The traceback in a new log file; None when no folder accepts it."""
    momento = datetime.now()
    conteudo = (
        f"tramita-homologacao {__version__} — {momento.isoformat(timespec='seconds')}\n"
        f"comando: {' '.join(sys.argv[1:])}\n"
        f"Python {platform.python_version()} em {platform.platform()}\n\n" + "".join(traceback.format_exception(erro))
    )
    nome = f"erro-{momento:%Y%m%d-%H%M%S}-{id(erro) % 10_000:04d}.log"
    for pasta in (pasta_de_registros(), Path(tempfile.gettempdir())):
        try:
            pasta.mkdir(parents=True, exist_ok=True)
            arquivo = pasta / nome
            arquivo.write_text(conteudo, encoding="utf-8")
            return arquivo
        except OSError:
            continue
    return None


def mostrar_problema(titulo: str, mensagem: str) -> None:
    # Not wrapped by the harness (the terminal wraps it): a command in the message is copied whole.
    erros.print(Text.assemble((f"{titulo}:", "bold red"), f" {mensagem}"), soft_wrap=True)


def mostrar_inesperado(erro: BaseException) -> None:
    arquivo = registrar_erro_inesperado(erro)
    onde = (
        f"O detalhe técnico está em {arquivo}: envie esse arquivo a quem mantém o harness."
        if arquivo
        else f"Não foi possível gravar o detalhe técnico ({type(erro).__name__})."
    )
    mostrar_problema(
        "Erro inesperado do harness",
        f"a operação parou ({type(erro).__name__}). Os trâmites já registrados continuam no livro. {onde}",
    )


def com_desfecho(comando: Callable[[], int | None]) -> int:
    """Runs a command under the rule; the process exit code."""
    try:
        return comando() or 0
    except ProblemaConhecido as problema:
        mostrar_problema(problema.titulo, str(problema))
        return PROBLEMA
    except click.UsageError as erro:
        erro.show()
        return PROBLEMA
    except click.ClickException as erro:  # its message may carry the server's text: printed made safe
        mostrar_problema("Erro", erro.format_message())
        return PROBLEMA
    except (click.Abort, KeyboardInterrupt):
        erros.print("Interrompido.")
        return INTERROMPIDO
    except OSError as erro:
        sem_onde_gravar = gravacao_impossivel(erro)
        if sem_onde_gravar is not None:
            mostrar_problema(sem_onde_gravar.titulo, str(sem_onde_gravar))
            return PROBLEMA
        if erro.filename is None:
            mostrar_inesperado(erro)
            return INESPERADO
        mostrar_problema("Erro de arquivo", explicar_erro_do_sistema(erro))
        return PROBLEMA
    except Exception as erro:
        mostrar_inesperado(erro)
        return INESPERADO
