"""What one CLI run costs the test suite, started as a plain subprocess and as a child of the suite's forkserver
(`tests/apoio/filhos.py`), interleaved in one run and compared as a ratio.

    python -m bench.suite [--repeticoes 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.apoio import filhos

RAIZ = Path(__file__).resolve().parent.parent
ARGUMENTOS = ["executar", "--sem-html-allure", "--requisito", "envio"]


def _uma(pelo_servidor: bool) -> float:
    variaveis = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryDirectory() as pasta:
        argumentos = [*ARGUMENTOS, "--relatorios", pasta]
        inicio = time.perf_counter()
        if pelo_servidor:
            feito = filhos.rodar_cli(argumentos, cwd=RAIZ, variaveis=variaveis, timeout=300)
        else:
            comando = [sys.executable, "-m", "tramita_homologacao", *argumentos]
            feito = subprocess.run(comando, cwd=RAIZ, env=variaveis, capture_output=True, text=True, timeout=300)
        duracao = time.perf_counter() - inicio
    if feito.returncode != 0:
        raise SystemExit(f"executar saiu com {feito.returncode}:\n{feito.stdout}\n{feito.stderr}")
    return duracao


def main() -> None:
    opcoes = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    opcoes.add_argument("--repeticoes", type=int, default=5)
    repeticoes = opcoes.parse_args().repeticoes
    _uma(pelo_servidor=True)  # starts the server (its imports are paid once per test worker)
    razoes, simples, servidor = [], [], []
    for _ in range(repeticoes):
        simples.append(_uma(pelo_servidor=False))
        servidor.append(_uma(pelo_servidor=True))
        razoes.append(servidor[-1] / simples[-1])
    print(f"executar --requisito envio no simulador, {repeticoes} repetições (medianas):")
    print(f"  subprocesso:          {statistics.median(simples):.2f} s")
    print(f"  filho do forkserver:  {statistics.median(servidor):.2f} s")
    print(f"  razão forkserver ÷ subprocesso: {statistics.median(razoes):.2f}")


if __name__ == "__main__":
    main()
