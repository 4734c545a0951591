"""The one base of every problem the user can fix: its message says, in Portuguese, what is wrong and what to do.

Commands end on one of these with exit code 2 and the message alone; anything else is unexpected.
"""

from __future__ import annotations

import errno


class ProblemaConhecido(Exception):
    """A mistake in a file, a folder, a certificate, the network or the platform's answer, explained."""

    titulo = "Erro"


_MOTIVOS_DO_SISTEMA = {
    errno.EACCES: "sem permissão",
    errno.EPERM: "operação não permitida (sem permissão)",
    errno.EROFS: "o disco é somente leitura",
    errno.ENOSPC: "não há espaço livre no disco",
    errno.ENOENT: "não existe",
    errno.EISDIR: "é uma pasta, não um arquivo",
    errno.ENOTDIR: "parte do caminho é um arquivo, não uma pasta",
    errno.EEXIST: "já existe um arquivo com esse nome",
    errno.ENAMETOOLONG: "o caminho é longo demais",
}


def motivo_do_sistema(erro: OSError) -> str:
    """Why the operating system refused, in Portuguese, by errno (never by its message, translated on Windows)."""
    motivo = _MOTIVOS_DO_SISTEMA.get(erro.errno or 0)
    return motivo or f"erro do sistema operacional ({erro.strerror or type(erro).__name__})"
