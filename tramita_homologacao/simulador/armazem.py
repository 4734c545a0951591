"""Components on disk: each written where its parts land (nothing reserved for bytes that have not arrived),
hashed by streaming, read back by slices. One temporary folder per simulator, removed when it stops."""

from __future__ import annotations

import itertools
import tempfile
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

    @staticmethod
    def ler(arquivo: Path, inicio: int, fim: int) -> bytes:
        with arquivo.open("rb") as entrada:
            entrada.seek(inicio)
            return entrada.read(fim - inicio)

    def fechar(self) -> None:
        self._pasta.cleanup()
