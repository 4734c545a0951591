"""Benchmark: the client's peak memory while hashing and uploading components of growing size.

Run:  python benchmarks/memoria_envio.py [MiB ...]
The simulator runs in a child process, so tracemalloc sees only the client. Figures are printed
as a table: a constant-memory upload keeps the peak flat while the file grows.
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
            colunas = ("arquivo (MiB)", "bloco (MB)", "pico do cliente (MiB)", "pico/arquivo", "tempo (s)")
            print(" ".join(f"{c:>22}" for c in colunas))
            for mib in tamanhos:
                for bloco in (50, 8):
                    pico, duracao = medir(url, Path(pasta), mib, bloco)
                    print(
                        " ".join(f"{v:>22}" for v in (mib, bloco, f"{pico:.2f}", f"{pico / mib:.3f}", f"{duracao:.2f}"))
                    )
    finally:
        simulador.terminate()
        simulador.wait()


if __name__ == "__main__":
    main()
