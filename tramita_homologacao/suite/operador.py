"""Who carries out the instructions of assisted mode: a person at the terminal, or the simulator's SPE.

Every instruction is also written to `instrucoes/` in the campaign folder, to copy from (a long justificativa
in a file of its own, exactly as it must be typed), and the terminal shows where."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from tramita_homologacao.orgao.assistido import Instrucao
from tramita_homologacao.texto_seguro import seguro

# A justificativa this long is not shown inline (it would be wrapped over lines): the terminal points to its file.
JUSTIFICATIVA_LONGA = 200


class OperadorNoTerminal:
    """Shows each instruction to the person driving the SPE (outside pytest's capture); they act in the SPE."""

    def __init__(self, config: pytest.Config, pasta_da_campanha: Path, quem: str = "Operador do SPE") -> None:
        self._captura = config.pluginmanager.getplugin("capturemanager")
        self._pasta = pasta_da_campanha / "instrucoes"
        self._quem = quem

    def instruir(self, instrucao: Instrucao) -> None:
        self.anunciar(instrucao)

    def anunciar(self, instrucao: Instrucao) -> None:
        """The instruction on the terminal and in its file (the justificativa, when there is one, in another)."""
        self._pasta.mkdir(parents=True, exist_ok=True)
        nome = _nome_de_arquivo(instrucao.cenario)
        arquivo = self._pasta / f"{nome}-{instrucao.acao}.txt"
        arquivo.write_text(instrucao.texto + "\n", encoding="utf-8")
        texto = instrucao.texto
        if instrucao.justificativa:
            justificativa = self._pasta / f"{nome}-justificativa.txt"
            justificativa.write_text(instrucao.justificativa, encoding="utf-8")  # no newline: it is pasted as is
            if len(instrucao.justificativa) > JUSTIFICATIVA_LONGA:
                texto = texto.replace(
                    instrucao.justificativa,
                    f"(a do arquivo {justificativa}, {len(instrucao.justificativa)} caracteres: copie e cole)",
                )
        self.mostrar(f">>> {self._quem} (requisito {instrucao.requisito}): {texto}\n    Instrução também em: {arquivo}")

    def escolher(self, pergunta: str, opcoes: list[str]) -> int | None:
        """Asks at the terminal; without one (a scheduled run), nobody is asked."""
        if sys.stdin is None or not sys.stdin.isatty():
            return None
        linhas = "\n".join(f"  {numero}. {opcao}" for numero, opcao in enumerate(opcoes, start=1))
        with self._captura.global_and_fixture_disabled():
            resposta = input(f"\n{pergunta}\n{linhas}\nNúmero (Enter: nenhum deles): ").strip()
        return int(resposta) - 1 if resposta.isdigit() and 1 <= int(resposta) <= len(opcoes) else None

    def mostrar(self, texto: str) -> None:
        with self._captura.global_and_fixture_disabled():
            sys.stdout.write(f"\n{seguro(texto)}\n\n")
            sys.stdout.flush()


def _nome_de_arquivo(cenario: str) -> str:
    """`Recusa com justificativa no limite…` → `recusa-com-justificativa-no-limite…`: plain letters, any system."""
    ascii_ = unicodedata.normalize("NFKD", cenario).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80] or "instrucao"
