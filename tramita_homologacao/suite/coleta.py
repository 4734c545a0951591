"""Which scenarios run: each declares its requirement and where it may run (`@ambiente_simulador`, …)."""

from __future__ import annotations

import pytest

from tramita_homologacao.conformidade.requisitos import PREFIXO_TAG
from tramita_homologacao.suite.chaves import CHAVE_AMBIENTE, CHAVE_NAO_SE_APLICA

PREFIXO_AMBIENTE = "ambiente_"


def requisitos_do_item(item: pytest.Item) -> tuple[str, ...]:
    return tuple(m.name.removeprefix(PREFIXO_TAG) for m in item.iter_markers() if m.name.startswith(PREFIXO_TAG))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios declare where they may run (`@ambiente_simulador`, …); elsewhere they are skipped."""
    tipo = config.stash[CHAVE_AMBIENTE].tipo
    for item in items:
        onde = {
            m.name.removeprefix(PREFIXO_AMBIENTE) for m in item.iter_markers() if m.name.startswith(PREFIXO_AMBIENTE)
        }
        if requisitos_do_item(item) and tipo not in onde:
            previstos = ", ".join(sorted(onde)) or "nenhum"
            item.stash[CHAVE_NAO_SE_APLICA] = True
            item.add_marker(
                pytest.mark.skip(reason=f"Cenário não previsto para o ambiente do tipo {tipo} (previsto: {previstos}).")
            )
