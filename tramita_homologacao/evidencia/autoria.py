"""Who and what produced a record: the operating-system account and the harness's git commit."""

from __future__ import annotations

import getpass
from pathlib import Path

PROJETO = Path(__file__).resolve().parents[2]


def usuario_do_sistema() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account, a container)
        return ""


def commit_do_harness(raiz: Path = PROJETO) -> str:
    """The checked-out commit, read from `.git` (no git program needed); empty outside a checkout."""
    git = raiz / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <path>"
            git = (raiz / git.read_text(encoding="utf-8").split(":", 1)[1].strip()).resolve()
        cabeca = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not cabeca.startswith("ref:"):
            return cabeca[:12]
        ref = cabeca.split(":", 1)[1].strip()
        arquivo = git / ref
        if arquivo.is_file():
            return arquivo.read_text(encoding="utf-8").strip()[:12]
        for linha in (git / "packed-refs").read_text(encoding="utf-8").splitlines():
            if linha.endswith(f" {ref}"):
                return linha.split(" ", 1)[0][:12]
    except (OSError, IndexError):
        return ""
    return ""
