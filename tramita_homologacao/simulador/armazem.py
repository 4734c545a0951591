"""Components on disk, in one copy: each part is written once, as it arrives, into a file of its own (the request's
upload goes straight there, never through a temporary file), and a component is read back across its parts in
blocks. One temporary folder per simulator, removed when it stops; the folder of one that was killed is removed
by the next one to start."""

from __future__ import annotations

import io
import itertools
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from filelock import FileLock, Timeout

BLOCO = 1024 * 1024
PREFIXO = "tramita-simulador-"
EM_USO = ".em-uso"
Digest = Any  # a hashlib object (its type is private to hashlib)


@dataclass(frozen=True, order=True)
class Pedaco:
    """Bytes `[inicio, fim)` of a component, in a file of their own."""

    inicio: int
    fim: int
    arquivo: Path


class Chegada(io.BufferedRandom):
    """A file as a request brings it (the multipart parser writes it here): kept when the platform adopts it as a
    part of a component, removed when closed otherwise."""

    def __init__(self, arquivo: Path) -> None:
        super().__init__(io.FileIO(arquivo, "w+"))
        self.arquivo = arquivo
        self._adotada = False

    @property
    def tamanho(self) -> int:
        self.flush()
        return self.arquivo.stat().st_size

    def pedaco(self, inicio: int) -> Pedaco:
        """The bytes as a part starting at `inicio` (still removed on close unless adopted)."""
        return Pedaco(inicio, inicio + self.tamanho, self.arquivo)

    def adotar(self, inicio: int) -> Pedaco:
        pedaco = self.pedaco(inicio)
        self._adotada = True
        return pedaco

    def close(self) -> None:
        super().close()
        if not self._adotada:
            self.arquivo.unlink(missing_ok=True)


class Armazem:
    def __init__(self) -> None:
        remover_abandonadas()
        self._pasta = tempfile.TemporaryDirectory(prefix=PREFIXO)
        self._em_uso = FileLock(self.pasta / EM_USO)  # released by the system even when the process is killed
        self._em_uso.acquire()
        self._numeros = itertools.count(1)

    @property
    def pasta(self) -> Path:
        return Path(self._pasta.name)

    def chegada(self) -> Chegada:
        """A new file for bytes arriving in a request."""
        return Chegada(self.pasta / f"parte-{next(self._numeros)}.bin")

    def guardar(self, fluxo: IO[bytes]) -> Chegada:
        """`fluxo` on disk: an arrival as it is, any other stream (an in-process caller's) copied into a new one."""
        if isinstance(fluxo, Chegada):
            return fluxo
        chegada = self.chegada()
        shutil.copyfileobj(fluxo, chegada, BLOCO)
        return chegada

    def fechar(self) -> None:
        self._em_uso.release()
        self._pasta.cleanup()


def remover_abandonadas(idade_minima: float = 60) -> None:
    """Removes the folders of simulators that were killed (their lock died with them): components of gigabytes
    must not pile up in the temporary folder. A folder younger than `idade_minima` seconds is left alone (its
    simulator may not have taken the lock yet)."""
    for pasta in Path(tempfile.gettempdir()).glob(PREFIXO + "*"):
        try:
            if time.time() - pasta.stat().st_mtime < idade_minima:
                continue
            trava = FileLock(pasta / EM_USO)
            trava.acquire(timeout=0)
            trava.release()
        except (Timeout, OSError):
            continue  # in use, or already gone
        shutil.rmtree(pasta, ignore_errors=True)


@dataclass(frozen=True)
class Fatia:
    """Bytes `[inicio, fim)` of a stored component, read from its parts in blocks (never whole in memory)."""

    pedacos: tuple[Pedaco, ...]  # in order, contiguous
    inicio: int
    fim: int

    def blocos(self, tamanho: int) -> Iterator[bytes]:
        """Blocks of exactly `tamanho` bytes (the last one shorter), whatever the parts they span: a caller that
        encodes each block on its own (base64 in multiples of 3) needs the boundaries where it asked."""
        bloco = bytearray()
        for trecho in self._trechos(tamanho):
            if not bloco and len(trecho) == tamanho:
                yield trecho  # the usual case: a whole block inside one part, no copy
                continue
            bloco += trecho
            if len(bloco) >= tamanho:
                yield bytes(bloco[:tamanho])
                del bloco[:tamanho]
        if bloco:
            yield bytes(bloco)

    def _trechos(self, tamanho: int) -> Iterator[bytes]:
        """The bytes as the parts hold them, at most `tamanho` at a time."""
        for pedaco in self.pedacos:
            de, ate = max(self.inicio, pedaco.inicio), min(self.fim, pedaco.fim)
            if de >= ate:
                continue
            with pedaco.arquivo.open("rb") as entrada:
                entrada.seek(de - pedaco.inicio)
                restante = ate - de
                while restante > 0 and (trecho := entrada.read(min(tamanho, restante))):
                    restante -= len(trecho)
                    yield trecho
