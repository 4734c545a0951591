"""Which scenarios run: the profile's (`--perfil`), where each may run (`@ambiente_simulador`, …), and nothing the
campaign already approved."""

from __future__ import annotations

import pytest

from tramita_homologacao.configuracao.ambiente import TIPOS_POR_EXTENSO
from tramita_homologacao.conformidade.requisitos import POR_ID, PREFIXO_TAG, Perfil, exigir_perfil_permitido
from tramita_homologacao.conformidade.vereditos import APROVADO, INCONCLUSIVO
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.suite.chaves import CHAVE_CAMPANHA, CHAVE_JA_APROVADOS, CHAVE_NAO_SE_APLICA, CHAVE_REGISTRO

PREFIXO_AMBIENTE = "ambiente_"


def requisitos_do_item(item: pytest.Item) -> tuple[str, ...]:
    return tuple(m.name.removeprefix(PREFIXO_TAG) for m in item.iter_markers() if m.name.startswith(PREFIXO_TAG))


def nome_do_cenario(item: pytest.Item) -> str:
    """The Gherkin title (pytest-bdd documents each scenario function as "<feature>: <scenario>")."""
    documentacao = getattr(getattr(item, "function", None), "__doc__", None) or ""
    return documentacao.split(": ", 1)[1] if ": " in documentacao else item.name


def _do_perfil_estendido(requisitos: tuple[str, ...]) -> bool:
    return bool(requisitos) and all(POR_ID[r].perfil is Perfil.ESTENDIDO for r in requisitos)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios not foreseen for the environment are skipped as `não se aplica`; those the campaign already
    settled (approved, or inconclusive through no fault of the organ) are left out: nothing is sent twice
    unless their requirement is named in `--refazer`. The extended profile's run only when asked for (by
    `--perfil estendido`, or a scenario named by `--cenario`)."""
    ambiente = config.stash[CHAVE_CAMPANHA].ambiente
    tipo, modo, sei = ambiente.tipo, ambiente.modo, ambiente.formato_que_o_spe_recusa is not None
    perfil = config.getoption("--perfil")
    try:
        exigir_perfil_permitido(perfil, tipo, config.getoption("--pedido-do-pen"))
    except ProblemaConhecido as erro:
        raise pytest.UsageError(str(erro)) from None
    aprovados = {
        (v.requisito, v.cenario): v
        for v in config.stash[CHAVE_REGISTRO].livro.vereditos()
        if v.veredito in (APROVADO, INCONCLUSIVO)
    }
    refazer = set(config.getoption("--refazer") or ())
    so_os_cenarios = set(config.getoption("--cenario") or ())
    mantidos, deixados = [], []
    for item in items:
        requisitos = requisitos_do_item(item)
        if so_os_cenarios and nome_do_cenario(item) not in so_os_cenarios:
            deixados.append(item)
            continue
        if not so_os_cenarios and perfil == Perfil.MINIMO and _do_perfil_estendido(requisitos):
            deixados.append(item)
            continue
        ja_aprovado = [
            aprovados[(r, nome_do_cenario(item))] for r in requisitos if (r, nome_do_cenario(item)) in aprovados
        ]
        if ja_aprovado and not refazer.intersection(requisitos):
            deixados.append(item)
            config.stash.setdefault(CHAVE_JA_APROVADOS, []).extend(ja_aprovado)
            continue
        mantidos.append(item)
        onde = {
            m.name.removeprefix(PREFIXO_AMBIENTE) for m in item.iter_markers() if m.name.startswith(PREFIXO_AMBIENTE)
        }
        if requisitos and tipo not in onde:
            previstos = ", ".join(TIPOS_POR_EXTENSO.get(o, o) for o in sorted(onde)) or "nenhum"
            _nao_se_aplica(
                item, f"Cenário não previsto para o ambiente de {TIPOS_POR_EXTENSO[tipo]} (previsto: {previstos})."
            )
        elif requisitos and modo == "assistido" and item.get_closest_marker("modo_api"):
            _nao_se_aplica(item, "Cenário só do modo api: nele é o harness que age; no modo assistido ele só observa.")
        elif requisitos and sei and item.get_closest_marker("pessoa_recusa"):
            _nao_se_aplica(
                item, "No SEI ninguém escolhe motivo nem justificativa: o módulo recusa sozinho, com a mensagem dele."
            )
        elif requisitos and sei and item.get_closest_marker("sei_nao_envia"):
            _nao_se_aplica(
                item,
                "O módulo do SEI não envia o que este caso pede (documento avulso; vários arquivos num documento): "
                "no SEI ele só chega como destino.",
            )
    if deixados:
        config.hook.pytest_deselected(items=deixados)
        items[:] = mantidos


def _nao_se_aplica(item: pytest.Item, motivo: str) -> None:
    item.stash[CHAVE_NAO_SE_APLICA] = motivo
