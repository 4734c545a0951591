"""Allure's single-file HTML report, an optional extra: it needs Node.js and the pinned `allure` from npm.

Classic (allure2) view of Allure 3 in pt-BR, with analytics off and any Google Analytics block
removed afterwards (docs/armadilhas.md: Allure 3 embeds it in some views whatever the setting).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

BLOCO_ANALYTICS = re.compile(
    r'\s*<script async src="https://www\.googletagmanager\.com/gtag/js\?id=[^"]*"></script>'
    r"\s*<script>\s*window\.dataLayer.*?</script>",
    re.S,
)


class AllureIndisponivel(Exception):
    """The HTML could not be built; the message says how to get it (the rest of the pack is unaffected)."""


def remover_analytics(html: str) -> str:
    return BLOCO_ANALYTICS.sub("", html)


def _executavel_do_allure(raiz: Path) -> Path:
    pacote = raiz / "node_modules" / "allure" / "package.json"
    dados = json.loads(pacote.read_text(encoding="utf-8"))
    binario = dados["bin"] if isinstance(dados["bin"], str) else dados["bin"]["allure"]
    return pacote.parent / binario


def _instalar(raiz: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AllureIndisponivel(
            "npm não encontrado: instale o Node.js 20 ou mais novo (https://nodejs.org), que traz o npm."
        )
    processo = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=raiz,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if processo.returncode != 0:
        raise AllureIndisponivel(f"Falha ao instalar o Allure com npm em {raiz}: {processo.stderr.strip()[-500:]}")


def garantir_allure(raiz: Path, avisar: Callable[[str], None]) -> None:
    """Installs the pinned Allure the first time, once: runs started together wait for the one installing
    (two `npm ci` in the same folder would each delete what the other is writing)."""
    instalado = raiz / "node_modules" / "allure" / "package.json"
    if instalado.is_file():
        return
    with FileLock(raiz / ".instalacao-do-allure.lock"):
        if instalado.is_file():  # installed by the run this one waited for
            return
        avisar(
            f"Instalando o Allure (npm ci, em {raiz / 'node_modules'}), só desta primeira vez: pode levar alguns "
            "minutos e precisa de acesso ao registro do npm."
        )
        _instalar(raiz)


def gerar_allure_html(
    resultados: Path, destino: Path, raiz: Path, avisar: Callable[[str], None] = lambda texto: None
) -> Path:
    """Builds `destino/index.html` from `resultados`; raises `AllureIndisponivel` with the fix."""
    node = shutil.which("node")
    if node is None:
        raise AllureIndisponivel(
            "Node.js não encontrado: o relatório HTML do Allure precisa dele. Instale o Node.js 20 ou mais novo "
            "(https://nodejs.org; no Debian/Ubuntu: apt install nodejs npm) e gere o pacote de novo."
        )
    garantir_allure(raiz, avisar)
    with tempfile.TemporaryDirectory(prefix="tramita-allure-") as saida:
        processo = subprocess.run(
            [
                node,
                str(_executavel_do_allure(raiz)),
                "allure2",
                str(resultados),
                "-o",
                saida,
                "--single-file",
                "--lang",
                "br",
            ],
            cwd=raiz,
            env={**os.environ, "ALLURE_NO_ANALYTICS": "true"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        gerado = Path(saida) / "index.html"
        if processo.returncode != 0 or not gerado.is_file():
            raise AllureIndisponivel(
                f"O Allure não gerou o relatório: {(processo.stderr or processo.stdout).strip()[-500:]}"
            )
        destino.mkdir(parents=True, exist_ok=True)
        final = destino / "index.html"
        final.write_text(remover_analytics(gerado.read_text(encoding="utf-8")), encoding="utf-8")
    return final
