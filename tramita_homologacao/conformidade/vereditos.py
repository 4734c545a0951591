"""Verdicts: of a scenario (from its outcome), of a requirement (from its scenarios), of the whole run.

A wrong `aprovado` is the worst result the harness can give, so every rule leans the other way: a
requirement is approved only when every scenario of it that applies to the environment passed.
"""

from __future__ import annotations

from collections.abc import Iterable

APROVADO, REPROVADO, AGUARDANDO, NAO_SE_APLICA = "aprovado", "reprovado", "aguardando", "não se aplica"
JULGADOS = frozenset({APROVADO, REPROVADO})


def do_cenario(*, passou: bool, pulado: bool, nao_se_aplica: bool) -> str:
    """Skipped because not foreseen for the environment, or skipped while waiting; else passed or failed."""
    if pulado:
        return NAO_SE_APLICA if nao_se_aplica else AGUARDANDO
    return APROVADO if passou else REPROVADO


def do_requisito(vereditos: Iterable[str]) -> str:
    """Failed if a scenario failed; passed only if every applicable scenario passed; otherwise waiting."""
    vereditos = list(vereditos)
    aplicaveis = [v for v in vereditos if v != NAO_SE_APLICA]
    if REPROVADO in aplicaveis:
        return REPROVADO
    if aplicaveis and all(v == APROVADO for v in aplicaveis):
        return APROVADO
    if vereditos and not aplicaveis:
        return NAO_SE_APLICA
    return AGUARDANDO


def da_execucao(vereditos_dos_requisitos: Iterable[str]) -> bool:
    """The run is approved only if it judged requirements and every one of them was approved."""
    vereditos = list(vereditos_dos_requisitos)
    return bool(vereditos) and all(v == APROVADO for v in vereditos)
