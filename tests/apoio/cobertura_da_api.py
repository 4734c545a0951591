"""Writes `docs/cobertura-da-api.md`: each operation of the API table, and whether the client and the simulator
implement it (as moto's IMPLEMENTATION_COVERAGE.md). Run `python -m tests.apoio.cobertura_da_api` after changing
either; a test fails while the file is out of date."""

from __future__ import annotations

import re
from pathlib import Path

from tramita_homologacao.protocolo.operacoes import OPERACOES, VERSOES
from tramita_homologacao.simulador.app import api

RAIZ = Path(__file__).resolve().parents[2]
ARQUIVO = RAIZ / "docs" / "cobertura-da-api.md"
CLIENTE = RAIZ / "tramita_homologacao" / "cliente" / "api.py"


def usadas_pelo_cliente() -> set[str]:
    return set(re.findall(r'chamada\(\s*"(\w+)"', CLIENTE.read_text(encoding="utf-8")))


def servidas_pelo_simulador() -> set[str]:
    from flask import Flask

    app = Flask(__name__)
    app.register_blueprint(api)
    return {regra.endpoint.removeprefix("api.") for regra in app.url_map.iter_rules() if regra.endpoint != "static"}


def gerar() -> str:
    cliente, simulador = usadas_pelo_cliente(), servidas_pelo_simulador()
    marca = {True: "sim", False: "—"}
    linhas = [
        "# Cobertura da API do Tramita.GOV.BR",
        "",
        "Gerado de `tramita_homologacao/protocolo/operacoes.py` por `python -m tests.apoio.cobertura_da_api`;",
        "não edite à mão. Seção: `docs/api-tramita.md`. Versões conhecidas: " + ", ".join(VERSOES) + ".",
        "",
        "| seção | método | caminho | operação | cliente | simulador | versões |",
        "|---|---|---|---|---|---|---|",
    ]
    for op in OPERACOES.values():
        linhas.append(
            f"| {op.secao} | {op.metodo} | `{op.caminho}` | {op.nome} | {marca[op.id in cliente]} | "
            f"{marca[op.id in simulador]} | {', '.join(op.versoes)} |"
        )
    total = len(OPERACOES)
    linhas += [
        "",
        f"Cliente: {len(cliente & set(OPERACOES))} de {total} operações. "
        f"Simulador: {len(simulador & set(OPERACOES))} de {total}.",
    ]
    return "\n".join(linhas) + "\n"


if __name__ == "__main__":
    ARQUIVO.write_text(gerar(), encoding="utf-8")
    print(ARQUIVO)
