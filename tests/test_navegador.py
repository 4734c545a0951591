"""Both HTML files rendered from file:// in headless Chromium: the requirements and scenarios are visible."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
OPCOES = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    motivo = "Chromium ausente (apt install chromium)"
    pytestmark = pytest.mark.skipif(os.environ.get("CI") != "true", reason=motivo)


def chromium(*argumentos: str) -> str:
    assert CHROMIUM, "Chromium é obrigatório no CI: o .ci/run o instala (apt install chromium)."
    with tempfile.TemporaryDirectory(prefix="chromium-") as perfil:
        processo = subprocess.run(
            [CHROMIUM, *OPCOES, f"--user-data-dir={perfil}", *argumentos],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    assert processo.returncode == 0, processo.stderr[-2000:]
    return processo.stdout


def dom(arquivo: Path, ancora: str = "") -> str:
    return chromium("--virtual-time-budget=15000", "--dump-dom", arquivo.resolve().as_uri() + ancora)


def fotografar(arquivo: Path, destino: Path, ancora: str = "") -> None:
    chromium(
        "--window-size=1280,1800",
        "--virtual-time-budget=15000",
        f"--screenshot={destino}",
        arquivo.resolve().as_uri() + ancora,
    )
    assert destino.stat().st_size > 10_000


def test_relatorio_de_homologacao_no_navegador(execucao, tmp_path):
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    pagina = dom(execucao / "relatorio-homologacao.html")
    tabela = pagina.split('id="requisitos"')[1].split("</table>")[0]
    for requisito in resumo["requisitos"]:
        assert requisito["titulo"] in tabela and 'class="veredito aprovado"' in tabela
    cenarios = pagina.split('id="cenarios"')[1].split("</table>")[0]
    for requisito in resumo["requisitos"]:
        for cenario in requisito["cenarios"]:
            assert f"<td>{cenario['nome']}</td>" in cenarios
    fotografar(execucao / "relatorio-homologacao.html", tmp_path / "relatorio.png")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js ausente: o HTML do Allure é um extra")
def test_html_do_allure_no_navegador(execucao, tmp_path):
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    pagina = dom(execucao / "allure-report" / "index.html", "#suites")
    for requisito in resumo["requisitos"]:
        for cenario in requisito["cenarios"]:
            assert f'<div class="node__name line-ellipsis">{cenario["nome"]}' in pagina
    fotografar(execucao / "allure-report" / "index.html", tmp_path / "allure.png", "#suites")
