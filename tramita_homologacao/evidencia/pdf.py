"""The relatório as an A4 PDF with an embedded Unicode font, drawn from the same document as the HTML."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from tramita_homologacao.evidencia.documento import (
    Bloco,
    Celula,
    Definicoes,
    Documento,
    Figura,
    Paragrafo,
    Secao,
    Tabela,
)
from tramita_homologacao.texto_seguro import seguro

FONTES = Path(__file__).with_name("fontes")
CORES = {
    "aprovado": (227, 245, 225),
    "reprovado": (253, 226, 225),
    "aguardando": (255, 244, 206),
    "inconclusivo": (243, 229, 245),
    "nao-se-aplica": (236, 239, 241),
    "nao-executado": (236, 239, 241),
    "faixa-simulador": (255, 230, 156),
    "faixa-homologacao": (238, 243, 251),
    "faixa-producao": (253, 226, 225),
}


class _Pdf(FPDF):
    def __init__(self, documento: Documento) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.documento = documento
        self.add_font("DejaVu", "", str(FONTES / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTES / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVuMono", "", str(FONTES / "DejaVuSansMono.ttf"))
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(documento.titulo)
        # Uncompressed: a small file, and one whose text a byte scan (secrets) or a person can read.
        self.set_compression(False)
        self.set_creator("tramita-homologacao")

    def header(self) -> None:
        if self.documento.tipo == "simulador":  # on every page: an ensaio cannot be mistaken for a homologação
            self.set_font("DejaVu", "B", 8)
            self.set_text_color(107, 82, 0)
            self.cell(0, 5, "ENSAIO — SEM VALOR DE HOMOLOGAÇÃO", align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7)
        self.cell(0, 5, f"{self.documento.titulo} — página {self.page_no()}/{{nb}}", align="C")

    def texto(self, texto: str, tamanho: float = 9, estilo: str = "", altura: float = 5) -> None:
        self.set_font("DejaVu", estilo, tamanho)
        self.multi_cell(0, altura, seguro(texto), new_x="LMARGIN", new_y="NEXT")

    def bloco(self, bloco: Bloco, nivel: int) -> None:
        if isinstance(bloco, Secao):
            self.ln(2)
            self.set_text_color(19, 81, 180)
            self.texto(bloco.titulo, 13 if nivel == 2 else 10.5, "B", 7 if nivel == 2 else 6)
            self.set_text_color(0)
            for filho in bloco.blocos:
                self.bloco(filho, nivel + 1)
        elif isinstance(bloco, Tabela):
            self.tabela(bloco.cabecalho, bloco.linhas, bloco.larguras)
        elif isinstance(bloco, Definicoes):
            self.tabela(None, [(Celula(termo), c) for termo, c in bloco.itens], (26, 74))
        elif isinstance(bloco, Figura):
            self.image(io.BytesIO(bloco.svg.encode("utf-8")), w=self.epw)
            self.set_text_color(85)
            self.texto(bloco.legenda, 7.5)
            self.set_text_color(0)
        elif isinstance(bloco, Paragrafo):
            self.paragrafo(bloco)

    def paragrafo(self, paragrafo: Paragrafo) -> None:
        cor = CORES.get(paragrafo.estilo)
        if cor is None:
            self.texto(paragrafo.texto, 8 if paragrafo.estilo == "nota" else 9)
            return
        self.set_fill_color(*cor)
        self.set_font("DejaVu", "B", 9.5)
        self.multi_cell(0, 6, seguro(paragrafo.texto), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def tabela(
        self, cabecalho: tuple[str, ...] | None, linhas: Sequence[tuple[Celula, ...]], larguras: tuple[int, ...]
    ) -> None:
        self.set_font("DejaVu", size=7.5)
        with self.table(
            col_widths=larguras,
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 243, 251)),
            first_row_as_headings=cabecalho is not None,
            line_height=4,
            text_align="LEFT",
        ) as tabela:
            if cabecalho is not None:
                titulos = tabela.row()
                for titulo in cabecalho:
                    titulos.cell(titulo)
            for linha in linhas:
                celulas = tabela.row()
                for celula in linha:
                    cor = CORES.get(celula.estilo)
                    estilo = FontFace(fill_color=cor, emphasis="BOLD") if cor else None
                    if celula.estilo in ("mono", "hash"):
                        estilo = FontFace(family="DejaVuMono", size_pt=7)
                    celulas.cell(seguro(celula.texto), style=estilo)
        self.ln(1)


def gerar_pdf(documento: Documento, destino: Path) -> None:
    pdf = _Pdf(documento)
    pdf.add_page()
    pdf.texto(documento.titulo, 15, "B", 8)
    pdf.texto(documento.subtitulo, 9)
    pdf.paragrafo(documento.faixa)
    for secao in documento.secoes:
        pdf.bloco(secao, 2)
    pdf.ln(4)
    pdf.set_text_color(85)
    pdf.texto(documento.rodape, 7.5)
    pdf.output(str(destino))
