"""The benchmark, in one run: transfers of one componente against the simulator in another process beside
`openssl`/`curl` on the same file, peak memory of harness and simulator, the simulator's requests per second as
it fills, and the CLI's start-up and `executar` wall time. Prints a summary and writes everything to JSON.

    python -m bench [--tamanhos 64,256,1024] [--bloco 50] [--repeticoes 3] [--saida reports/desempenho.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import carga, referencia
from bench.memoria import pico_residente_mib, zerar_pico

MIB = 1024 * 1024
RAIZ = Path(__file__).resolve().parent.parent


def _lista(texto: str) -> list[int]:
    return [int(v) for v in texto.split(",") if v]


def _harness(*argumentos: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", *argumentos], env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=RAIZ, **kwargs
    )


class Simulador:
    """`tramita-homologacao simulador` in its own process, on a free port of the loopback."""

    def __enter__(self) -> Simulador:
        self.processo = _harness(
            "tramita_homologacao",
            "simulador",
            "--porta",
            "0",
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.processo.stdout is not None, "aberto com stdout=PIPE"
        linha = self.processo.stdout.readline()
        encontrado = re.search(r"(http://\S+/v3/)", linha)
        if encontrado is None:
            self.processo.kill()
            raise SystemExit(f"o simulador não iniciou: {linha!r}")
        self.url = encontrado.group(1)
        return self

    def __exit__(self, *excecao) -> None:
        self.processo.terminate()
        self.processo.wait()


def _gerar(arquivo: Path, mib: int) -> None:
    with arquivo.open("wb") as saida:
        for inicio in range(0, mib, 4):
            saida.write(os.urandom(min(4, mib - inicio) * MIB))


def _mediana(valores: list[float]) -> float:
    return round(statistics.median(valores), 3)


def medir_transferencias(tamanhos: list[int], bloco: int, repeticoes: int) -> list[dict]:
    linhas = []
    for mib in tamanhos:
        with tempfile.TemporaryDirectory(prefix="tramita-bench-") as temporaria, Simulador() as simulador:
            pasta = Path(temporaria)
            arquivo = pasta / f"componente-{mib}.bin"
            _gerar(arquivo, mib)
            simulador_inicio = pico_residente_mib(simulador.processo.pid)
            zerar_pico(simulador.processo.pid)
            repeticoes_medidas = []
            for _ in range(repeticoes):
                medida = referencia.medir(arquivo, pasta)
                filho = _harness(
                    "bench.transferencia",
                    simulador.url,
                    str(arquivo),
                    str(pasta),
                    "--bloco",
                    str(bloco),
                    stdout=subprocess.PIPE,
                    text=True,
                )
                saida, _ = filho.communicate()
                if filho.returncode:
                    raise SystemExit(f"a transferência de {mib} MiB falhou (código {filho.returncode})")
                medida.update(json.loads(saida))
                repeticoes_medidas.append(medida)
            linhas.append(
                _resumir_transferencia(
                    mib, bloco, repeticoes_medidas, simulador_inicio, pico_residente_mib(simulador.processo.pid)
                )
            )
    return linhas


def _resumir_transferencia(mib: int, bloco: int, medidas: list[dict], sim_inicio, sim_pico) -> dict:
    def vazao(chave: str) -> float | None:
        valores = [m[chave] for m in medidas if m[chave]]
        return round(mib / min(valores), 1) if valores else None

    def razao(numerador: str, denominador: str) -> float | None:
        valores = [m[numerador] / m[denominador] for m in medidas if m[numerador] and m[denominador]]
        return _mediana(valores) if valores else None

    for m in medidas:
        m["hash_e_envio_s"] = m["hash_s"] + m["envio_s"]
    return {
        "mib": mib,
        "bloco_mb": bloco,
        "medidas": medidas,
        "mib_por_s": {
            "openssl_sha256": vazao("openssl_s"),
            "escrita_em_disco": vazao("escrita_s"),
            "curl_envio": vazao("curl_envio_s"),
            "curl_download": vazao("curl_download_s"),
            "harness_hash_e_envio": vazao("hash_e_envio_s"),
            "harness_download": vazao("download_s"),
        },
        # within one repeat: openssl's time over ours is our throughput as a fraction of openssl's
        "razao_hash_e_envio_sobre_openssl": razao("openssl_s", "hash_e_envio_s"),
        "razao_download_sobre_openssl": razao("openssl_s", "download_s"),
        "razao_hash_e_envio_sobre_curl": razao("curl_envio_s", "envio_s"),
        # the simulator writes every component it receives to disk: the upload cannot beat writing the file
        "razao_envio_sobre_escrita_em_disco": razao("escrita_s", "envio_s"),
        "razao_download_sobre_curl": razao("curl_download_s", "download_s"),
        "pico_harness_mib": max(max(m["pico_envio_mib"] or 0, m["pico_download_mib"] or 0) for m in medidas) or None,
        "simulador_ao_iniciar_mib": sim_inicio,
        "pico_simulador_mib": sim_pico,
    }


def medir_inicio(repeticoes: int) -> dict:
    def cronometrar(*argumentos: str, cwd: Path = RAIZ) -> float:
        melhores = []
        for _ in range(repeticoes):
            inicio = time.perf_counter()
            subprocess.run([sys.executable, *argumentos], cwd=cwd, check=True, capture_output=True)
            melhores.append(time.perf_counter() - inicio)
        return round(min(melhores), 3)

    with tempfile.TemporaryDirectory(prefix="tramita-bench-") as pasta:
        return {
            "python_vazio_s": cronometrar("-c", "pass"),
            "ajuda_s": cronometrar("-m", "tramita_homologacao", "--help"),
            "executar_sem_html_allure_s": cronometrar(
                "-m", "tramita_homologacao", "executar", "--sem-html-allure", "--relatorios", pasta
            ),
        }


def _imprimir(resultado: dict) -> None:
    print(f"\nopenssl, curl e harness em MiB/s (bloco de {resultado['parametros']['bloco_mb']} MB)")
    for t in resultado["transferencias"]:
        v = t["mib_por_s"]
        print(
            f"  {t['mib']:>5} MiB: openssl {v['openssl_sha256']}, disco {v['escrita_em_disco']},"
            f" curl ↑ {v['curl_envio']} ↓ {v['curl_download']},"
            f" harness hash+envio {v['harness_hash_e_envio']} (×{t['razao_hash_e_envio_sobre_openssl']} do openssl),"
            f" download {v['harness_download']} (×{t['razao_download_sobre_openssl']});"
            f" pico harness {t['pico_harness_mib']} MiB, simulador {t['pico_simulador_mib']} MiB"
        )
    print("\nsimulador, requisições por segundo")
    for linha in resultado["carga"]:
        print("  " + ", ".join(f"{chave} {valor}" for chave, valor in linha.items()))
    print("\ninício e executar (s):", ", ".join(f"{k} {v}" for k, v in resultado["inicio"].items()))


def main() -> None:
    argumentos = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    argumentos.add_argument("--tamanhos", type=_lista, default=[64, 256, 1024], help="MiB, separados por vírgula")
    argumentos.add_argument("--bloco", type=int, default=50, help="tamanho do bloco de transferência, MB")
    argumentos.add_argument("--repeticoes", type=int, default=3)
    argumentos.add_argument("--niveis", type=_lista, default=[10, 1000, 10000], help="trâmites armazenados")
    argumentos.add_argument("--saida", type=Path, default=RAIZ / "reports" / "desempenho.json")
    a = argumentos.parse_args()
    resultado: dict = {
        "quando": datetime.now().astimezone().isoformat(timespec="seconds"),
        "maquina": {"cpus": os.cpu_count(), "python": platform.python_version(), "sistema": platform.platform()},
        "parametros": {"tamanhos_mib": a.tamanhos, "bloco_mb": a.bloco, "repeticoes": a.repeticoes},
        "transferencias": medir_transferencias(a.tamanhos, a.bloco, a.repeticoes),
    }
    with Simulador() as simulador:
        resultado["carga"] = carga.medir(simulador.url, a.niveis)
    resultado["inicio"] = medir_inicio(a.repeticoes)
    a.saida.parent.mkdir(parents=True, exist_ok=True)
    a.saida.write_text(json.dumps(resultado, indent=2, ensure_ascii=False), encoding="utf-8")
    _imprimir(resultado)
    print(f"\nJSON: {a.saida}")


if __name__ == "__main__":
    main()
