"""The simulator's side of the status table (`protocolo/transicoes.py`): the API error for an illegal move.

Every status change in the simulator goes through `proxima_situacao`; nothing sets a status by hand.
"""

from __future__ import annotations

from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import TRANSICOES, Operacao
from tramita_homologacao.simulador.erros import SituacaoNaoPermite

S = Situacao
# What the platform answers when an operation is refused in a status (the generic message otherwise).
_MENSAGENS = {
    Operacao.ENVIAR_COMPONENTE: "O trâmite {idt} está na situação {situacao} e não aceita mais componentes digitais.",
    Operacao.BAIXAR_COMPONENTE: "Componentes digitais do trâmite {idt} não disponíveis na situação {situacao} "
    "(leia os metadados antes de baixar).",
    Operacao.RECEBER_RECIBO: "Recibo de conclusão do trâmite {idt} indisponível na situação {situacao}.",
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
        if operacao in _MENSAGENS:
            raise SituacaoNaoPermite(_MENSAGENS[operacao].format(idt=idt, situacao=atual.rotulo()))
        permitidas = ", ".join(str(int(s)) for s in sorted(transicao.de))
        raise SituacaoNaoPermite(
            f"Não é possível {operacao.value} do trâmite {idt} na situação {atual.rotulo()}; "
            f"situações permitidas: {permitidas}."
        )
    return transicao.depois(atual)
