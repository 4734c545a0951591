"""Hostile text from the server and from the environment file never runs as script in the evidence pack.

A real run against the simulator, with markup in the organ's and counterparts' names and in the recusa
justificativa the counterpart sends back; then the relatório and Allure's HTML opened in headless
Chromium: the text is shown as text, and no payload ran (each would mark the page if it did).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.apoio.ambientes import dados_do_local, executar_cli, gravar
from tests.apoio.programas import exigir
from tests.test_navegador import dom
from tramita_homologacao.evidencia.documento import montar_documento
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.relatorio import gerar_html
from tramita_homologacao.simulador.contrapartes import Roteiro

MARCA = "data-xss-executou"
HOSTIL = (
    f"<script>document.documentElement.setAttribute('{MARCA}','script')</script>"
    f"<img src=x onerror=\"document.documentElement.setAttribute('{MARCA}','img')\">"
    f"<svg onload=\"document.documentElement.setAttribute('{MARCA}','svg')\"></svg>"
    "[bold]{{ 7*7 }}${7*7}&amp;\"'"
)
ESCAPADO = "&lt;script&gt;document.documentElement.setAttribute("  # how the payload reads once escaped


def _sem_script_executado(pagina: str) -> None:
    """A payload that ran would have set the attribute on <html>."""
    abertura = re.search(r"<html[^>]*>", pagina)
    assert abertura is not None and MARCA not in abertura.group(0)


@pytest.fixture(scope="module")
def execucao_hostil(tmp_path_factory):
    from tramita_homologacao.simulador.servidor import Simulador

    pasta = tmp_path_factory.mktemp("hostil")
    with Simulador(sistema_padrao="SPE-ANEX") as simulador:
        simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("recusar", justificativa=f"Recusado {HOSTIL}"))
        dados = dados_do_local()
        dados["url_api"] = f"{simulador.url_raiz}interoperabilidade/rest/"
        dados["descricao"] = f"Ensaio {HOSTIL}"
        dados["orgao"]["nome"] = f"Agência {HOSTIL}"
        for requisito, contraparte in dados["contrapartes"].items():
            contraparte["descricao"] = f"Contraparte de {requisito} {HOSTIL}"
        ambiente = gravar(dados, pasta, "hostil")
        processo = executar_cli("-a", str(ambiente), "--relatorios", str(pasta / "campanha"), html_allure=True)
    assert processo.returncode == 1, processo.stdout + processo.stderr  # the envio was refused: reprovado
    return pasta / "campanha"


def test_o_terminal_mostra_o_texto_hostil_como_escrito(execucao_hostil):
    resumo = json.loads((execucao_hostil / "resumo.json").read_text(encoding="utf-8"))
    [envio] = [r for r in resumo["requisitos"] if r["id"] == "envio"]
    assert envio["veredito"] == "reprovado" and HOSTIL in envio["cenarios"][0]["mensagem"]


def test_relatorio_mostra_o_texto_hostil_sem_executar(execucao_hostil):
    relatorio = execucao_hostil / "relatorio-ensaio.html"
    fonte = relatorio.read_text(encoding="utf-8")
    assert "<script" not in fonte and "onerror=" not in fonte.replace("onerror=&#34;", "")
    pagina = dom(relatorio)
    _sem_script_executado(pagina)
    assert pagina.count(ESCAPADO) >= 3  # organ, counterparts, justificativa: shown as text


def test_todo_campo_do_resumo_chega_escapado_ao_relatorio(execucao, tmp_path):
    """Every string of a real resumo.json replaced by the payload (dates and verdict words kept valid)."""
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    mantidos = {"veredito", "id", "tipo", "modo", "papel_do_orgao", "situacao"}  # words the model restricts
    trocados = 0

    def envenenar(valor, chave=""):
        nonlocal trocados
        if isinstance(valor, dict):
            return {k: envenenar(v, k) for k, v in valor.items()}
        if isinstance(valor, list):
            return [envenenar(v, chave) for v in valor]
        if isinstance(valor, str) and chave not in mantidos and not re.match(r"\d{4}-\d\d-\d\dT", valor):
            trocados += 1
            return valor + HOSTIL
        return valor

    html = gerar_html(montar_documento(Resumo.model_validate(envenenar(resumo))))
    assert trocados > 50
    arquivo = tmp_path / "relatorio.html"
    arquivo.write_text(html, encoding="utf-8")
    assert "<script" not in html
    pagina = dom(arquivo)
    _sem_script_executado(pagina)
    assert pagina.count(ESCAPADO) >= 20


def _dados_do_allure(index: Path) -> dict[str, Any]:
    """The files the single-file report embeds (`data/...` → decoded JSON or text)."""
    html = index.read_text(encoding="utf-8")
    arquivos = {}
    for caminho, conteudo in re.findall(r'd\("([^"]+)","([A-Za-z0-9+/=]+)"\)', html):
        texto = base64.b64decode(conteudo).decode("utf-8", "replace")
        arquivos[caminho] = json.loads(texto) if caminho.endswith(".json") else texto
    return arquivos


def _textos(valor):
    if isinstance(valor, dict):
        valor = list(valor.values())
    if isinstance(valor, list):
        for item in valor:
            yield from _textos(item)
    elif isinstance(valor, str):
        yield valor


def _anexos(valor):
    if isinstance(valor, dict):
        if {"uid", "source"} <= set(valor):
            yield valor
        valor = list(valor.values())
    if isinstance(valor, list):
        for item in valor:
            yield from _anexos(item)


def _paginas_do_allure_com_texto_hostil(index: Path) -> dict[str, list[str]]:
    """The report's routes that show the hostile text, by kind: overview, categories, test results, attachments."""
    dados = _dados_do_allure(index)
    hostis = {caminho for caminho, valor in dados.items() if any(MARCA in texto for texto in _textos(valor))}
    resultados = [v for c, v in dados.items() if c in hostis and c.startswith("data/test-cases/")]
    anexos_por_tipo = {  # Allure draws an attachment by its type: one of each type that carries the text
        a["type"]: f"#testresult/{r['uid']}?attachment={a['uid']}"
        for r in (v for c, v in dados.items() if c.startswith("data/test-cases/"))
        for a in _anexos(r)
        if f"data/attachments/{a['source']}" in hostis
    }
    return {
        "visao-geral": ["#"] if "widgets/environment.json" in hostis else [],
        "categorias": ["#categories"] if "data/categories.json" in hostis else [],
        "resultados": [f"#testresult/{r['uid']}" for r in resultados],
        "anexos": sorted(anexos_por_tipo.values()),
    }


