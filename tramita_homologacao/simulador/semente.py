"""Loads the simulator's seed data file (`dados/semente.toml`) into validated, frozen objects."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa

ARQUIVO_PADRAO = Path(__file__).with_name("dados") / "semente.toml"

Comportamento = Literal[
    "aceitar", "recusar", "silenciar", "falhar", "sem_recibo", "recibo_divergente", "operado", "sei"
]


class _Congelado(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Repositorio(_Congelado):
    id: int
    nome: str
    ativo: bool = True


class Estrutura(_Congelado):
    repositorio: int
    numero: int
    nome: str
    sigla: str
    pai: int | None = None
    ativo: bool = True
    apta_para_receber: bool = True

    @property
    def endereco(self) -> Endereco:
        return Endereco(self.repositorio, self.numero)


class Sistema(_Congelado):
    nome: str
    descricao: str = ""
    estruturas: tuple[tuple[int, int], ...]
    comportamento: Comportamento | None = None
    motivo: MotivoRecusa = MotivoRecusa.OUTRO
    justificativa: str = "Recusa simulada pelo órgão de teste."
    atraso_segundos: float = 0.0
    certificados_sha256: tuple[str, ...] = ()
    # comportamento "sei": what its SEI does not take (its espécie mapping, SEI_TAM_MB_DOC_EXTERNO)
    especies_nao_mapeadas: tuple[int, ...] = ()
    tamanho_maximo_mb: float | None = Field(default=None, gt=0)

    @property
    def enderecos(self) -> frozenset[Endereco]:
        return frozenset(Endereco(r, e) for r, e in self.estruturas)


class Especie(_Congelado):
    codigo: int
    nome: str


class Hipotese(_Congelado):
    identificacao: int
    nome: str
    base_legal: str = ""
    ativa: bool = True


class MotivoUrgencia(_Congelado):
    descricao: str


class ParametrosPlataforma(_Congelado):
    prazo_cancelamento_automatico_dias: float = 8


class Semente(_Congelado):
    plataforma: ParametrosPlataforma = ParametrosPlataforma()
    repositorios: tuple[Repositorio, ...]
    estruturas: tuple[Estrutura, ...]
    sistemas: tuple[Sistema, ...]
    especies: tuple[Especie, ...]
    hipoteses: tuple[Hipotese, ...]
    motivos_urgencia: tuple[MotivoUrgencia, ...] = Field(default=())


def carregar_semente(caminho: Path = ARQUIVO_PADRAO) -> Semente:
    with caminho.open("rb") as arquivo:
        return Semente.model_validate(tomllib.load(arquivo))
