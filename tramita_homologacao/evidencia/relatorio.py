"""The relatório de homologação: one self-contained HTML (no scripts, no external files) and its PDF.

Both are built from `resumo.json` alone, so they can be rebuilt at any time with
`tramita-homologacao relatorio`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from jinja2 import Environment, PackageLoader

from tramita_homologacao.protocolo.dominio import DESCRICOES_MOTIVO
from tramita_homologacao.protocolo.situacoes import Situacao

TIPOS = {"simulador": "simulador", "homologacao": "homologação", "producao": "produção"}
SITUACOES = {int(s): s.explicacao.significado for s in Situacao}
MOTIVOS = {m.value: d for m, d in DESCRICOES_MOTIVO.items()}


def data_legivel(texto: str) -> str:
    """`2026-11-25T19:21:36.123-03:00` → `25/11/2026 19:21:36 (UTC-03:00)`."""
    instante = datetime.fromisoformat(texto)
    fuso = instante.strftime("%z")
    return instante.strftime("%d/%m/%Y %H:%M:%S") + (f" (UTC{fuso[:3]}:{fuso[3:]})" if fuso else "")


def gerar_html(resumo: dict) -> str:
    # Every value is escaped (the template's name ends in .j2, which select_autoescape() would leave raw).
    ambiente = Environment(loader=PackageLoader("tramita_homologacao.evidencia", "modelos"), autoescape=True)
    modelo = ambiente.get_template("relatorio.html.j2")
    return modelo.render(
        r=resumo, tipos=TIPOS, situacoes=SITUACOES, motivos=MOTIVOS, data=data_legivel, classe=classe_do_veredito
    )


def classe_do_veredito(veredito: str) -> str:
    """`não se aplica` → `nao-se-aplica`: the CSS class of a verdict."""
    return unicodedata.normalize("NFKD", veredito).encode("ascii", "ignore").decode().replace(" ", "-")


class _Pdf(FPDF):
    def __init__(self, titulo: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.titulo = titulo
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(titulo)
        # Uncompressed: a small file, and one whose text a byte scan (secrets) or a person can read.
        self.set_compression(False)
        self.set_creator("tramita-homologacao")

    def normalize_text(self, text: str) -> str:
        # Core fonts are windows-1252: anything outside it becomes "?" rather than failing the report.
        return super().normalize_text(text.encode("windows-1252", "replace").decode("windows-1252"))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"{self.titulo} - página {self.page_no()}/{{nb}}", align="C")

    def secao(self, texto: str) -> None:
        self.ln(3)
        self.set_font("Helvetica", "B", 12)
        self.set_text_color(19, 81, 180)
        self.multi_cell(0, 7, texto, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.set_font("Helvetica", size=9)

    def paragrafo(self, texto: str, estilo: str = "") -> None:
        self.set_font("Helvetica", estilo, 9)
        self.multi_cell(0, 5, texto, new_x="LMARGIN", new_y="NEXT")

    def tabela(self, cabecalho: tuple[str, ...], linhas: Sequence[tuple[str, ...]], larguras: tuple[int, ...]) -> None:
        self.set_font("Helvetica", size=8)
        with self.table(
            col_widths=larguras,
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 243, 251)),
            line_height=4.5,
            text_align="LEFT",
        ) as tabela:
            for linha in [cabecalho, *linhas]:
                celulas = tabela.row()
                for valor in linha:
                    celulas.cell(str(valor))
        self.ln(1)


def gerar_pdf(resumo: dict, destino: Path) -> None:
    orgao, ambiente = resumo["orgao"], resumo["ambiente"]
    pdf = _Pdf(f"Relatório de homologação - {orgao['sigla']} - Tramita.GOV.BR")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, "Relatório de homologação - Tramita.GOV.BR", new_x="LMARGIN", new_y="NEXT")
    pdf.paragrafo(
        f"{orgao['nome']} ({orgao['sigla']}) - ambiente {ambiente['nome']} ({TIPOS[ambiente['tipo']]}) - "
        f"{data_legivel(resumo['fim'])}"
    )
    pdf.secao("Resultado")
    pdf.paragrafo(
        "Todos os requisitos mínimos aprovados."
        if resumo["aprovado"]
        else "Há requisitos mínimos ainda não aprovados.",
        "B",
    )
    pdf.tabela(
        ("Requisito mínimo", "Situação final esperada", "Veredito", "Trâmites (IDT - NRE)"),
        [
            (
                q["titulo"],
                f"{q['situacao_final_esperada']} - {SITUACOES[q['situacao_final_esperada']]}",
                q["veredito"].upper() + (f"\n({', '.join(q['modo'])})" if q["modo"] else ""),
                "\n".join(f"{t['idt']} - {t['nre']}" for t in q["tramites"]) or "-",
            )
            for q in resumo["requisitos"]
        ],
        (60, 55, 25, 50),
    )
    for q in resumo["requisitos"]:
        if q["pendencia"]:
            pdf.paragrafo(f"{q['id']} ({q['veredito']}): {q['pendencia']}")
    if resumo["regra_de_adocao"]:
        pdf.secao("Processos enviados pelo PEN")
        pdf.paragrafo(resumo["regra_de_adocao"])
        pdf.tabela(
            ("Requisito", "Pedido em", "Trâmite adotado"),
            [
                (p["requisito"], data_legivel(p["pedido_em"]), p["idt"] or "aguardando")
                for p in resumo["pedidos_ao_pen"]
            ],
            (40, 70, 80),
        )
        if resumo["ignorados"]:
            pdf.tabela(
                ("IDT não tocado", "Remetente", "Motivo"),
                [(i["idt"], i["remetente"], i["motivo"]) for i in resumo["ignorados"]],
                (30, 80, 80),
            )
    pdf.secao("Ambiente e órgão")
    linhas = [
        ("Órgão", f"{orgao['nome']} ({orgao['sigla']}), repositório {orgao['repositorio']}"),
        ("Endereço da API", f"{ambiente['url_base']} (versão {ambiente['versao_api']})"),
        ("Campanha", f"{data_legivel(resumo['inicio'])} a {data_legivel(resumo['fim'])}"),
        ("Versão do harness", f"tramita-homologacao {resumo['versao_harness']}"),
    ]
    if resumo.get("certificado"):
        certificado = resumo["certificado"]
        linhas.append(("Certificado", f"{certificado['titular']}\nSHA-256 {certificado['impressao_digital_sha256']}"))
    if resumo.get("unidade_de_teste_de_producao"):
        unidade = resumo["unidade_de_teste_de_producao"]
        linhas.append(("Unidade de teste", f"{unidade['descricao']} ({unidade['repositorio']}/{unidade['estrutura']})"))
    pdf.tabela(("Item", "Valor"), linhas, (40, 150))
    pdf.secao("Cenários")
    pdf.tabela(
        ("Requisito", "Cenário", "Veredito", "Observação"),
        [(q["id"], c["nome"], c["veredito"], c["mensagem"]) for q in resumo["requisitos"] for c in q["cenarios"]],
        (25, 60, 22, 83),
    )
    for q in resumo["requisitos"]:
        for t in q["tramites"]:
            pdf.secao(f"Trâmite IDT {t['idt']} - requisito {q['id']}")
            pdf.paragrafo(
                f"NRE {t['nre']} - protocolo {t['protocolo']} - papel do órgão: {t['papel_do_orgao']} - "
                f"situação final {t['situacao_final']} ({t['situacao_final_descricao']})"
            )
            if t.get("motivo_recusa"):
                pdf.paragrafo(f"Recusa: motivo {t['motivo_recusa']} - {t['justificativa_recusa']}")
            pdf.tabela(
                ("Situação", "Significado", "Data e hora"),
                [(h["situacao"], h["descricao"], data_legivel(h["data_hora"])) for h in t["historico"]],
                (20, 110, 60),
            )
            if t["componentes"]:
                pdf.tabela(
                    ("Componente digital", "Bytes", "SHA-256 (base64)"),
                    [(c["nome"], c["tamanho_em_bytes"], c["sha256_base64"]) for c in t["componentes"]],
                    (70, 20, 100),
                )
            for recibo in t["recibos"]:
                pdf.paragrafo(f"{recibo['veredito']}")
    pdf.output(str(destino))


def escrever_relatorio(resumo: dict, pasta: Path) -> tuple[Path, Path]:
    html = pasta / "relatorio-homologacao.html"
    html.write_text(gerar_html(resumo), encoding="utf-8")
    pdf = pasta / "relatorio-homologacao.pdf"
    gerar_pdf(resumo, pdf)
    return html, pdf
