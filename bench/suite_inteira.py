"""The README's test command on this checkout and on an earlier commit, alternated in one run and compared as a
ratio: the time of the whole suite and the CPU the machine spent on it.

    python -m bench.suite_inteira [--contra origin/main~3] [--repeticoes 2]

The earlier commit is checked out beside this one (`git worktree`) for the run and removed at the end. CPU comes
from /proc/stat (Linux): all of the machine's, so run it with nothing else going on.
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

RAIZ = Path(__file__).resolve().parent.parent
COMANDO = [sys.executable, "-m", "pytest", "-n", "4", "--dist", "worksteal", "-q", "-p", "no:cacheprovider"]


def _cpu_da_maquina() -> float | None:
    """Seconds of CPU the machine has spent so far (user, system, interrupts, stolen), or None off Linux."""
    try:
        campos = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    usuario, prioridade, sistema, _, _, irq, softirq, roubado = map(int, campos[:8])
    return (usuario + prioridade + sistema + irq + softirq + roubado) / os.sysconf("SC_CLK_TCK")


def _uma(arvore: Path) -> tuple[float, float | None]:
    """(seconds, CPU seconds) of one run of the suite in `arvore`; a run that fails stops the benchmark."""
    cpu, inicio = _cpu_da_maquina(), time.perf_counter()
    feito = subprocess.run(COMANDO, cwd=arvore, capture_output=True, text=True, encoding="utf-8")
    duracao, cpu_depois = time.perf_counter() - inicio, _cpu_da_maquina()
    if feito.returncode != 0:
        raise SystemExit(f"A suíte falhou em {arvore}:\n{feito.stdout[-3000:]}")
    return duracao, (cpu_depois - cpu if cpu is not None and cpu_depois is not None else None)


def main() -> None:
    opcoes = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    opcoes.add_argument("--contra", default="HEAD~1", help="o commit com que comparar (padrão: HEAD~1)")
    opcoes.add_argument("--repeticoes", type=int, default=2)
    argumentos = opcoes.parse_args()
    with tempfile.TemporaryDirectory(prefix="suite-anterior-") as pasta:
        anterior = Path(pasta) / "arvore"
        subprocess.run(["git", "worktree", "add", "--detach", str(anterior), argumentos.contra], cwd=RAIZ, check=True)
        try:
            if (RAIZ / "node_modules").is_dir():  # the Allure from npm, as `.ci/run` installs it
                (anterior / "node_modules").symlink_to(RAIZ / "node_modules", target_is_directory=True)
            medidas: dict[str, list[tuple[float, float | None]]] = {"esta": [], "anterior": []}
            for _ in range(argumentos.repeticoes):
                medidas["anterior"].append(_uma(anterior))
                medidas["esta"].append(_uma(RAIZ))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(anterior)], cwd=RAIZ, check=True)
    print(f"{' '.join(COMANDO[2:])}, {argumentos.repeticoes} pares alternados (anterior: {argumentos.contra}):")
    for nome, lista in medidas.items():
        linhas = ", ".join(f"{s:.0f} s" + (f" ({c:.0f} s de CPU)" if c is not None else "") for s, c in lista)
        print(f"  {nome:9s} {linhas}")
    pares = list(zip(medidas["esta"], medidas["anterior"], strict=True))
    print(f"  razão esta ÷ anterior (mediana dos pares): tempo {statistics.median(e[0] / a[0] for e, a in pares):.2f}")
    razoes_de_cpu = [e[1] / a[1] for e, a in pares if e[1] is not None and a[1]]
    if razoes_de_cpu:
        print(f"                                             CPU {statistics.median(razoes_de_cpu):.2f}")


if __name__ == "__main__":
    main()
