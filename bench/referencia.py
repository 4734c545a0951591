"""The reference on loopback: `openssl dgst -sha256` of the file, `curl` uploading it to a server that discards
the bytes and downloading it from one that sends them with `sendfile`. Python only on the server side, in big
reads and zero-copy sends, so the figures are the machine's, not ours."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
    inicio = time.perf_counter()
    subprocess.run(comando, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - inicio


def medir(arquivo: Path, pasta: Path) -> dict[str, float | None]:
    """Seconds for openssl to hash the file and for curl to upload and to download it (None: tool absent)."""
    ferramentas = disponivel()
    resultado: dict[str, float | None] = {"openssl_s": None, "curl_envio_s": None, "curl_download_s": None}
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
