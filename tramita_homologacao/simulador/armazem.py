"""Components on disk: each written where its parts land (nothing reserved for bytes that have not arrived),
hashed by streaming, read back by slices. One temporary folder per simulator, removed when it stops."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


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
    def escrever(arquivo: Path, inicio: int, dados: bytes) -> None:
        with arquivo.open("r+b") as saida:
            saida.seek(inicio)
            saida.write(dados)

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
