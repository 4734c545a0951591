"""Benchmark: peak memory of the client and of the simulator while one component of growing size goes up.

Run:  python benchmarks/memoria_envio.py [MiB ...]
The simulator runs in a child process, so tracemalloc sees only the client; the simulator's peak resident
memory is read from the operating system (Linux: VmHWM in /proc, the peak since it started, so sizes go in
growing order). Figures are printed as a table: constant memory keeps both peaks flat while the file grows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from faker import Faker

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.hashes import hash_de_arquivo


def iniciar_simulador() -> tuple[subprocess.Popen, str]:
    processo = subprocess.Popen(
        [sys.executable, "-m", "tramita_homologacao", "simulador", "--porta", "0", "--sistema", "SPE-ANEX"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = re.search(r"(http://\S+/v3/)", processo.stdout.readline()).group(1)
    return processo, url


def pico_residente_mib(pid: int) -> str:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return "n/d"
    kib = next(int(linha.split()[1]) for linha in status.read_text().splitlines() if linha.startswith("VmHWM:"))
    return f"{kib / 1024:.0f}"


def medir(url: str, pasta: Path, mib: int, bloco_mb: int) -> tuple[float, float]:
    arquivo = pasta / f"{mib}.bin"
    if not arquivo.exists():
        with arquivo.open("wb") as saida:
            for _ in range(mib):
                saida.write(os.urandom(1024 * 1024))
    processo = gerar_processo_de_teste(
        Faker("pt_BR"), pasta / f"p{mib}-{bloco_mb}", unidade="Protocolo", sigla_unidade="ANEX"
    )
    cliente = ClienteTramita(url, tamanho_bloco_mb=bloco_mb, tentativas=0)
    cabecalho = {"remetente": Endereco(1, 100001).como_json(), "destinatario": Endereco(2, 300003).como_json()}
    tracemalloc.start()
    inicio = time.perf_counter()
    hash_, tamanho = hash_de_arquivo(arquivo)
    dados = processo.como_json()
    dados["documentos"][0]["componentesDigitais"][0].update(
        nome=arquivo.name, hash={"algoritmo": "SHA256", "conteudo": hash_}, tamanhoEmBytes=tamanho
    )
    novo = cliente.enviar_processo(cabecalho, dados)
    cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivo)
    duracao = time.perf_counter() - inicio
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cliente.fechar()
    return pico / 2**20, duracao


def main() -> None:
    tamanhos = [int(a) for a in sys.argv[1:]] or [8, 32, 128]
    simulador, url = iniciar_simulador()
    try:
        with tempfile.TemporaryDirectory() as pasta:
            colunas = ("arquivo (MiB)", "bloco (MB)", "pico do cliente (MiB)", "pico do simulador (MiB)", "tempo (s)")
            print(" ".join(f"{c:>24}" for c in colunas))
            print(" ".join(f"{v:>24}" for v in ("(ao iniciar)", "", "", pico_residente_mib(simulador.pid), "")))
            for mib in sorted(tamanhos):
                for bloco in (50, 8):
                    pico, duracao = medir(url, Path(pasta), mib, bloco)
                    linha = (mib, bloco, f"{pico:.2f}", pico_residente_mib(simulador.pid), f"{duracao:.2f}")
                    print(" ".join(f"{v:>24}" for v in linha))
    finally:
        simulador.terminate()
        simulador.wait()


if __name__ == "__main__":
    main()
