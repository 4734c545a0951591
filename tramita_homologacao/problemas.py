"""The one base of every problem the user can fix: its message says, in Portuguese, what is wrong and what to do.

Commands end on one of these with exit code 2 and the message alone; anything else is unexpected.
"""

from __future__ import annotations


class ProblemaConhecido(Exception):
    """A mistake in a file, a folder, a certificate, the network or the platform's answer, explained."""

    titulo = "Erro"
