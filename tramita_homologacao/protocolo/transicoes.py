"""The trâmite status machine as one table (`docs/api-tramita.md` §3.2): who may do what, from where, to where.

The simulator moves every status through it, the harness derives from it which statuses a trâmite
may still reach; no other module defines a status graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tramita_homologacao.protocolo.situacoes import SITUACOES_CANCELAVEIS, Situacao

S = Situacao


class Ator(Enum):
    REMETENTE = "remetente"
    DESTINATARIO = "destinatário"
    PLATAFORMA = "plataforma"


class Operacao(Enum):
    """Every operation of the API that depends on the trâmite's status."""

    ENVIAR_COMPONENTE = "enviar componentes digitais"
    CONCLUIR_ENVIO_COMPONENTES = "concluir o envio dos componentes digitais"
    LER_METADADOS = "receber os metadados"
    BAIXAR_COMPONENTE = "baixar componentes digitais"
    CONCLUIR_DOWNLOAD_COMPONENTES = "concluir o recebimento dos componentes digitais"
    ENVIAR_RECIBO = "enviar o recibo de conclusão"
    RECEBER_RECIBO = "receber o recibo de conclusão"
    CANCELAR = "cancelar"
    RECUSAR = "recusar"
    DAR_CIENCIA = "dar ciência da recusa"
    EXPIRAR = "cancelar automaticamente"


@dataclass(frozen=True)
class Transicao:
    """Who may do the operation, in which statuses, and the status it leads to (None: the status stays)."""

    ator: Ator
    de: frozenset[Situacao]
    para: Situacao | None

    def depois(self, atual: Situacao) -> Situacao:
        return self.para or atual


TRANSICOES: dict[Operacao, Transicao] = {
    Operacao.ENVIAR_COMPONENTE: Transicao(Ator.REMETENTE, frozenset({S.INICIADO}), None),
    Operacao.CONCLUIR_ENVIO_COMPONENTES: Transicao(
        Ator.REMETENTE, frozenset({S.INICIADO}), S.COMPONENTES_ENVIADOS_REMETENTE
    ),
    Operacao.LER_METADADOS: Transicao(
        Ator.DESTINATARIO, frozenset({S.COMPONENTES_ENVIADOS_REMETENTE}), S.METADADOS_RECEBIDO_DESTINATARIO
    ),
    Operacao.BAIXAR_COMPONENTE: Transicao(
        Ator.DESTINATARIO, frozenset({S.METADADOS_RECEBIDO_DESTINATARIO, S.COMPONENTES_RECEBIDOS_DESTINATARIO}), None
    ),
    Operacao.CONCLUIR_DOWNLOAD_COMPONENTES: Transicao(
        Ator.DESTINATARIO, frozenset({S.METADADOS_RECEBIDO_DESTINATARIO}), S.COMPONENTES_RECEBIDOS_DESTINATARIO
    ),
    Operacao.ENVIAR_RECIBO: Transicao(
        Ator.DESTINATARIO, frozenset({S.COMPONENTES_RECEBIDOS_DESTINATARIO}), S.RECIBO_ENVIADO_DESTINATARIO
    ),
    # Read again in 6, the status staying as it is.
    Operacao.RECEBER_RECIBO: Transicao(
        Ator.REMETENTE,
        frozenset({S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE}),
        S.RECIBO_RECEBIDO_REMETENTE,
    ),
    Operacao.CANCELAR: Transicao(Ator.REMETENTE, SITUACOES_CANCELAVEIS, S.CANCELADO),
    # The module's constant comment says 2, 3, 4; PEN's flow manual lists only 3 and 4.
    Operacao.RECUSAR: Transicao(
        Ator.DESTINATARIO,
        frozenset(
            {S.COMPONENTES_ENVIADOS_REMETENTE, S.METADADOS_RECEBIDO_DESTINATARIO, S.COMPONENTES_RECEBIDOS_DESTINATARIO}
        ),
        S.RECUSADO,
    ),
    Operacao.DAR_CIENCIA: Transicao(Ator.REMETENTE, frozenset({S.RECUSADO}), S.CIENCIA_RECUSA),
    Operacao.EXPIRAR: Transicao(Ator.PLATAFORMA, SITUACOES_CANCELAVEIS, S.CANCELADO_AUTOMATICAMENTE),
}


def _seguintes() -> dict[Situacao, frozenset[Situacao]]:
    seguintes: dict[Situacao, set[Situacao]] = {}
    for transicao in TRANSICOES.values():
        for origem in transicao.de:
            if transicao.depois(origem) != origem:
                seguintes.setdefault(origem, set()).add(transicao.depois(origem))
    return {origem: frozenset(destinos) for origem, destinos in seguintes.items()}


# Which statuses may directly follow each one.
SEGUINTES: dict[Situacao, frozenset[Situacao]] = _seguintes()


def alcancaveis(situacao: Situacao) -> frozenset[Situacao]:
    """Every status a trâmite in `situacao` may still reach."""
    vistos: set[Situacao] = set()
    fronteira = set(SEGUINTES.get(situacao, ()))
    while fronteira:
        proxima = fronteira.pop()
        if proxima not in vistos:
            vistos.add(proxima)
            fronteira |= SEGUINTES.get(proxima, frozenset())
    return frozenset(vistos)


def quem_move(situacao: Situacao) -> Ator | None:
    """Who must act for a trâmite in `situacao` to move on (the platform's own expiry aside); None: it is final."""
    return next(
        (
            t.ator
            for t in TRANSICOES.values()
            if situacao in t.de and t.depois(situacao) != situacao and t.ator is not Ator.PLATAFORMA
        ),
        None,
    )
