"""Units of a repository (`Endereco`), recusa motivos and the API's limits (`docs/api-tramita.md` §5)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def descrever_motivo(codigo: str | None) -> str:
    """`99 (Outro)`; an unknown code as it came."""
    try:
        return f"{codigo} ({MotivoRecusa(codigo or '').descricao})"
    except ValueError:
        return str(codigo)


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
