"""Byte ranges `[inicio, fim)` of parts uploaded or downloaded."""

from __future__ import annotations


def sobrepoe(intervalos: list[tuple[int, int]], inicio: int, fim: int) -> bool:
    return any(inicio < f and i < fim for i, f in intervalos)


def cobre(intervalos: list[tuple[int, int]], tamanho: int) -> bool:
    """True when the union of the ranges covers `[0, tamanho)`."""
    alcance = 0
    for inicio, fim in sorted(intervalos):
        if inicio > alcance:
            return False
        alcance = max(alcance, fim)
    return alcance >= tamanho
