"""How a scenario ended, and the verdict that follows: the one place where an outcome becomes a verdict.

Only a check that failed is `reprovado` (a named check raises `AssertionError`; so does a status the
trâmite reached that the requirement forbids). Everything else leans away from a verdict:

- `SemJulgamento` outcomes say their own verdict (`aguardando`, `inconclusivo`, `não se aplica`); they are
  plain exceptions, not pytest's skip, so a test that expects an error cannot turn into a skip;
- a transient fault (no connection, timeout, 5xx, an answer that is not JSON) is the platform's or the
  network's, never the organ's: `aguardando`, and the next run takes the trâmite up again;
- an answer that contradicts the request (another IDT, a status as text) is a failed check of its own
  clause, `resposta_coerente`: the platform said something that cannot be true;
- anything else is a defect of the harness: `inconclusivo`, never a verdict on the organ.
"""

from __future__ import annotations

from dataclasses import dataclass

from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeConexao, RespostaIncoerente, RespostaInesperada
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    APROVADO,
    INCONCLUSIVO,
    NAO_SE_APLICA,
    REPROVADO,
)

# Statuses of a platform that is down, overloaded or behind a failing proxy (and 408/429: try later).
HTTP_TRANSITORIOS = frozenset({408, 429, 500, 502, 503, 504})


class SemJulgamento(Exception):
    """The scenario ended without judging the organ; `veredito` says why."""

    veredito: str


class Aguardando(SemJulgamento):
    """Someone else still has to act (the counterpart, PEN, the platform back online)."""

    veredito = AGUARDANDO


class Inconclusivo(SemJulgamento):
    """The scenario proved nothing either way, through no fault of the organ."""

    veredito = INCONCLUSIVO


class NaoSeAplica(SemJulgamento):
    """The scenario is not foreseen for this environment or mode."""

    veredito = NAO_SE_APLICA


def falha_transitoria(erro: BaseException) -> bool:
    """A fault of the network or the platform: the same request may well succeed later."""
    if isinstance(erro, ErroDaApi):
        return erro.http_status in HTTP_TRANSITORIOS
    if isinstance(erro, RespostaIncoerente):
        return False
    return isinstance(erro, ErroDeConexao | RespostaInesperada)


@dataclass(frozen=True)
class Desfecho:
    veredito: str
    mensagem: str


def desfecho(erro: BaseException | None) -> Desfecho:
    """The verdict of a scenario that ended with `erro` (None: every step ran, every check passed)."""
    if erro is None:
        return Desfecho(APROVADO, "")
    if isinstance(erro, SemJulgamento):
        return Desfecho(erro.veredito, str(erro))
    if falha_transitoria(erro):
        return Desfecho(
            AGUARDANDO,
            f"Falha transitória, não é falha do órgão: {erro} O trâmite fica no livro de registro e a próxima "
            "execução continua de onde esta parou.",
        )
    if isinstance(erro, AssertionError | RespostaIncoerente | ErroDaApi):
        return Desfecho(REPROVADO, str(erro))
    return Desfecho(
        INCONCLUSIVO,
        f"Defeito do harness, não é falha do órgão ({type(erro).__name__}: {erro}). O trâmite fica no livro de "
        "registro; informe a quem mantém o harness.",
    )
