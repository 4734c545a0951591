"""Secrets (certificate passwords) in a non-`str` wrapper: reports write `repr()` of step arguments."""

from __future__ import annotations


class Segredo:
    """A secret value; `repr`/`str` never show it. Not a `str` subclass on purpose (see docs/armadilhas.md)."""

    __slots__ = ("_valor",)

    def __init__(self, valor: str) -> None:
        self._valor = valor

    def revelar(self) -> str:
        return self._valor

    def __repr__(self) -> str:
        return "Segredo(***)"

    __str__ = __repr__

    def __reduce__(self):
        raise TypeError("Um Segredo não pode ser serializado.")
