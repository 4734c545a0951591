"""The terminal all commands print to (rich: colours where supported, plain text elsewhere).

Markup is off: text from users, files and the server is printed as written (a path with `[/b]`, a
message with `[certificado]`); colour is given explicitly with `style=` or `Text.assemble`.
"""

from rich.console import Console

console = Console(highlight=False, markup=False)
erros = Console(highlight=False, markup=False, stderr=True)