@pytest.mark.parametrize("tipo", ["visao-geral", "categorias", "resultados", "anexos"])
def test_allure_mostra_o_texto_hostil_sem_executar(execucao_hostil, tipo):
    exigir("node")
    index = execucao_hostil / "allure-report" / "index.html"
    rotas = _paginas_do_allure_com_texto_hostil(index)[tipo]
    assert rotas, f"o texto hostil deveria chegar ao Allure ({tipo})"
    for rota in rotas:
        pagina = dom(index, rota)
        _sem_script_executado(pagina)
        if tipo in ("resultados", "anexos"):  # shown; the overview's and categories' texts start collapsed
            assert ESCAPADO in pagina, rota


def test_a_verificacao_no_navegador_detecta_o_que_roda(tmp_path):
    """The check itself can fail: the same payload left unescaped runs and marks the page."""
    arquivo = tmp_path / "cru.html"
    arquivo.write_text(f"<!DOCTYPE html><html><body><p>{HOSTIL}</p></body></html>", encoding="utf-8")
    with pytest.raises(AssertionError):
        _sem_script_executado(dom(arquivo))


CONTROLES = "\x1b[2J\x1b]8;;http://exemplo.invalido\x1b\\clique\x1b]8;;\x1b\\\x07\x08\r\u202eoãçif\u202c\u2066x\u2069"


def test_nenhuma_sequencia_de_controle_do_servidor_chega_ao_terminal(tmp_path):
    """An escape sequence (clear screen, a hyperlink), a bell, a carriage return or a bidi override in what the
    server says (the recusa's justificativa) is shown as `�`, never written to the terminal as it came."""
    from tramita_homologacao.simulador.servidor import Simulador

    with Simulador(sistema_padrao="SPE-ANEX") as simulador:
        simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("recusar", justificativa=f"Recusado {CONTROLES}"))
        dados = dados_do_local()
        dados["url_api"] = f"{simulador.url_raiz}interoperabilidade/rest/"
        ambiente = gravar(dados, tmp_path, "controles")
        processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path / "r"), "--requisito", "envio")
    saida = processo.stdout + processo.stderr
    assert "Recusado" in saida and "clique" in saida and "\ufffd" in saida, saida
    proibidos = [c for c in saida if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]
    assert proibidos == [] and not any(c in saida for c in "\u202e\u202c\u2066\u2069")
    # the evidence keeps what the platform said, as it said it
    resumo = json.loads((tmp_path / "r" / "resumo.json").read_text(encoding="utf-8"))
    assert CONTROLES in resumo["requisitos"][0]["cenarios"][0]["mensagem"]
