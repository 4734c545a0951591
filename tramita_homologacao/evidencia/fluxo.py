"""A picture of a trâmite: the ten situações laid out as in the manual's flow figures, the path taken
highlighted with the time of each step, the final situação marked. Plain SVG (no script, no external file),
embedded in the relatório, the PDF and Allure.
"""

from __future__ import annotations

import math
from html import escape
from itertools import pairwise

from tramita_homologacao.evidencia.modelo import Mudanca
from tramita_homologacao.protocolo.horario import hora_curta
from tramita_homologacao.protocolo.situacoes import Situacao

LARGURA_CAIXA, ALTURA_CAIXA, PASSO_X, PASSO_Y, MARGEM = 128, 40, 144, 80, 8
# Main line (sucesso) on top; the other ends below the situações they leave from.
POSICOES = {
    Situacao.INICIADO: (0, 0),
    Situacao.COMPONENTES_ENVIADOS_REMETENTE: (1, 0),
    Situacao.METADADOS_RECEBIDO_DESTINATARIO: (2, 0),
    Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO: (3, 0),
    Situacao.RECIBO_ENVIADO_DESTINATARIO: (4, 0),
    Situacao.RECIBO_RECEBIDO_REMETENTE: (5, 0),
    Situacao.CANCELADO: (0, 1),
    Situacao.CANCELADO_AUTOMATICAMENTE: (1, 1),
    Situacao.RECUSADO: (3, 1),
    Situacao.CIENCIA_RECUSA: (4, 1),
}
ROTULOS = {
    Situacao.INICIADO: "Iniciado",
    Situacao.COMPONENTES_ENVIADOS_REMETENTE: "Componentes enviados",
    Situacao.METADADOS_RECEBIDO_DESTINATARIO: "Metadados recebidos",
    Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO: "Componentes recebidos",
    Situacao.RECIBO_ENVIADO_DESTINATARIO: "Recibo enviado",
    Situacao.RECIBO_RECEBIDO_REMETENTE: "Recibo recebido",
    Situacao.CANCELADO: "Cancelado",
    Situacao.CANCELADO_AUTOMATICAMENTE: "Cancelado (prazo)",
    Situacao.RECUSADO: "Recusado",
    Situacao.CIENCIA_RECUSA: "Ciência da recusa",
}
CAMINHO, FINAL, FORA = "#1351b4", "#155724", "#9aa5b1"


def _canto(situacao: Situacao) -> tuple[int, int]:
    coluna, linha = POSICOES[situacao]
    return MARGEM + coluna * PASSO_X, MARGEM + linha * PASSO_Y


def _seta(de: Situacao, para: Situacao) -> str:
    (x1, y1), (x2, y2) = _canto(de), _canto(para)
    a: tuple[float, float]
    b: tuple[float, float]
    if y1 == y2:  # along a line: right edge to left edge
        a, b = (x1 + LARGURA_CAIXA, y1 + ALTURA_CAIXA / 2), (x2, y2 + ALTURA_CAIXA / 2)
    else:  # down (or up) to the other line: bottom edge to top edge
        a = (x1 + LARGURA_CAIXA / 2, y1 + (ALTURA_CAIXA if y2 > y1 else 0))
        b = (x2 + LARGURA_CAIXA / 2, y2 + (0 if y2 > y1 else ALTURA_CAIXA))
    angulo = math.atan2(b[1] - a[1], b[0] - a[0])
    ponta = [
        (b[0] - 8 * math.cos(angulo + lado), b[1] - 8 * math.sin(angulo + lado)) for lado in (-math.pi / 7, math.pi / 7)
    ]
    return (
        f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" stroke="{CAMINHO}" stroke-width="2.5"/>'
        f'<path d="M{b[0]:.1f},{b[1]:.1f} L{ponta[0][0]:.1f},{ponta[0][1]:.1f} L{ponta[1][0]:.1f},{ponta[1][1]:.1f} Z" '
        f'fill="{CAMINHO}"/>'
    )


def desenhar_fluxo(historico: list[Mudanca], titulo: str) -> str:
    """The SVG of one trâmite's path through the situações (empty history: the flow with nothing taken)."""
    passos = [Situacao(m.situacao) for m in historico]
    horas = {Situacao(m.situacao): hora_curta(m.data_hora) for m in historico}
    final = passos[-1] if passos else None
    largura = MARGEM * 2 + 5 * PASSO_X + LARGURA_CAIXA
    altura = MARGEM * 2 + PASSO_Y + ALTURA_CAIXA + 14
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fluxo" width="{largura}" height="{altura}" '
        f'viewBox="0 0 {largura} {altura}" role="img" aria-label="{escape(titulo)}">',
    ]
    partes += [_seta(de, para) for de, para in pairwise(passos) if de in POSICOES and para in POSICOES]
    for situacao, rotulo in ROTULOS.items():
        x, y = _canto(situacao)
        tomada = situacao in horas
        cor = FINAL if situacao == final else CAMINHO if tomada else FORA
        partes.append(
            f'<rect x="{x}" y="{y}" width="{LARGURA_CAIXA}" height="{ALTURA_CAIXA}" rx="5" '
            f'fill="{"#eef3fb" if tomada else "#ffffff"}" stroke="{cor}" '
            f'stroke-width="{3.5 if situacao == final else 1.5 if tomada else 1}"/>'
        )
        partes.append(
            f'<text x="{x + LARGURA_CAIXA / 2:.0f}" y="{y + 16}" font-family="DejaVu Sans, Arial, sans-serif" '
            f'font-size="9" font-weight="bold" text-anchor="middle" fill="{cor}">{int(situacao)} · {rotulo}</text>'
        )
        if tomada:
            partes.append(
                f'<text x="{x + LARGURA_CAIXA / 2:.0f}" y="{y + 31}" font-family="DejaVu Sans, Arial, sans-serif" '
                f'font-size="9.5" text-anchor="middle" fill="#1b1b1b">{horas[situacao]}</text>'
            )
    partes.append("</svg>")
    return "".join(partes)
