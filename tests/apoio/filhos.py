"""The CLI in a child process of its own, as the user runs it, for the ~160 runs of the suite.

On Linux the child is forked from a server that has the libraries and most of the harness imported already
(a multiprocessing forkserver): the same program in a fresh process, without paying its imports per run.
What reads the environment, the folder or the terminal is imported in each child, after they are set.
Elsewhere, or for what needs a real interpreter start (Ctrl-C, resource limits), a plain subprocess.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Imported once by the server; none of them reads the environment, the folder or the terminal when imported
# (the CLI's console, which does, stays out). Faker's shared random generator is reseeded in each child.
PRECARREGADOS = [
    "pytest",
    "_pytest.python",
    "_pytest.assertion.rewrite",
    "_pytest.doctest",
    "_pytest.legacypath",
    "pytest_bdd.generation",
    "pytest_bdd.scenario",
    "mako.lookup",
    "gherkin.parser",
    "allure",
    "allure_pytest_bdd.plugin",
    "allure_commons.logger",
    "pydantic",
    "cryptography.x509",
    "requests",
    "fpdf",
    "click",
    "rich.table",
    "filelock",
    "jinja2",
    "tramita_homologacao.campanha.abertura",
    "tramita_homologacao.evidencia.pacote",
    "tramita_homologacao.orgao.acoes",
]


def _contexto():
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    contexto = multiprocessing.get_context("forkserver")
    contexto.set_forkserver_preload(PRECARREGADOS)
    return contexto


_CONTEXTO = _contexto()


def _no_filho(argumentos: list[str], cwd: str, variaveis: dict[str, str], saida: str, erros: str) -> None:
    """The child: the caller's environment, folder and streams (stdin is /dev/null), then the CLI's `main`."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(variaveis)
    for fd, caminho in ((1, saida), (2, erros)):
        arquivo = os.open(caminho, os.O_WRONLY)
        os.dup2(arquivo, fd)
        os.close(arquivo)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.argv = ["tramita-homologacao", *argumentos]
    import faker.generator

    faker.generator.random.seed()  # else every child would draw the same names and protocolos
    from tramita_homologacao.cli.principal import main

    main()


def rodar_cli(argumentos: list[str], *, cwd: Path, variaveis: dict[str, str], timeout: float):
    """`python -m tramita_homologacao <argumentos>`, no terminal on stdin; a CompletedProcess."""
    comando = [sys.executable, "-m", "tramita_homologacao", *argumentos]
    if _CONTEXTO is None:
        return subprocess.run(
            comando,
            cwd=cwd,
            env=variaveis,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )
    with tempfile.TemporaryDirectory() as pasta:
        saida, erros = Path(pasta, "stdout"), Path(pasta, "stderr")
        saida.touch()
        erros.touch()
        filho = _CONTEXTO.Process(target=_no_filho, args=(argumentos, str(cwd), variaveis, str(saida), str(erros)))
        filho.start()
        filho.join(timeout)
        if filho.exitcode is None:
            filho.kill()
            filho.join()
            raise subprocess.TimeoutExpired(comando, timeout, saida.read_bytes(), erros.read_bytes())
        return subprocess.CompletedProcess(
            comando, filho.exitcode, saida.read_text(encoding="utf-8"), erros.read_text(encoding="utf-8")
        )
