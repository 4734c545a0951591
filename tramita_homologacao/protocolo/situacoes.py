"""Trâmite statuses (`situacaoAtual`), which are final or cancellable, and what each means for users.

Numbers from the API contract (`docs/api-tramita.md` §3); meanings from PEN's manual (`docs/requisitos.md` §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Situacao(IntEnum):
    """The trâmite status as the API numbers it (`situacaoAtual`, `mudancasDeSituacao`)."""

    NAO_INICIADO = 0
    INICIADO = 1
    COMPONENTES_ENVIADOS_REMETENTE = 2
    METADADOS_RECEBIDO_DESTINATARIO = 3
    COMPONENTES_RECEBIDOS_DESTINATARIO = 4
    RECIBO_ENVIADO_DESTINATARIO = 5
    RECIBO_RECEBIDO_REMETENTE = 6
    CANCELADO = 7
    RECUSADO = 8
    CIENCIA_RECUSA = 9
    CANCELADO_AUTOMATICAMENTE = 10

    @property
    def final(self) -> bool:
        return self in SITUACOES_FINAIS

    @property
    def explicacao(self) -> ExplicacaoSituacao:
        return EXPLICACOES[self]

    def rotulo(self) -> str:
        """`6 (Recibo de conclusão recebido pelo remetente)`: how users see a status."""
        return f"{int(self)} ({self.explicacao.significado})"


SITUACOES_FINAIS = frozenset(
    {
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        Situacao.CANCELADO,
        Situacao.CIENCIA_RECUSA,
        Situacao.CANCELADO_AUTOMATICAMENTE,
    }
)
SITUACOES_CANCELAVEIS = frozenset(
    {
        Situacao.INICIADO,
        Situacao.COMPONENTES_ENVIADOS_REMETENTE,
        Situacao.METADADOS_RECEBIDO_DESTINATARIO,
        Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO,
    }
)


@dataclass(frozen=True)
class ExplicacaoSituacao:
    significado: str
    onde_esta: str
    o_que_fazer: str
    causas_conhecidas: tuple[str, ...] = ()


EXPLICACOES: dict[Situacao, ExplicacaoSituacao] = {
    Situacao.NAO_INICIADO: ExplicacaoSituacao(
        "Não iniciado", "SPE de origem", "O trâmite ainda não foi registrado no Tramita.GOV.BR."
    ),
    Situacao.INICIADO: ExplicacaoSituacao(
        "Aguardando o envio dos arquivos digitais",
        "SPE de origem",
        "O sistema de origem não terminou de enviar os componentes digitais; arquivos grandes "
        "costumam expirar aqui (envie em partes). A origem pode cancelar o trâmite.",
    ),
    Situacao.COMPONENTES_ENVIADOS_REMETENTE: ExplicacaoSituacao(
        "Arquivos digitais recebidos pelo Tramita",
        "Tramita.GOV.BR",
        "O sistema de destino provavelmente não está conseguindo receber: contate o gestor do destino.",
    ),
    Situacao.METADADOS_RECEBIDO_DESTINATARIO: ExplicacaoSituacao(
        "Metadados recebidos pelo destinatário",
        "Tramita.GOV.BR",
        "O destino leu os metadados mas não baixou os componentes digitais: contate o gestor do destino.",
    ),
    Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO: ExplicacaoSituacao(
        "Arquivos digitais recebidos pelo destinatário",
        "SPE de destino",
        "O destino ainda não enviou o recibo de conclusão; se os arquivos já foram expurgados, o remetente pode "
        "cancelar e reenviar.",
    ),
    Situacao.RECIBO_ENVIADO_DESTINATARIO: ExplicacaoSituacao(
        "Recibo de conclusão recebido pelo Tramita",
        "SPE de destino",
        "O sistema de origem ainda não buscou o recibo de conclusão: verifique se ele está no ar.",
    ),
    Situacao.RECIBO_RECEBIDO_REMETENTE: ExplicacaoSituacao(
        "Recibo de conclusão recebido pelo remetente", "SPE de destino", "Concluído com sucesso."
    ),
    Situacao.CANCELADO: ExplicacaoSituacao(
        "Cancelado pelo usuário", "SPE de origem", "Concluído: o remetente cancelou o trâmite."
    ),
    Situacao.RECUSADO: ExplicacaoSituacao(
        "Recusado, aguardando ciência do remetente",
        "Tramita.GOV.BR",
        "O sistema de origem precisa dar ciência da recusa; se não der, veja as causas conhecidas e contate o "
        "gestor da origem.",
        (
            "O sistema de origem está fora do ar ou sem comunicação com o Tramita.GOV.BR.",
            "A unidade de origem foi inativada numa mudança do SIORG: remapeie-a no Portal de Administração.",
            "A justificativa da recusa passou de 500 caracteres e a origem usa uma versão antiga do módulo "
            "(o limite atual é 1000).",
        ),
    ),
    Situacao.CIENCIA_RECUSA: ExplicacaoSituacao(
        "Ciência da recusa recebida pelo remetente",
        "SPE de origem",
        "Leia o motivo da recusa e contate o gestor do destino.",
    ),
    Situacao.CANCELADO_AUTOMATICAMENTE: ExplicacaoSituacao(
        "Cancelado automaticamente pelo Tramita",
        "SPE de origem",
        "O trâmite ficou parado além do prazo; o SPE de origem pode mostrar o processo bloqueado: "
        "desbloqueie-o manualmente.",
    ),
}
