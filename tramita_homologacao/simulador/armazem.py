"""Components on disk: each written where its parts land, in blocks straight from the request (nothing reserved for
bytes that have not arrived, no part whole in memory), read back by slices. One temporary folder per simulator,
removed when it stops."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

BLOCO = 1024 * 1024
Digest = Any  # a hashlib object (its type is private to hashlib)


class Armazem:
    def __init__(self) -> None:
        self._pasta = tempfile.TemporaryDirectory(prefix="tramita-simulador-")
        self._numeros = itertools.count(1)

    def novo(self) -> Path:
        """A new, empty component file."""
        arquivo = Path(self._pasta.name) / f"componente-{next(self._numeros)}.bin"
        arquivo.touch()
        return arquivo

    @staticmethod
    def escrever(arquivo: Path, inicio: int, fluxo: IO[bytes], tamanho: int, digest: Digest | None = None) -> int:
        """Copies at most `tamanho` bytes of `fluxo` from `inicio` on, in blocks, feeding `digest` when given (in
        a thread of its own: hashing a block overlaps writing the next). Returns how many bytes the stream had:
        `tamanho + 1` when it had more (the excess is not written)."""
        escritos = 0
        with arquivo.open("r+b") as saida, ThreadPoolExecutor(1, "hash-do-componente") as calculo:
            saida.seek(inicio)
            hash_do_bloco: Future | None = None
            while escritos < tamanho and (bloco := fluxo.read(min(BLOCO, tamanho - escritos))):
                if digest is not None:
                    if hash_do_bloco is not None:
                        hash_do_bloco.result()
                    hash_do_bloco = calculo.submit(digest.update, bloco)
                saida.write(bloco)
                escritos += len(bloco)
        return escritos + 1 if escritos == tamanho and fluxo.read(1) else escritos

    def fechar(self) -> None:
        self._pasta.cleanup()


@dataclass(frozen=True)
class Fatia:
    """Bytes `[inicio, fim)` of a stored component, read in blocks when served (never whole in memory)."""

    arquivo: Path
    inicio: int
    fim: int

    def blocos(self, tamanho: int) -> Iterator[bytes]:
        with self.arquivo.open("rb") as entrada:
            entrada.seek(self.inicio)
            restante = self.fim - self.inicio
            while restante > 0 and (bloco := entrada.read(min(tamanho, restante))):
                restante -= len(bloco)
                yield bloco
