"""The evidence pack of a real run: relatório (HTML, PDF), message to PEN, Allure context and HTML."""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.apoio.ambientes import RAIZ, executar_cli
from tests.apoio.programas import exigir
from tramita_homologacao.evidencia import allure_html
from tramita_homologacao.evidencia.allure_html import remover_analytics
from tramita_homologacao.evidencia.documento import (
    Celula,
    Definicoes,
    Documento,
    Paragrafo,
    Secao,
    Tabela,
    montar_documento,
)
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.pacote import montar_pacote
from tramita_homologacao.evidencia.pdf import gerar_pdf
from tramita_homologacao.evidencia.resumo import ler_resumo


@pytest.fixture(scope="module")
def resumo(execucao) -> dict:
    return json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))


def test_o_pacote_completo_sai_da_execucao(execucao):
    for nome in ("resumo.json", "relatorio-ensaio.html", "relatorio-ensaio.pdf"):
        assert (execucao / nome).stat().st_size > 1000
    assert not (execucao / "mensagem-pen.txt").exists()  # an ensaio has nothing to tell PEN


def test_relatorio_html_e_autossuficiente_e_completo(execucao, resumo):
    html = (execucao / "relatorio-ensaio.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and not re.search(r"\bsrc=", html)
    assert not re.search(r'href="https?://', html)
    assert "<h1>Ensaio no simulador — Tramita.GOV.BR</h1>" in html and "SEM VALOR DE HOMOLOGAÇÃO" in html
    linhas = re.findall(r"<tr><td>(.*?)</td>", html.split('id="requisitos"')[1].split("</table>")[0], re.S)
    assert len(linhas) == len(resumo["requisitos"])
    for linha, requisito in zip(linhas, resumo["requisitos"], strict=True):
        assert linha.startswith(requisito["titulo"])
    for requisito in resumo["requisitos"]:
        for tramite in requisito["tramites"]:
            assert f'id="tramite-{tramite["idt"]}"' in html and tramite["nre"] in html and tramite["protocolo"] in html
            for componente in tramite["componentes"]:
                assert componente["sha256_base64"] in html
    assert html.count("assinatura válida") >= 2  # recibos de envio and de conclusão of the envio requirement
    assert "@media print" in html and "size: A4" in html and 'lang="pt-BR"' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="fluxo"') == sum(
        len(r["tramites"]) for r in resumo["requisitos"]
    )
    assert html.count("Horários de Brasília (America/Sao_Paulo, UTC−03:00)") == 1  # the zone, written once
    assert not re.search(r"\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", html)  # no raw ISO time left


