"""Protocol vocabulary shared by the client, the simulator and the suite.

Status numbers, recusa motivos and limits come from `tramita-api.md` §3 and §5; the
meanings shown to users come from PEN's manual (`requisitos.md` §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


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


S = Situacao
# The status graph (`tramita-api.md` §3.2): which statuses may directly follow each one.
SEGUINTES: dict[Situacao, frozenset[Situacao]] = {
    S.INICIADO: frozenset({S(2), S(7), S(10)}),
    S.COMPONENTES_ENVIADOS_REMETENTE: frozenset({S(3), S(7), S(8), S(10)}),
    S.METADADOS_RECEBIDO_DESTINATARIO: frozenset({S(4), S(7), S(8), S(10)}),
    S.COMPONENTES_RECEBIDOS_DESTINATARIO: frozenset({S(5), S(7), S(8), S(10)}),
    S.RECIBO_ENVIADO_DESTINATARIO: frozenset({S(6)}),
    S.RECUSADO: frozenset({S(9)}),
}


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
        "O destino ainda não enviou o recibo de conclusão; se os arquivos já foram expurgados, cancele e reenvie.",
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


class MotivoRecusa(StrEnum):
    """Recusa motivos (`PERN::$MOTIVOS_RECUSA`)."""

    FORMATO = "01"
    CORROMPIDO = "02"
    FALTA = "03"
    ESPECIE_NAO_MAPEADA = "04"
    OUTRO = "99"

    @property
    def descricao(self) -> str:
        return DESCRICOES_MOTIVO[self]


DESCRICOES_MOTIVO = {
    MotivoRecusa.FORMATO: "Formato de componente digital não suportado",
    MotivoRecusa.CORROMPIDO: "Componente digital corrompido",
    MotivoRecusa.FALTA: "Falta de componentes digitais",
    MotivoRecusa.ESPECIE_NAO_MAPEADA: "Espécie documental não mapeada no destinatário",
    MotivoRecusa.OUTRO: "Outro",
}

LIMITE_JUSTIFICATIVA_RECUSA = 1000
ALGORITMO_HASH = "SHA256"
TAMANHO_BLOCO_PADRAO_MB = 50


@dataclass(frozen=True)
class Endereco:
    """A unit of a repository: `{identificacaoDoRepositorioDeEstruturas, numeroDeIdentificacaoDaEstrutura}`."""

    repositorio: int
    estrutura: int

    def como_json(self) -> dict:
        return {
            "identificacaoDoRepositorioDeEstruturas": self.repositorio,
            "numeroDeIdentificacaoDaEstrutura": self.estrutura,
        }

    @classmethod
    def de_json(cls, dados: dict) -> Endereco:
        return cls(
            int(dados["identificacaoDoRepositorioDeEstruturas"]),
            int(dados["numeroDeIdentificacaoDaEstrutura"]),
        )

    def __str__(self) -> str:
        return f"{self.repositorio}/{self.estrutura}"
