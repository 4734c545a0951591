"""Click in Brazilian Portuguese: its help headings and usage errors, which it reads through gettext.

Click binds `gettext`/`ngettext` as module globals; giving those modules a catalogue lookup keeps
every message Click prints (usage, missing option, invalid choice…) in the users' language.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

CATALOGO = {
    "Usage:": "Uso:",
    "Options": "Opções",
    "Commands": "Comandos",
    "Arguments": "Argumentos",
    "Show this message and exit.": "Mostra esta ajuda e sai.",
    "Show the version and exit.": "Mostra a versão e sai.",
    "%(prog)s, version %(version)s": "%(prog)s, versão %(version)s",
    "Error: {message}": "Erro: {message}",
    "Try '{command} {option}' for help.": "Use '{command} {option}' para ver a ajuda.",
    "No such command {name!r}.": "Comando {name!r} não existe.",
    "No such option {name!r}.": "A opção {name!r} não existe.",
    "Did you mean {possibility}?": "Você quis dizer {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Você quis dizer uma destas: {possibilities}?)",
    "Missing argument": "Argumento ausente",
    "Missing option": "Opção ausente",
    "Missing parameter": "Parâmetro ausente",
    "Missing command.": "Informe um comando.",
    "Invalid value for {param_hint}: {message}": "Valor inválido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor inválido: {message}",
    "Option {name!r} does not take a value.": "A opção {name!r} não aceita valor.",
    "Option {name!r} requires an argument.": "A opção {name!r} precisa de um valor.",
    "Option {name!r} requires {nargs} arguments.": "A opção {name!r} precisa de {nargs} valores.",
    "Got unexpected extra argument ({args})": "Argumento inesperado ({args})",
    "Got unexpected extra arguments ({args})": "Argumentos inesperados ({args})",
    "{value!r} is not {choice}.": "{value!r} não é {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} não é um destes: {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} não é um {number_type} válido.",
    "{value} is not in the range {range}.": "{value} não está no intervalo {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} não existe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} é um arquivo; indique uma pasta.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} é uma pasta; indique um arquivo.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} não pode ser lido (permissão).",
    "{name} {filename!r} is not writable.": "{name} {filename!r} não pode ser gravado (permissão).",
    "file": "arquivo",
    "directory": "pasta",
    "path": "caminho",
    "integer": "número inteiro",
    "float": "número",
    "default: {default}": "padrão: {default}",
    "env var: {var}": "variável de ambiente: {var}",
    "Aborted!": "Interrompido.",
}


def _traduzir(mensagem: str) -> str:
    return CATALOGO.get(mensagem, mensagem)


def _traduzir_plural(singular: str, plural: str, quantidade: int) -> str:
    return _traduzir(singular if quantidade == 1 else plural)


def instalar() -> None:
    for modulo in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        setattr(modulo, "_", _traduzir)  # noqa: B010  # click's modules look gettext up by these names
        if hasattr(modulo, "ngettext"):
            setattr(modulo, "ngettext", _traduzir_plural)  # noqa: B010
