"""The relatório's PDF of a real run: tables laid out by the harness (`evidencia/pdf.py`) against fpdf2's own
`table()` and `multi_cell()`, interleaved in one run and compared as a ratio.

    python -m bench.pdf [--repeticoes 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from fpdf.fonts import FontFace

from tramita_homologacao.evidencia import pdf
from tramita_homologacao.evidencia.documento import Celula, Documento, montar_documento
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.texto_seguro import seguro

RAIZ = Path(__file__).resolve().parent.parent


class _PdfDoFpdf2(pdf._Pdf):
    """The same document, with paragraphs and tables as fpdf2 lays them out."""

    def texto(self, texto: str, tamanho: float = 9, estilo: str = "", altura: float = 5, fundo: bool = False) -> None:
        self.set_font("DejaVu", estilo, tamanho)
        self.multi_cell(0, altura, seguro(texto), fill=fundo, new_x="LMARGIN", new_y="NEXT")

    def tabela(
        self, cabecalho: tuple[str, ...] | None, linhas: Sequence[tuple[Celula, ...]], larguras: tuple[int, ...]
    ) -> None:
        self.set_font("DejaVu", size=7.5)
        with self.table(
            col_widths=larguras,
            headings_style=FontFace(emphasis="BOLD", fill_color=pdf._FUNDO_DO_CABECALHO),
            first_row_as_headings=cabecalho is not None,
            line_height=4,
            text_align="LEFT",
        ) as tabela:
            for linha in ([tuple(Celula(t) for t in cabecalho)] if cabecalho else []) + list(linhas):
                celulas = tabela.row()
                for celula in linha:
                    familia, estilo, tamanho = pdf._fonte(celula.estilo)
                    celulas.cell(seguro(celula.texto), style=FontFace(family=familia, emphasis=estilo, size_pt=tamanho))
        self.ln(1)


def _documento(pasta: Path) -> Documento:
    comando = [sys.executable, "-m", "tramita_homologacao", "executar", "--sem-html-allure", "--relatorios", str(pasta)]
    subprocess.run(comando, cwd=RAIZ, capture_output=True, check=True, timeout=300)
    return montar_documento(ler_resumo(pasta / "resumo.json"))


def _uma(classe: type[pdf._Pdf], documento: Documento, destino: Path) -> float:
    inicio = time.process_time()
    classe(documento).escrever(destino)
    return time.process_time() - inicio


def main() -> None:
    opcoes = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    opcoes.add_argument("--repeticoes", type=int, default=5)
    repeticoes = opcoes.parse_args().repeticoes
    with tempfile.TemporaryDirectory() as pasta:
        documento = _documento(Path(pasta))
        destino = Path(pasta) / "relatorio.pdf"
        proprio, do_fpdf2 = [], []
        for _ in range(repeticoes):
            proprio.append(_uma(pdf._Pdf, documento, destino))
            do_fpdf2.append(_uma(_PdfDoFpdf2, documento, destino))
    print(f"PDF do relatório de um executar no simulador, {repeticoes} repetições (medianas, tempo de CPU):")
    print(f"  tabelas e parágrafos pelo harness:  {statistics.median(proprio):.2f} s")
    print(f"  tabelas e parágrafos pelo fpdf2:    {statistics.median(do_fpdf2):.2f} s")
    print(f"  razão harness ÷ fpdf2: {statistics.median(p / f for p, f in zip(proprio, do_fpdf2, strict=True)):.2f}")


if __name__ == "__main__":
    main()
