"""The suite's command-line options (`pytest --ambiente …`, also passed by `tramita-homologacao executar`)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    grupo = parser.getgroup("tramita", "Homologação Tramita.GOV.BR")
    grupo.addoption(
        "--ambiente",
        default=None,
        help="ambiente alvo: nome de environments/<nome>.toml ou caminho de um .toml "
        "(padrão: TRAMITA_AMBIENTE ou local)",
    )
    grupo.addoption(
        "--relatorios", default="reports", help="pasta do resumo.json e do livro de registro (padrão: reports)"
    )
    grupo.addoption(
        "--recomecar",
        action="store_true",
        help="não retoma os trâmites deixados em aberto por execuções anteriores: envia novos",
    )
    grupo.addoption(
        "--confirmar-producao",
        action="store_true",
        help="confirma a execução no ambiente de produção (obrigatório quando o ambiente é de produção)",
    )
