"""The suite's command-line options (`pytest --ambiente …`, also passed by `tramita-homologacao executar`)."""

from __future__ import annotations

import pytest

from tramita_homologacao.conformidade.requisitos import REQUISITOS, marcadores


def pytest_addoption(parser: pytest.Parser) -> None:
    grupo = parser.getgroup("tramita", "Homologação Tramita.GOV.BR")
    grupo.addoption(
        "--ambiente",
        default=None,
        help="ambiente alvo: nome de environments/<nome>.toml ou caminho de um .toml "
        "(padrão: TRAMITA_AMBIENTE ou local)",
    )
    grupo.addoption(
        "--relatorios",
        default=None,
        help="pasta da campanha: livro de registro, resumo.json e relatórios (padrão: reports/<ambiente> na pasta "
        "do harness, ou <TRAMITA_RELATORIOS>/<ambiente>)",
    )
    grupo.addoption(
        "--recomecar",
        action="store_true",
        help="não retoma os trâmites deixados em aberto por execuções anteriores: envia novos",
    )
    grupo.addoption(
        "--refazer",
        action="append",
        choices=[r.id for r in REQUISITOS],
        help="executa de novo este requisito mesmo que a campanha já o tenha aprovado (pode repetir)",
    )
    grupo.addoption(
        "--cenario",
        action="append",
        help="executa só o cenário com este título (pode repetir; usado pelo acompanhamento)",
    )
    grupo.addoption(
        "--uma-consulta",
        action="store_true",
        help="acompanhamento: cada espera consulta o Tramita.GOV.BR uma vez só (o que depende da contraparte fica "
        "aguardando) e nenhum processo novo é enviado",
    )
    grupo.addoption(
        "--modo",
        choices=["api", "assistido"],
        default=None,
        help="api: o harness age como o SPE do órgão; assistido: o SPE do órgão age, conduzido pelo operador, e o "
        "harness só observa (padrão: o do arquivo de ambiente)",
    )
    grupo.addoption(
        "--confirmar-producao",
        action="store_true",
        help="confirma a execução no ambiente de produção (obrigatório quando o ambiente é de produção)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """One marker per requirement of the registry (`--strict-markers` knows them)."""
    for marcador in marcadores():
        config.addinivalue_line("markers", marcador)
