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
    errno.EFBIG: "o arquivo passou do tamanho que o disco ou o sistema permite",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _MOTIVOS_DO_SISTEMA[errno.EDQUOT] = "acabou a cota de espaço do usuário no disco"
# The machine refused a write for want of room or because the disk is read-only: the user's to fix.
_SEM_ONDE_GRAVAR = frozenset({errno.ENOSPC, errno.EROFS, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
NENHUM_VEREDITO = (
    "Libere espaço (ou a gravação) e execute o mesmo comando de novo: o que já estava registrado continua no "
    "livro, e esta falha não virou veredito de nenhum requisito."
)


def motivo_do_sistema(erro: OSError) -> str:
    """Why the operating system refused, in Portuguese, by errno (never by its message, translated on Windows)."""
    motivo = _MOTIVOS_DO_SISTEMA.get(erro.errno or 0)
    return motivo or f"erro do sistema operacional ({erro.strerror or type(erro).__name__})"


class GravacaoImpossivel(ProblemaConhecido):
    """No room, or a read-only disk, for the ledger or the pack: the run stops and nothing is judged from it."""

    titulo = "Não foi possível gravar"


def gravacao_impossivel(erro: BaseException) -> GravacaoImpossivel | None:
    """`erro` as the storage problem it is (disk full, read-only, over a size limit), else None."""
    if isinstance(erro, GravacaoImpossivel):
        return erro
    if isinstance(erro, OSError) and erro.errno in _SEM_ONDE_GRAVAR:
        onde = f" {erro.filename}" if erro.filename else ""
        return GravacaoImpossivel(f"A gravação{onde} falhou: {motivo_do_sistema(erro)}. {NENHUM_VEREDITO}")
    return None
