"""Allure evidence of each scenario: every check with its inputs and verdict, each trâmite's timeline."""

from __future__ import annotations

import json

import allure
import pytest

from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.suite.chaves import CHAVE_AMBIENTE, CHAVE_REGISTRO


def anexar_verificacao(verificacao: Verificacao) -> None:
    veredito = "aprovada" if verificacao.aprovada else "REPROVADA"
    corpo = json.dumps(
        {"resultado": veredito, **verificacao.como_json()},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    allure.attach(
        corpo, name=f"verificação: {verificacao.nome} ({veredito})", attachment_type=allure.attachment_type.JSON
    )


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    allure.dynamic.label("modo", request.config.stash[CHAVE_AMBIENTE].modo)


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    """Attaches each trâmite's IDT, NRE and status timeline, read once more from the platform."""
    registro = request.config.stash[CHAVE_REGISTRO]
    tramites = registro.do_cenario(scenario.name)
    if not tramites:
        return
    orgao: OrgaoEmTeste = request.getfixturevalue("orgao")
    for registrado in tramites:
        orgao.consultar(registrado.idt)
        linhas = [
            f"IDT {registrado.idt} · NRE {registrado.nre} · protocolo {registrado.protocolo} · "
            f"papel do órgão: {registrado.papel}"
        ]
        linhas += [
            f"{m.data_hora.isoformat()}  situação {int(m.situacao):>2}  {m.situacao.explicacao.significado}"
            for m in registrado.mudancas
        ]
        texto = allure.attachment_type.TEXT
        allure.attach("\n".join(linhas), name=f"linha do tempo do trâmite {registrado.idt}", attachment_type=texto)
        if registrado.componentes:
            componentes = [f"{c.hash}  {c.tamanho:>10} bytes  {c.nome}" for c in registrado.componentes]
            nome = f"componentes do trâmite {registrado.idt} (SHA-256)"
            allure.attach("\n".join(componentes), name=nome, attachment_type=texto)
        for recibo in registrado.recibos:
            allure.attach(
                json.dumps(recibo.como_json(), ensure_ascii=False, indent=2),
                name=f"{recibo.tipo} do trâmite {registrado.idt}",
                attachment_type=allure.attachment_type.JSON,
            )
        allure.dynamic.label("IDT", str(registrado.idt))
        allure.dynamic.label("NRE", registrado.nre)
        allure.dynamic.link(
            f"{orgao.cliente.url_base}tramites?IDT={registrado.idt}", name=f"trâmite {registrado.idt} na API"
        )
