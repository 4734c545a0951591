"""The suite's command-line options (`pytest --ambiente …`, also passed by `tramita-homologacao executar`)."""

from __future__ import annotations

import pytest

from tramita_homologacao.conformidade.requisitos import IDS, Perfil, marcadores


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
        choices=IDS,
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
        "--perfil",
        choices=[p.value for p in Perfil],
        default=Perfil.MINIMO.value,
        help="minimo: os requisitos que o PEN exige (padrão); estendido: também os casos além do mínimo (documento "
        "avulso, vários componentes, sigilo…), relatados à parte e fora do veredito",
    )
    grupo.addoption(
        "--pedido-do-pen",
        action="store_true",
        help="roda o perfil estendido em produção, onde ele só roda quando o PEN pede",
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
