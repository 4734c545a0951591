"""The relatório as an A4 PDF with an embedded Unicode font, drawn from the same document as the HTML."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

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


_FUNDO_DO_CABECALHO = (238, 243, 251)
_ALTURA_DA_LINHA = 4
_MARGEM_DA_CELULA = 1  # left and right of a cell's text


def _fonte(estilo: str) -> tuple[str, str, float]:
    """A table cell's font: identifiers and codes monospaced; headings and verdicts in bold."""
    if estilo in ("mono", "hash"):
        return ("DejaVuMono", "", 7)
    return ("DejaVu", "B" if estilo == "cabecalho" or estilo in CORES else "", 7.5)


def _altura(quebradas: list[list[str]]) -> float:
    """A table row's height: its tallest cell, and half a millimetre above and below."""
    return max(map(len, quebradas)) * _ALTURA_DA_LINHA + 1


class _Pdf(FPDF):
    def __init__(self, documento: Documento) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.documento = documento
        self._larguras: dict[tuple[str, str, float, str], float] = {}
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

    def texto(self, texto: str, tamanho: float = 9, estilo: str = "", altura: float = 5, fundo: bool = False) -> None:
        """A paragraph across the page, one `cell` per line (a line that does not fit starts the next page)."""
        self.set_font("DejaVu", estilo, tamanho)
        for linha in self._quebrar(seguro(texto), self.epw - 2 * self.c_margin):
            self.cell(0, altura, linha, fill=fundo, new_x="LMARGIN", new_y="NEXT")

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
        self.texto(paragrafo.texto, 9.5, "B", 6, fundo=True)
        self.ln(1)

    def tabela(
        self, cabecalho: tuple[str, ...] | None, linhas: Sequence[tuple[Celula, ...]], larguras: tuple[int, ...]
    ) -> None:
        """Laid out here, a word at a time: fpdf2's `table()` and `multi_cell()` measure every character, twice, and
        made the PDF most of a run's time (`python -m bench.pdf`). The heading tops every page the table is on; a
        row that does not fit starts the next page, and one that fits on none is split between pages."""
        colunas = [self.epw * largura / sum(larguras) for largura in larguras]
        titulos = tuple(Celula(t, "cabecalho") for t in cabecalho or ())
        linhas_dos_titulos = self._medir(titulos, colunas) if titulos else []
        pagina_dos_titulos = None
        if titulos and not linhas:  # the heading alone says the table is empty, as in the HTML
            if self.y + _altura(linhas_dos_titulos) > self.page_break_trigger:
                self.add_page()
            self._desenhar(titulos, linhas_dos_titulos, colunas)
        for linha in linhas:
            quebradas, pagina_nova = self._medir(linha, colunas), False
            while quebradas:
                com_titulos = bool(titulos) and pagina_dos_titulos != self.page
                acima = _altura(linhas_dos_titulos) if com_titulos else 0
                cabem = int((self.page_break_trigger - self.y - acima - 1) // _ALTURA_DA_LINHA)
                if max(map(len, quebradas)) > cabem and not pagina_nova:
                    self.add_page()  # the row starts the next page, where it may fit whole
                    pagina_nova = True
                    continue
                if com_titulos:
                    self._desenhar(titulos, linhas_dos_titulos, colunas)
                    pagina_dos_titulos = self.page
                corte = max(cabem, 1)  # taller than a page: what fits here, the rest on the next one
                self._desenhar(linha, [q[:corte] for q in quebradas], colunas)
                quebradas = [q[corte:] for q in quebradas] if max(map(len, quebradas)) > corte else []
                if quebradas:
                    self.add_page()
        self.ln(1)

    def _medir(self, linha: tuple[Celula, ...], colunas: list[float]) -> list[list[str]]:
        """The lines of each cell of the row."""
        quebradas = []
        for celula, largura in zip(linha, colunas, strict=True):
            self.set_font(*_fonte(celula.estilo))
            quebradas.append(self._quebrar(seguro(celula.texto), largura - 2 * _MARGEM_DA_CELULA))
        return quebradas

    def _desenhar(self, linha: tuple[Celula, ...], quebradas: list[list[str]], colunas: list[float]) -> None:
        x, y = self.l_margin, self.y
        altura = _altura(quebradas)
        for celula, largura, texto in zip(linha, colunas, quebradas, strict=True):
            cor = _FUNDO_DO_CABECALHO if celula.estilo == "cabecalho" else CORES.get(celula.estilo)
            if cor is not None:
                self.set_fill_color(*cor)
            self.rect(x, y, largura, altura, style="DF" if cor else "D")
            self.set_font(*_fonte(celula.estilo))
            for i, parte in enumerate(texto):
                self.set_xy(x + _MARGEM_DA_CELULA - self.c_margin, y + 0.5 + i * _ALTURA_DA_LINHA)
                self.cell(largura, _ALTURA_DA_LINHA, parte)
            x += largura
        self.set_xy(self.l_margin, y + altura)

    def _largura(self, texto: str) -> float:
        """`get_string_width`, remembered per font and size: the same words come back in every table."""
        chave = (self.font_family, self.font_style, self.font_size_pt, texto)
        if chave not in self._larguras:
            self._larguras[chave] = self.get_string_width(texto)
        return self._larguras[chave]

    def _quebrar(self, texto: str, largura: float) -> list[str]:
        """The lines of `texto` in `largura` (current font): at spaces, and inside a word wider than that."""
        linhas = []
        for paragrafo in texto.split("\n"):
            linha, ocupado = "", 0.0
            for palavra in re.split(r"(?<= )", paragrafo):
                medida = self._largura(palavra.rstrip())
                if ocupado + medida <= largura:
                    linha, ocupado = linha + palavra, ocupado + self._largura(palavra)
                    continue
                if linha:
                    linhas.append(linha.rstrip())
                while self._largura(palavra.rstrip()) > largura:
                    corte = self._cabe(palavra, largura)
                    linhas.append(palavra[:corte])
                    palavra = palavra[corte:]
                linha, ocupado = palavra, self._largura(palavra)
            linhas.append(linha.rstrip())
        return linhas

    def _cabe(self, palavra: str, largura: float) -> int:
        """How many characters of `palavra` fit in `largura` (at least one)."""
        ocupado = 0.0
        for i, caractere in enumerate(palavra):
            ocupado += self._largura(caractere)
            if ocupado > largura:
                return max(i, 1)
        return len(palavra)

    def escrever(self, destino: Path) -> None:
        """The whole document, written to `destino`."""
        self.add_page()
        self.texto(self.documento.titulo, 15, "B", 8)
        self.texto(self.documento.subtitulo, 9)
        self.paragrafo(self.documento.faixa)
        for secao in self.documento.secoes:
            self.bloco(secao, 2)
        self.ln(4)
        self.set_text_color(85)
        self.texto(self.documento.rodape, 7.5)
        self.output(str(destino))


def gerar_pdf(documento: Documento, destino: Path) -> None:
    _Pdf(documento).escrever(destino)
