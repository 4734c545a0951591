"""The terminal all commands print to (rich: colours where supported, plain text elsewhere).

Markup is off: text from users, files and the server is printed as written (a path with `[/b]`, a
message with `[certificado]`); colour is given explicitly with `style=` or `Text.assemble`. Control
characters are not written as they came: an escape sequence or a bidirectional override in a unit's name,
a justificativa or an error message (clearing the screen, a fake link, reversed text) is shown as `�`.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tramita_homologacao.texto_seguro import seguro


def _seguro(objeto: Any) -> Any:
    if isinstance(objeto, str):
        return seguro(objeto)
    if isinstance(objeto, Text):
        copia = objeto.copy()
        copia.plain = seguro(copia.plain)
        return copia
    return objeto


class ConsoleSeguro(Console):
    """A console that never writes a control character it was given (text and `Text`; tables: `Tabela`)."""

    def print(self, *objetos: Any, **opcoes: Any) -> None:
        super().print(*(_seguro(o) for o in objetos), **opcoes)


class Tabela(Table):
    """A table whose cells are made safe as they are added."""

    def add_row(self, *celulas: Any, **opcoes: Any) -> None:
        super().add_row(*(_seguro(c) for c in celulas), **opcoes)


console = ConsoleSeguro(highlight=False, markup=False)
erros = ConsoleSeguro(highlight=False, markup=False, stderr=True)


def mostrar_comando(explicacao: str, comando: str, **estilo: Any) -> None:
    """An explanation, then the command alone on its own line, never wrapped: it is copied and run whole."""
    if explicacao:
        console.print(explicacao, **estilo)
    console.print(f"    {comando}", soft_wrap=True)
