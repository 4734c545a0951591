"""Both HTML files rendered from file:// in headless Chromium: the requirements and scenarios are visible."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.apoio.programas import exigir
from tests.apoio.resumos import como_se_fosse
from tramita_homologacao.evidencia.documento import FAIXAS, TITULOS, montar_documento
from tramita_homologacao.evidencia.modelo import Unidade
from tramita_homologacao.evidencia.relatorio import gerar_html
from tramita_homologacao.evidencia.resumo import ler_resumo

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


def chromium(*argumentos: str) -> str:
    navegador = exigir("chromium", "chromium-browser", "google-chrome")
    with tempfile.TemporaryDirectory(prefix="chromium-") as perfil:
        processo = subprocess.run(
            [navegador, *OPCOES, f"--user-data-dir={perfil}", *argumentos],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    assert processo.returncode == 0, processo.stderr[-2000:]
    return processo.stdout


def dom(arquivo: Path, ancora: str = "", foto: Path | None = None) -> str:
    """The page's DOM once its scripts ran; with `foto`, also its screenshot (for review), in the same launch."""
    captura = ["--window-size=1280,1800", f"--screenshot={foto}"] if foto else []
    pagina = chromium(*captura, "--virtual-time-budget=15000", "--dump-dom", arquivo.resolve().as_uri() + ancora)
    if foto:
        assert foto.stat().st_size > 10_000
    return pagina


def test_relatorio_de_homologacao_no_navegador(execucao, tmp_path):
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    pagina = dom(execucao / "relatorio-ensaio.html", foto=tmp_path / "relatorio.png")
    tabela = pagina.split('id="requisitos"')[1].split("</table>")[0]
    for requisito in resumo["requisitos"]:
        assert requisito["titulo"] in tabela and 'class="veredito aprovado"' in tabela
    cenarios = pagina.split('id="cenarios"')[1].split("</table>")[0]
    for requisito in resumo["requisitos"]:
        for cenario in requisito["cenarios"]:
            assert f"<td>{cenario['nome']}</td>" in cenarios


def test_html_do_allure_no_navegador(execucao, tmp_path):
    exigir("node")
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    pagina = dom(execucao / "allure-report" / "index.html", "#suites", foto=tmp_path / "allure.png")
    for requisito in resumo["requisitos"]:
        for cenario in requisito["cenarios"]:
            assert f'<div class="node__name line-ellipsis">{cenario["nome"]}' in pagina


@pytest.mark.parametrize("tipo", ["simulador", "homologacao", "producao"])
def test_captura_do_relatorio_por_ambiente(execucao, tipo, tmp_path):
    """The same campaign as each environment would show it, photographed (in the test's folder) for review."""
    resumo = ler_resumo(execucao / "resumo.json")
    mudancas: dict = {}
    if tipo == "producao":
        mudancas["unidade_de_teste_de_producao"] = Unidade(repositorio=1, estrutura=200110, descricao="DISIS/MGI")
    documento = montar_documento(como_se_fosse(resumo, tipo).model_copy(update=mudancas))
    pasta = tmp_path
    arquivo = pasta / f"relatorio-{tipo}.html"
    arquivo.write_text(gerar_html(documento), encoding="utf-8")
    pagina = dom(arquivo, foto=pasta / f"relatorio-{tipo}.png")
    assert f"<h1>{TITULOS[tipo]}</h1>" in pagina and FAIXAS[tipo].split(".")[0] in pagina
    assert ("SEM VALOR DE HOMOLOGAÇÃO" in pagina) is (tipo == "simulador")
    assert ("DISIS/MGI (1/200110)" in pagina) is (tipo == "producao")
