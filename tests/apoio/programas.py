"""Programs some tests need: required in CI (`.ci/run` installs them), skipped with the reason elsewhere."""

from __future__ import annotations

import os
import shutil

import pytest

COMO_INSTALAR = {
    "chromium": "apt install chromium",
    "pdftotext": "apt install poppler-utils",
    "node": "Node.js 20 ou mais novo, com npm",
}


def exigir(programa: str, *alternativas: str) -> str:
    """The program's path; without it the test fails in CI and is skipped, saying why, elsewhere."""
    caminho = next(filter(None, map(shutil.which, (programa, *alternativas))), None)
    if caminho:
        return caminho
    motivo = f"{programa} ausente ({COMO_INSTALAR[programa]})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{motivo}: é obrigatório no CI, e o .ci/run o instala.")
    pytest.skip(motivo)
