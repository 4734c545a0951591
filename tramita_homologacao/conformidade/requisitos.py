"""The minimum requirements as data, and which scenarios prove them (from the features' tags)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gherkin.parser import Parser

from tramita_homologacao.protocolo.situacoes import Situacao

PREFIXO_TAG = "requisito_"


@dataclass(frozen=True)
class Requisito:
    id: str
    titulo: str
    papel: str
    situacao_final: Situacao
    fonte: str
    publicado: bool

    @property
    def tag(self) -> str:
        return f"{PREFIXO_TAG}{self.id}"


REQUISITOS: tuple[Requisito, ...] = (
    Requisito(
        "envio",
        "Enviar ao menos um processo com sucesso",
        "remetente",
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        "Manual Técnico Operacional do Tramita.GOV.BR, requisitos mínimos para acesso à produção",
        True,
    ),
    Requisito(
        "recebimento",
        "Receber ao menos um processo com sucesso",
        "destinatário",
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        "Manual Técnico Operacional do Tramita.GOV.BR, requisitos mínimos para acesso à produção",
        True,
    ),
    Requisito(
        "recusa",
        "Recusar um processo recebido de outro órgão",
        "destinatário",
        Situacao.CIENCIA_RECUSA,
        "Manual Técnico Operacional do Tramita.GOV.BR, requisitos mínimos para acesso à produção",
        True,
    ),
    Requisito(
        "cancelamento",
        "Cancelar um trâmite iniciado, antes da conclusão pelo destinatário",
        "remetente",
        Situacao.CANCELADO,
        "Acrescentado por este harness (Manual de Fluxo do Trâmite: cancelamento nas situações 1 a 4)",
        False,
    ),
)
POR_ID = {r.id: r for r in REQUISITOS}


def requisitos_das_tags(tags: set[str] | list[str]) -> list[Requisito]:
    nomes = {t.lstrip("@") for t in tags}
    return [r for r in REQUISITOS if r.tag in nomes]


def cobertura(pasta_features: Path) -> dict[str, list[str]]:
    """Requirement id → names of the scenarios tagged with it (feature and scenario tags count)."""
    resultado: dict[str, list[str]] = {r.id: [] for r in REQUISITOS}
    for arquivo in sorted(pasta_features.rglob("*.feature")):
        documento: dict = Parser().parse(arquivo.read_text(encoding="utf-8"))  # type: ignore[assignment]
        funcionalidade = documento["feature"]
        tags_da_funcionalidade = {t["name"] for t in funcionalidade["tags"]}
        for filho in funcionalidade["children"]:
            cenario = filho.get("scenario")
            if cenario is None:
                continue
            tags = tags_da_funcionalidade | {t["name"] for t in cenario["tags"]}
            for requisito in requisitos_das_tags(tags):
                resultado[requisito.id].append(cenario["name"])
    return resultado