def test_relatorio_pdf(execucao, resumo):
    pdf = (execucao / "relatorio-ensaio.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"/FontFile2" in pdf  # the Unicode font travels inside the file
    texto = _texto_do_pdf(execucao / "relatorio-ensaio.pdf")
    assert "Ensaio no simulador — Tramita.GOV.BR" in texto and "SEM VALOR DE HOMOLOGAÇÃO" in texto
    for requisito in resumo["requisitos"]:
        assert str(requisito["tramites"][0]["idt"]) in texto
    assert "Ciência da recusa recebida pelo remetente" in texto


def _texto_do_pdf(arquivo) -> str:
    pdftotext = exigir("pdftotext")
    return subprocess.run([pdftotext, "-raw", str(arquivo), "-"], capture_output=True, check=True).stdout.decode()


def _sem_espacos(texto: str) -> str:
    return re.sub(r"\s+", "", texto)


def test_pdf_diz_o_mesmo_que_o_html(execucao):
    """Every text of the document (title, banner, paragraphs, every cell) is in both renderings."""
    documento = montar_documento(ler_resumo(execucao / "resumo.json"))
    textos = [documento.titulo, documento.subtitulo, documento.faixa.texto, documento.rodape]

    def percorrer(bloco) -> None:
        if isinstance(bloco, Secao):
            textos.append(bloco.titulo)
            for filho in bloco.blocos:
                percorrer(filho)
        elif isinstance(bloco, Tabela):
            textos.extend(bloco.cabecalho)
            textos.extend(c.texto for linha in bloco.linhas for c in linha)
        elif isinstance(bloco, Definicoes):
            textos.extend(t for termo, c in bloco.itens for t in (termo, c.texto))
        elif isinstance(bloco, Paragrafo):
            textos.append(bloco.texto)

    for secao in documento.secoes:
        percorrer(secao)
    linhas = _texto_do_pdf(execucao / "relatorio-ensaio.pdf").splitlines()
    corpo = [  # page headers and footers interrupt a paragraph that crosses a page break
        linha
        for linha in linhas
        if linha.strip() != "ENSAIO — SEM VALOR DE HOMOLOGAÇÃO"
        and not re.fullmatch(rf"{re.escape(documento.titulo)} — página \d+/\d+", linha.strip().lstrip("\f"))
    ]
    pdf = _sem_espacos("".join(corpo))
    html = _sem_espacos(html_module.unescape(re.sub(r"<[^>]+>", "", (execucao / "relatorio-ensaio.html").read_text())))
    assert len(textos) > 200
    faltam_no_pdf = [t for t in textos if _sem_espacos(t) not in pdf]
    faltam_no_html = [t for t in textos if _sem_espacos(t) not in html]
    assert faltam_no_pdf == [] and faltam_no_html == []


CABECALHO_DA_TABELA_LONGA = ["Primeira", "coluna", "Segunda", "coluna"]


def test_tabela_longa_repete_o_cabecalho_em_cada_pagina_e_nada_se_perde(tmp_path):
    """A table over several pages: the heading on top of each, never alone at the foot of one; a word wider than
    its column (a hash) is cut inside the column, whole; a row taller than a page goes on over the next one; every
    cell's text is in the PDF, inside the margins; a table with no rows still shows its heading."""
    palavra_longa = "x7Q" * 40
    linhas = [
        (Celula(f"linha {i:03d} com um texto que ocupa mais de uma linha na coluna estreita"), Celula(palavra_longa))
        for i in range(150)
    ]
    enorme = " ".join(f"h{i:03d}" + "Z" * 20 for i in range(200))  # one cell taller than a page: split between pages
    linhas.insert(75, (Celula("linha enorme"), Celula(enorme, "hash")))
    vazia = Tabela("v", ("Tabela sem linhas", "mostra o cabeçalho"), [], (50, 50))
    longa = Tabela("t", ("Primeira coluna", "Segunda coluna"), linhas, (30, 70))
    secao = Secao("Tabela longa", "longa", [longa, vazia])
    documento = Documento("homologacao", "Título", "Subtítulo", Paragrafo("Faixa"), [secao], "Rodapé")
    arquivo = tmp_path / "longa.pdf"
    gerar_pdf(documento, arquivo)
    paginas = _texto_do_pdf(arquivo).split("\f")[:-1]
    assert len(paginas) >= 4
    for numero, pagina in enumerate(paginas, 1):
        corpo = [linha for linha in pagina.splitlines() if not linha.startswith("Título — página")]
        inicio = 0 if numero > 1 else corpo.index("Tabela longa") + 1
        cabecalhos = [i for i, linha in enumerate(corpo) if linha.split() == CABECALHO_DA_TABELA_LONGA]
        assert cabecalhos == [inicio], (numero, corpo)  # once, on top of the page's rows
    texto = _sem_espacos("".join(paginas))
    for i in range(150):
        assert _sem_espacos(f"linha {i:03d} com um texto que ocupa mais de uma linha na coluna estreita") in texto
    assert texto.count(palavra_longa) == 150 and all(parte in texto for parte in enorme.split())
    assert "Tabelasemlinhasmostraocabeçalho" in texto
    caixas = subprocess.run([exigir("pdftotext"), "-bbox", str(arquivo), "-"], capture_output=True, check=True)
    palavras = re.findall(r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', caixas.stdout.decode())
    assert max(float(x) for x, _, _ in palavras) <= 595.28 - 28.35  # A4 less the right margin (1 cm), in points
    assert max(float(y) for _, y, p in palavras if p.startswith("h")) <= 841.89 - 42.52  # above the 15 mm margin


def test_contexto_do_allure(execucao):
    resultados = execucao / "allure-results"
    propriedades = (resultados / "environment.properties").read_text(encoding="utf-8")
    assert "Órgão=Agência Nacional de Exemplo (ANEX)" in propriedades and "Unidade\\ de\\ envio=100001" in propriedades
    assert "Horários=nos anexos, de Brasília (UTC−03:00); nas datas do próprio Allure, o fuso" in propriedades
    categorias = {c["name"] for c in json.loads((resultados / "categories.json").read_text(encoding="utf-8"))}
    assert {
        "Falha de certificado ou de conexão segura (TLS)",
        "Tempo esgotado esperando uma situação",
        "Recusa inesperada",
        "Hash ou recibo divergente",
    } <= categorias
    assert {
        "Não se aplica a este ambiente ou modo",
        "Aguardando a contraparte, o PEN ou uma nova execução",
    } <= categorias
    assert (
        json.loads((resultados / "executor.json").read_text(encoding="utf-8"))["reportName"]
        == "Evidências Tramita.GOV.BR - ANEX"
    )
    casos = [json.loads(p.read_text(encoding="utf-8")) for p in resultados.glob("*-result.json")]
    envio = next(c for c in casos if c["name"].startswith("Envio de processo com"))
    passos = list(_passos(envio["steps"]))
    chamadas = [p for p in passos if p["name"].startswith("Envio de processo — HTTP 200")]
    assert chamadas and [a["name"] for a in chamadas[0]["attachments"]] == [
        "requisição: Envio de processo",
        "resposta: Envio de processo (HTTP 200)",
    ]
    assinatura = [
        p for p in passos if p["name"].startswith("Verificação: Assinatura do recibo de conclusão — aprovada")
    ]
    assert (
        assinatura
        and assinatura[0]["status"] == "passed"
        and "(cláusula: O recibo de conclusão" in assinatura[0]["name"]
    )
    assert not any("_simulador" in p["name"] or "/_simulador/" in str(p.get("attachments")) for p in passos)
    parametros = [par["value"] for p in envio["steps"] for par in p.get("parameters", [])]
    assert "cenário 'Envio de processo com um ofício em PDF e um despacho em HTML' (requisito envio)" in parametros
    assert not any("/tmp" in v or " object at 0x" in v for v in parametros)
    nomes_de_anexos_do_cenario = [a["name"] for a in envio.get("attachments", [])]
    assert any(n.startswith("linha do tempo do trâmite") for n in nomes_de_anexos_do_cenario)
    assert any(n.startswith("fluxo do trâmite") for n in nomes_de_anexos_do_cenario)
    assert any(n.startswith("componentes do trâmite") for n in nomes_de_anexos_do_cenario)
    assert any(n.startswith("recibo de conclusão do trâmite") for n in nomes_de_anexos_do_cenario)
    assert {lbl["name"] for lbl in envio["labels"]} >= {"IDT", "NRE"}
    # no link to an API a reader cannot open (loopback, or mutual TLS only); the manuals instead
    assert [link["url"] for link in envio["links"]] == ["https://github.com/pengovbr/pen-docs"]


def _passos(passos: list[dict]):
    for passo in passos:
        yield passo
        yield from _passos(passo.get("steps", []))


def test_html_do_allure_sem_analytics(execucao):
    exigir("node")
    assert (execucao / "allure-report" / "index.html").stat().st_size > 100_000
    html = (execucao / "allure-report" / "index.html").read_text(encoding="utf-8")
    assert "googletagmanager" not in html and "dataLayer" not in html


def test_remocao_do_bloco_de_analytics():
    bloco = (
        '\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-XYZ"></script>\n'
        "<script>\n window.dataLayer = window.dataLayer || []; gtag('config', 'G-XYZ');\n</script>"
    )
    assert remover_analytics(f"<head>{bloco}<title>x</title></head>") == "<head><title>x</title></head>"


def test_sem_node_o_pacote_avisa_e_gera_o_resto(execucao, tmp_path, monkeypatch):
    copia = tmp_path / "reports"
    shutil.copytree(execucao, copia, ignore=shutil.ignore_patterns("allure-report", "relatorio-*", "mensagem-*"))
    monkeypatch.setattr(allure_html.shutil, "which", lambda programa: None)
    pacote = montar_pacote(copia, RAIZ, None)
    assert {p.name for p in pacote.arquivos} == {"relatorio-ensaio.html", "relatorio-ensaio.pdf", "manifesto.json"}
    assert len(pacote.avisos) == 1 and pacote.avisos[0].startswith("Node.js não encontrado")
    assert "Instale o Node.js 20 ou mais novo" in pacote.avisos[0]


def test_comando_relatorio_refaz_o_pacote(execucao, tmp_path):
    copia = tmp_path / "reports"
    shutil.copytree(execucao, copia, ignore=shutil.ignore_patterns("relatorio-*", "mensagem-*"))
    processo = executar_cli("--relatorios", str(copia), comando="relatorio")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert (copia / "relatorio-ensaio.pdf").is_file() and "Pacote de evidências:" in processo.stdout


def test_comando_relatorio_sem_execucao(tmp_path):
    processo = executar_cli("--relatorios", str(tmp_path), comando="relatorio")
    assert processo.returncode == 2
    assert f"Execute antes:\n    tramita-homologacao executar --relatorios {tmp_path}\n" in processo.stderr


def test_esquema_publicado_e_o_do_modelo_e_valida_o_resumo(execucao):
    """docs/resumo.schema.json is the model's schema (regenerate it when the model changes)."""
    publicado = json.loads((RAIZ / "docs" / "resumo.schema.json").read_text(encoding="utf-8"))
    assert publicado == Resumo.model_json_schema(mode="serialization"), (
        'regenere com: python -c "import json; from tramita_homologacao.evidencia.modelo import Resumo; '
        "print(json.dumps(Resumo.model_json_schema(mode='serialization'), ensure_ascii=False, indent=2))\" "
        "> docs/resumo.schema.json"
    )
    resumo = json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))
    assert resumo["versao_do_esquema"] == publicado["properties"]["versao_do_esquema"]["const"] == 4
    assert set(resumo) == set(publicado["properties"])


