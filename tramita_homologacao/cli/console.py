"""The terminal all commands print to (rich: colours where supported, plain text elsewhere)."""

from rich.console import Console

console = Console(highlight=False)
