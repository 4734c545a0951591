"""The relatório: the same document (`documento.py`) rendered as one self-contained HTML (no scripts, no
external files) and as an A4 PDF with an embedded Unicode font. Both come from `resumo.json` alone, so
they can be rebuilt at any time with `tramita-homologacao relatorio`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from tramita_homologacao.evidencia.documento import Documento, montar_documento
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.texto_seguro import seguro


def nome_do_relatorio(resumo: Resumo) -> str:
    """`relatorio-ensaio` for anything but the official address; else the environment's type."""
    return "relatorio-ensaio" if resumo.ensaio else f"relatorio-{resumo.ambiente.tipo}"


def gerar_html(documento: Documento) -> str:
    # Every value is escaped (the template's name ends in .j2, which select_autoescape() would leave raw), and a
    # name the template asks for that the document lacks fails here, not as an empty cell.
    # Control characters from the server (escape sequences, bidi overrides that reverse text) are shown as `�`.
    ambiente = Environment(
        loader=PackageLoader("tramita_homologacao.evidencia", "modelos"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=lambda valor: seguro(valor) if isinstance(valor, str) else valor,
    )
    return ambiente.get_template("relatorio.html.j2").render(d=documento)


def escrever_relatorio(resumo: Resumo, pasta: Path) -> tuple[Path, Path]:
    """`relatorio-<ensaio|homologacao|producao>.html` and `.pdf`: the name says which environment it proves."""
    documento = montar_documento(resumo)
    nome = nome_do_relatorio(resumo)
    html = pasta / f"{nome}.html"
    html.write_text(gerar_html(documento), encoding="utf-8")
    from tramita_homologacao.evidencia.pdf import gerar_pdf  # fpdf costs a command a fifth of its start

    pdf = pasta / f"{nome}.pdf"
    gerar_pdf(documento, pdf)
    return html, pdf
