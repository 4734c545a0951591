"""The evidence pack of a real run: relatório (HTML, PDF), message to PEN, Allure context and HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.apoio.ambientes import RAIZ, executar_cli
from tests.apoio.programas import exigir
from tramita_homologacao.evidencia import allure_html
from tramita_homologacao.evidencia.allure_html import remover_analytics
from tramita_homologacao.evidencia.pacote import montar_pacote


@pytest.fixture(scope="module")
def resumo(execucao) -> dict:
    return json.loads((execucao / "resumo.json").read_text(encoding="utf-8"))


def test_o_pacote_completo_sai_da_execucao(execucao):
    for nome in ("resumo.json", "relatorio-homologacao.html", "relatorio-homologacao.pdf", "mensagem-pen.txt"):
        assert (execucao / nome).stat().st_size > 1000


def test_relatorio_html_e_autossuficiente_e_completo(execucao, resumo):
    html = (execucao / "relatorio-homologacao.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and not re.search(r"\bsrc=", html)
    assert not re.search(r'href="https?://', html)
    linhas = re.findall(r"<tr>\s*<td>(.*?)</td>", html.split('id="requisitos"')[1].split("</table>")[0], re.S)
    assert [linha.split("<")[0].strip() for linha in linhas] == [r["titulo"] for r in resumo["requisitos"]]
    for requisito in resumo["requisitos"]:
        for tramite in requisito["tramites"]:
            assert f'id="tramite-{tramite["idt"]}"' in html and tramite["nre"] in html and tramite["protocolo"] in html
            for componente in tramite["componentes"]:
                assert componente["sha256_base64"] in html
    assert html.count("assinatura válida") >= 2  # recibos de envio and de conclusão of the envio requirement
    assert "@media print" in html and 'lang="pt-BR"' in html


def test_relatorio_pdf(execucao, resumo):
    pdf = (execucao / "relatorio-homologacao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pdftotext = exigir("pdftotext")
    texto = subprocess.run(
        [pdftotext, "-layout", str(execucao / "relatorio-homologacao.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Relatório de homologação - Tramita.GOV.BR" in texto
    for requisito in resumo["requisitos"]:
        assert str(requisito["tramites"][0]["idt"]) in texto
    assert "Ciência da recusa recebida pelo remetente" in texto


def test_mensagem_ao_pen(execucao, resumo):
    mensagem = (execucao / "mensagem-pen.txt").read_text(encoding="utf-8")
    assert mensagem.startswith(
        "Para: processo.eletronico@economia.gov.br\nAssunto: ANEX - testes dos requisitos mínimos"
    )
    for requisito in resumo["requisitos"]:
        for tramite in requisito["tramites"]:
            assert f"IDT {tramite['idt']} | NRE {tramite['nre']}" in mensagem


def test_contexto_do_allure(execucao):
    resultados = execucao / "allure-results"
    propriedades = (resultados / "environment.properties").read_text(encoding="utf-8")
    assert "Órgão=Agência Nacional de Exemplo (ANEX)" in propriedades and "Unidade\\ de\\ envio=100001" in propriedades
    categorias = {c["name"] for c in json.loads((resultados / "categories.json").read_text(encoding="utf-8"))}
    assert {
        "Falha de certificado ou de conexão segura (TLS)",
        "Tempo esgotado esperando uma situação",
        "Recusa inesperada",
        "Hash ou recibo divergente",
    } <= categorias
    assert (
        json.loads((resultados / "executor.json").read_text(encoding="utf-8"))["reportName"]
        == "Evidências Tramita.GOV.BR - ANEX"
    )
    envio = next(
        json.loads(p.read_text(encoding="utf-8"))
        for p in resultados.glob("*-result.json")
        if "Envio de processo" in p.read_text(encoding="utf-8")
    )
    anexos = [a["name"] for passo in envio["steps"] for a in passo.get("attachments", [])]
    assert any(n.startswith("requisição POST /interoperabilidade/rest/v3/tramites/processo") for n in anexos)
    assert any(n.startswith("verificação: Assinatura do recibo de conclusão") for n in anexos)
    nomes_de_anexos_do_cenario = [a["name"] for a in envio.get("attachments", [])]
    assert any(n.startswith("linha do tempo do trâmite") for n in nomes_de_anexos_do_cenario)
    assert any(n.startswith("componentes do trâmite") for n in nomes_de_anexos_do_cenario)
    assert any(n.startswith("recibo de conclusão do trâmite") for n in nomes_de_anexos_do_cenario)
    assert {lbl["name"] for lbl in envio["labels"]} >= {"IDT", "NRE"}
    assert envio["links"][0]["name"].startswith("trâmite ")


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
    pacote = montar_pacote(copia, RAIZ)
    assert {p.name for p in pacote.arquivos} == {
        "relatorio-homologacao.html",
        "relatorio-homologacao.pdf",
        "mensagem-pen.txt",
    }
    assert len(pacote.avisos) == 1 and pacote.avisos[0].startswith("Node.js não encontrado")
    assert "Instale o Node.js 20 ou mais novo" in pacote.avisos[0]


def test_comando_relatorio_refaz_o_pacote(execucao, tmp_path):
    copia = tmp_path / "reports"
    shutil.copytree(execucao, copia, ignore=shutil.ignore_patterns("relatorio-*", "mensagem-*"))
    processo = executar_cli("--relatorios", str(copia), comando="relatorio")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert (copia / "relatorio-homologacao.pdf").is_file() and "Pacote de evidências:" in processo.stdout


def test_comando_relatorio_sem_execucao(tmp_path):
    processo = executar_cli("--relatorios", str(tmp_path), comando="relatorio")
    assert processo.returncode == 2
    assert f"Execute antes: tramita-homologacao executar --relatorios {tmp_path}" in processo.stderr
