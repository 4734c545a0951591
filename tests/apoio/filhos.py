"""The CLI in a child process of its own, as the user runs it, for the ~170 runs of the suite.

On Linux the child is forked from a server that has the libraries and most of the harness imported already
(a multiprocessing forkserver): the same program in a fresh process, without paying its imports per run.
What reads the environment, the folder or the terminal is imported in each child, after they are set.
Ctrl-C is on in every child, and a run can be left going (`iniciar_cli`) for tests that signal or kill it.
Elsewhere, a plain subprocess.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
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

# `python -m tramita_homologacao` with Ctrl-C turned on: a child of a background job inherits SIGINT
# ignored, and the tests that press Ctrl-C must not depend on how the suite was started.
COM_CTRL_C = [
    "-c",
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'tramita-homologacao'; runpy.run_module('tramita_homologacao', run_name='__main__')",
]


def _limitar_a_escrita(limite: int) -> None:
    """No file this process writes may grow past `limite` bytes: the write fails, as on a full disk (POSIX only)."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limite, limite))


def _no_filho(
    argumentos: list[str], cwd: str, variaveis: dict[str, str], saida: str, erros: str, limite_de_escrita: int | None
) -> None:
    """The child: the caller's environment, folder and streams (stdin is /dev/null), Ctrl-C on, then the CLI's
    `main`. What it shares with the server is left out of its garbage collections: scanning it would copy it."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if limite_de_escrita is not None:
        _limitar_a_escrita(limite_de_escrita)
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


class FilhoDoServidor:
    """A CLI run in a child of the forkserver, with what the tests use of `subprocess.Popen`."""

    def __init__(
        self, argumentos: list[str], cwd: Path, variaveis: dict[str, str], limite_de_escrita: int | None
    ) -> None:
        assert _CONTEXTO is not None
        self.args = [sys.executable, "-m", "tramita_homologacao", *argumentos]
        self._pasta = tempfile.TemporaryDirectory(prefix="cli-")
        self._saida, self._erros = Path(self._pasta.name, "stdout"), Path(self._pasta.name, "stderr")
        self._saida.touch()
        self._erros.touch()
        self._processo = _CONTEXTO.Process(
            target=_no_filho,
            args=(argumentos, str(cwd), variaveis, str(self._saida), str(self._erros), limite_de_escrita),
        )
        self._processo.start()
        self.pid = self._processo.pid

    @property
    def returncode(self) -> int | None:
        return self._processo.exitcode

    def poll(self) -> int | None:
        return self._processo.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._processo.join(timeout)
        if self._processo.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self._processo.exitcode

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Its stdout and stderr once it ends; on a timeout it goes on running, as with `Popen`."""
        self.wait(timeout)
        return self._saida.read_text(encoding="utf-8"), self._erros.read_text(encoding="utf-8")

    def send_signal(self, sinal: int) -> None:
        os.kill(self.pid, sinal)

    def kill(self) -> None:
        self._processo.kill()


def iniciar_cli(
    argumentos: list[str], *, cwd: Path, variaveis: dict[str, str], limite_de_escrita: int | None = None
) -> FilhoDoServidor | subprocess.Popen:
    """`python -m tramita_homologacao <argumentos>` left running, Ctrl-C on, no terminal on stdin.

    `limite_de_escrita`: the largest file it may write, in bytes (`RLIMIT_FSIZE`: a full disk, for real).
    """
    if _CONTEXTO is not None:
        return FilhoDoServidor(argumentos, cwd, variaveis, limite_de_escrita)
    return subprocess.Popen(
        [sys.executable, *COM_CTRL_C, *argumentos],
        cwd=cwd,
        env=variaveis,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        preexec_fn=None if limite_de_escrita is None else lambda: _limitar_a_escrita(limite_de_escrita),
    )


def rodar_cli(
    argumentos: list[str],
    *,
    cwd: Path,
    variaveis: dict[str, str],
    timeout: float,
    limite_de_escrita: int | None = None,
) -> subprocess.CompletedProcess:
    """`python -m tramita_homologacao <argumentos>` to its end (killed after `timeout`); a CompletedProcess."""
    filho = iniciar_cli(argumentos, cwd=cwd, variaveis=variaveis, limite_de_escrita=limite_de_escrita)
    try:
        saida, erros = filho.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        filho.kill()
        saida, erros = filho.communicate()
        raise subprocess.TimeoutExpired(filho.args, timeout, saida, erros) from None
    return subprocess.CompletedProcess(filho.args, filho.wait(), saida, erros)