def test_renomear_um_campo_do_registro_quebra_a_checagem_de_tipos_de_cada_saida(tmp_path):
    """The record's field renamed in a copy of the package: mypy points at every output that reads it (resumo,
    relatório, mensagem, terminal) — the rename can never reach a user as a render-time KeyError."""
    copia = tmp_path / "tramita_homologacao"
    shutil.copytree(RAIZ / "tramita_homologacao", copia, ignore=shutil.ignore_patterns("__pycache__", "fontes"))
    modelo = copia / "evidencia" / "modelo.py"
    texto = modelo.read_text(encoding="utf-8")
    antes, tramite = texto.split("\nclass Tramite(", 1)
    assert "\n    nre: str\n" in tramite.split("\nclass ", 1)[0]  # Tramite's own field
    tramite = tramite.replace("\n    nre: str\n", "\n    numero_de_registro: str\n", 1)
    modelo.write_text(antes + "\nclass Tramite(" + tramite, encoding="utf-8")
    if (RAIZ / ".mypy_cache").is_dir():  # the checkout's own cache (CI runs mypy first): only the change is rechecked
        shutil.copytree(RAIZ / ".mypy_cache", tmp_path / "cache")
    processo = subprocess.run(
        [sys.executable, "-m", "mypy", "tramita_homologacao", "--config-file", str(RAIZ / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "cache")],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert processo.returncode == 1, processo.stdout
    com_erro = {linha.split(":")[0] for linha in processo.stdout.splitlines() if '"nre"' in linha}
    assert {
        "tramita_homologacao/evidencia/resumo.py",
        "tramita_homologacao/evidencia/documento.py",
        "tramita_homologacao/evidencia/mensagem.py",
        "tramita_homologacao/cli/vereditos.py",
    } <= com_erro, processo.stdout
