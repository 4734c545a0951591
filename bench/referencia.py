"""The machine's own figures for the file: `openssl dgst -sha256` of it, `curl` uploading it on loopback to a
server that discards the bytes and downloading it from one that sends them with `sendfile` (Python only on the
server side, in big reads and zero-copy sends), and writing a new file of its size (what the simulator does
with every component it receives)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.memoria import assentar_disco

BLOCO = 4 * 1024 * 1024


class _Manipulador(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    arquivo: Path

    def do_PUT(self) -> None:
        restante = int(self.headers["Content-Length"])
        while restante:
            restante -= len(self.rfile.read(min(BLOCO, restante)))
        self.send_response(204)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(self.arquivo.stat().st_size))
        self.end_headers()
        with self.arquivo.open("rb") as entrada:
            self.request.sendfile(entrada)

    def log_message(self, *args) -> None:
        pass


def disponivel() -> dict[str, bool]:
    return {"openssl": shutil.which("openssl") is not None, "curl": shutil.which("curl") is not None}


def _cronometrar(comando: list[str]) -> float:
    assentar_disco()
    inicio = time.perf_counter()
    subprocess.run(comando, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - inicio


def _escrever_copia(arquivo: Path, copia: Path) -> float:
    """Seconds to write a new file with the same bytes (read from the page cache), flushed to the system."""
    assentar_disco()
    with arquivo.open("rb") as entrada, copia.open("wb") as saida:
        inicio = time.perf_counter()
        while bloco := entrada.read(BLOCO):
            saida.write(bloco)
        saida.flush()
        duracao = time.perf_counter() - inicio
    copia.unlink()
    return duracao


def medir(arquivo: Path, pasta: Path) -> dict[str, float | None]:
    """Seconds for openssl to hash the file and for curl to upload and to download it (None: tool absent)."""
    ferramentas = disponivel()
    resultado: dict[str, float | None] = {
        "escrita_s": _escrever_copia(arquivo, pasta / "escrita.bin"),
        "openssl_s": None,
        "curl_envio_s": None,
        "curl_download_s": None,
    }
    if ferramentas["openssl"]:
        resultado["openssl_s"] = _cronometrar(["openssl", "dgst", "-sha256", str(arquivo)])
    if not ferramentas["curl"]:
        return resultado
    manipulador = type("Manipulador", (_Manipulador,), {"arquivo": arquivo})
    servidor = ThreadingHTTPServer(("127.0.0.1", 0), manipulador)
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{servidor.server_port}/componente"
    try:
        resultado["curl_envio_s"] = _cronometrar(["curl", "-sSf", "-T", str(arquivo), url, "-o", "/dev/null"])
        copia = pasta / "curl.bin"
        resultado["curl_download_s"] = _cronometrar(["curl", "-sSf", url, "-o", str(copia)])
        copia.unlink()
    finally:
        servidor.shutdown()
        servidor.server_close()
    return resultado
