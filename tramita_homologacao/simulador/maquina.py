"""The trâmite status machine as a table (`tramita-api.md` §3.2): who may do what, from where, to where.

Every status change in the simulator goes through `proxima_situacao`; nothing sets a status by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tramita_homologacao.dominio import SITUACOES_CANCELAVEIS, Situacao
from tramita_homologacao.simulador.erros import SituacaoNaoPermite

S = Situacao


class Ator(Enum):
    REMETENTE = "remetente"
    DESTINATARIO = "destinatário"
    PLATAFORMA = "plataforma"


class Operacao(Enum):
    CONCLUIR_ENVIO_COMPONENTES = "concluir o envio dos componentes digitais"
    LER_METADADOS = "receber os metadados"
    CONCLUIR_DOWNLOAD_COMPONENTES = "concluir o recebimento dos componentes digitais"
    ENVIAR_RECIBO = "enviar o recibo de conclusão"
    RECEBER_RECIBO = "receber o recibo de conclusão"
    CANCELAR = "cancelar"
    RECUSAR = "recusar"
    DAR_CIENCIA = "dar ciência da recusa"
    EXPIRAR = "cancelar automaticamente"


@dataclass(frozen=True)
class Transicao:
    ator: Ator
    de: frozenset[Situacao]
    para: Situacao


TRANSICOES: dict[Operacao, Transicao] = {
    Operacao.CONCLUIR_ENVIO_COMPONENTES: Transicao(
        Ator.REMETENTE, frozenset({S.INICIADO}), S.COMPONENTES_ENVIADOS_REMETENTE
    ),
    Operacao.LER_METADADOS: Transicao(
        Ator.DESTINATARIO, frozenset({S.COMPONENTES_ENVIADOS_REMETENTE}), S.METADADOS_RECEBIDO_DESTINATARIO
    ),
    Operacao.CONCLUIR_DOWNLOAD_COMPONENTES: Transicao(
        Ator.DESTINATARIO, frozenset({S.METADADOS_RECEBIDO_DESTINATARIO}), S.COMPONENTES_RECEBIDOS_DESTINATARIO
    ),
    Operacao.ENVIAR_RECIBO: Transicao(
        Ator.DESTINATARIO, frozenset({S.COMPONENTES_RECEBIDOS_DESTINATARIO}), S.RECIBO_ENVIADO_DESTINATARIO
    ),
    Operacao.RECEBER_RECIBO: Transicao(
        Ator.REMETENTE, frozenset({S.RECIBO_ENVIADO_DESTINATARIO}), S.RECIBO_RECEBIDO_REMETENTE
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

_MENSAGENS_CANCELAMENTO = {
    S.RECIBO_ENVIADO_DESTINATARIO: "O sistema destinatário já iniciou o recebimento desse processo (trâmite {idt}), "
    "portanto não é possível realizar o cancelamento.",
    S.RECIBO_RECEBIDO_REMETENTE: "O sistema destinatário já recebeu esse processo (trâmite {idt}), "
    "portanto não é possível realizar o cancelamento.",
    S.CANCELADO: "Trâmite {idt} já se encontra cancelado.",
    S.CANCELADO_AUTOMATICAMENTE: "Trâmite {idt} já se encontra cancelado.",
    S.RECUSADO: "O trâmite {idt} encontra-se recusado.",
    S.CIENCIA_RECUSA: "O trâmite {idt} encontra-se recusado.",
}


def proxima_situacao(idt: int, atual: Situacao, operacao: Operacao) -> Situacao:
    """The status after `operacao`; raises the API error the platform answers for an illegal move.

    Who acts (`TRANSICOES[operacao].ator`) is checked by the caller, which knows the systems.
    """
    transicao = TRANSICOES[operacao]
    if atual not in transicao.de:
        if operacao is Operacao.CANCELAR and atual in _MENSAGENS_CANCELAMENTO:
            raise SituacaoNaoPermite(_MENSAGENS_CANCELAMENTO[atual].format(idt=idt))
        permitidas = ", ".join(str(int(s)) for s in sorted(transicao.de))
        raise SituacaoNaoPermite(
            f"Não é possível {operacao.value} do trâmite {idt} na situação {atual.rotulo()}; "
            f"situações permitidas: {permitidas}."
        )
    return transicao.para
