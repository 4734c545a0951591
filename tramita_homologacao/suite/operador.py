"""Who carries out the instructions of assisted mode: a person at the terminal, or the simulator's SPE."""

from __future__ import annotations

import sys

import pytest

from tramita_homologacao.orgao.assistido import Instrucao


class OperadorNoTerminal:
    """Shows each instruction to the person driving the SPE (outside pytest's capture); they act in the SPE."""

    def __init__(self, config: pytest.Config) -> None:
        self._captura = config.pluginmanager.getplugin("capturemanager")

    def instruir(self, instrucao: Instrucao) -> None:
        self.mostrar(f">>> Operador do SPE (requisito {instrucao.requisito}): {instrucao.texto}")

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
            sys.stdout.write(f"\n{texto}\n\n")
            sys.stdout.flush()
