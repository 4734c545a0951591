"""Verdicts: of a requirement (from its scenarios) and of the whole campaign; a scenario's comes from how it
ended (`desfechos.py`).

A wrong `aprovado` is the worst result the harness can give, so every rule leans the other way: a
requirement is approved only when every scenario of it that applies to the environment passed.
Each word has one meaning:

- `aguardando`: someone else still has to act (the counterpart, PEN); the harness follows it;
- `inconclusivo`: the test could not prove anything either way, through no fault of the organ
  (e.g. a cancelamento the destinatário outran); it may be retried;
- `não se aplica`: the scenario is not foreseen for this type of environment;
- `não executado`: nothing of the requirement has run in this campaign yet.
"""

from __future__ import annotations

from collections.abc import Iterable

APROVADO, REPROVADO, AGUARDANDO = "aprovado", "reprovado", "aguardando"
INCONCLUSIVO, NAO_SE_APLICA, NAO_EXECUTADO = "inconclusivo", "não se aplica", "não executado"
JULGADOS = frozenset({APROVADO, REPROVADO})
VEREDITOS = (APROVADO, REPROVADO, AGUARDANDO, INCONCLUSIVO, NAO_SE_APLICA, NAO_EXECUTADO)


def do_requisito(vereditos: Iterable[str], *, tramites: bool = False) -> str:
    """Failed if a scenario failed; passed only if every applicable scenario passed; then waiting, inconclusive.
    With no scenario judged, trâmites already started (a run stopped before judging them) are waited for."""
    vereditos = list(vereditos)
    if not vereditos:
        return AGUARDANDO if tramites else NAO_EXECUTADO
    aplicaveis = [v for v in vereditos if v != NAO_SE_APLICA]
    if not aplicaveis:
        return NAO_SE_APLICA
    for veredito in (REPROVADO, AGUARDANDO, INCONCLUSIVO):
        if veredito in aplicaveis:
            return veredito
    return APROVADO if all(v == APROVADO for v in aplicaveis) else AGUARDANDO


COMPROVADA, VIOLADA, NAO_VERIFICADA = "comprovada", "violada", "não verificada"


def da_clausula(aprovadas: Iterable[bool]) -> str:
    """A clause is broken by any failed check of it, proven by passed ones, and unknown with none."""
    aprovadas = list(aprovadas)
    return VIOLADA if not all(aprovadas) else COMPROVADA if aprovadas else NAO_VERIFICADA


def da_execucao(requisitos: Iterable[tuple[str, bool]]) -> bool:
    """The campaign is approved only if every published requirement was approved, and every other one was
    approved or, beyond the organ's reach, inconclusive. `requisitos`: (verdict, published by PEN)."""
    requisitos = list(requisitos)
    return bool(requisitos) and all(
        v == APROVADO or (v == INCONCLUSIVO and not publicado) for v, publicado in requisitos
    )
