"""Component hashes: SHA-256 of the exact bytes, encoded as standard base64 (`docs/api-tramita.md` §4)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import BinaryIO

BLOCO_LEITURA = 1024 * 1024


def hash_de_bytes(conteudo: bytes) -> str:
    return base64.b64encode(hashlib.sha256(conteudo).digest()).decode("ascii")


def hash_de_fluxo(fluxo: BinaryIO) -> tuple[str, int]:
    """Hash and size of a stream read to its end in fixed blocks (constant memory)."""
    digest = hashlib.sha256()
    tamanho = 0
    while bloco := fluxo.read(BLOCO_LEITURA):
        digest.update(bloco)
        tamanho += len(bloco)
    return base64.b64encode(digest.digest()).decode("ascii"), tamanho


def hash_de_arquivo(caminho: Path) -> tuple[str, int]:
    with caminho.open("rb") as fluxo:
        return hash_de_fluxo(fluxo)
