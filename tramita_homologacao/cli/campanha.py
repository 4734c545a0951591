"""What the commands share about a campaign: the environment, its folder, the hints to go on, one run at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tramita_homologacao.campanha.pasta import comando_sugerido, pasta_da_campanha, preparar_pasta
from tramita_homologacao.campanha.trava import campanha_exclusiva
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.resumo import escrever_resumo, montar_resumo
from tramita_homologacao.livro.livro import Livro, conferir_arquivo_do_livro


@dataclass(frozen=True)
class Campanha:
    ambiente: Ambiente
    relatorios: Path | None  # as the user gave it (None: the default folder)

    @property
    def pasta(self) -> Path:
        return pasta_da_campanha(self.ambiente, self.relatorios)

    @property
    def arquivo_do_livro(self) -> Path | None:
        return self.ambiente.arquivo_do_livro(self.pasta)

    def comando(self, nome: str, *extras: str) -> str:
        return comando_sugerido(nome, self.ambiente, self.relatorios, *extras)

    @contextmanager
    def exclusiva(self, comando: str) -> Iterator[None]:
        """The campaign for this command alone, its folder and ledger checked before anything is done."""
        preparar_pasta(self.pasta)
        with campanha_exclusiva(self.ambiente, self.pasta, f"tramita-homologacao {comando}"):
            if self.arquivo_do_livro is not None:
                conferir_arquivo_do_livro(self.arquivo_do_livro)
            yield

    def reescrever_resumo(self) -> Resumo | None:
        """resumo.json rebuilt from the ledger, when the campaign has one on disk; the record written."""
        arquivo = self.arquivo_do_livro
        if arquivo is None or not arquivo.is_file():
            return None
        livro = Livro(arquivo)
        try:
            resumo = montar_resumo(livro, self.ambiente, self.ambiente.url_base())
            escrever_resumo(resumo, self.pasta)
            return resumo
        finally:
            livro.fechar()
