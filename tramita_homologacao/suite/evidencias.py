"""Allure evidence of each scenario: every check with its inputs and verdict, each trâmite's timeline."""

from __future__ import annotations

import json

import allure
import pytest

from tramita_homologacao.conformidade.requisitos import CLAUSULAS, POR_ID, Perfil
from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.evidencia.documento import TITULO_DO_PERFIL_ESTENDIDO
from tramita_homologacao.evidencia.fluxo import desenhar_fluxo
from tramita_homologacao.evidencia.modelo import Mudanca
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, hora
from tramita_homologacao.suite.chaves import CHAVE_CAMPANHA, CHAVE_REGISTRO
from tramita_homologacao.suite.coleta import requisitos_do_item

MANUAIS_DO_PEN = "https://github.com/pengovbr/pen-docs"  # public: the manuals the requirements cite


def anexar_verificacao(verificacao: Verificacao) -> None:
    """A step per check, failed when the check fails, with the clause, expected and observed attached."""
    veredito = "aprovada" if verificacao.aprovada else "REPROVADA"
    corpo = json.dumps({"resultado": veredito, **verificacao.como_json()}, ensure_ascii=False, indent=2, default=str)
    clausula = CLAUSULAS[verificacao.clausula].descricao
    try:
        with allure.step(f"Verificação: {verificacao.nome} — {veredito} (cláusula: {clausula})"):
            allure.attach(corpo, name=f"verificação: {verificacao.nome}", attachment_type=allure.attachment_type.JSON)
            if not verificacao.aprovada:
                raise AssertionError(verificacao.mensagem)
    except AssertionError:
        pass  # the step is marked failed; the Verificador itself fails the scenario


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    allure.dynamic.label("modo", request.config.stash[CHAVE_CAMPANHA].ambiente.modo)
    # the extended profile in a group of its own, apart from the minimum requirements (in Allure as in the relatório)
    if any(POR_ID[r].perfil is Perfil.ESTENDIDO for r in requisitos_do_item(request.node)):
        allure.dynamic.parent_suite(TITULO_DO_PERFIL_ESTENDIDO)


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    """Each trâmite's IDT, NRE, status timeline and flow picture, from what the run recorded (no network here:
    this runs in pytest-bdd's `finally`, where an error would replace the scenario's real failure)."""
    registro = request.config.stash[CHAVE_REGISTRO]
    for registrado in registro.do_cenario(scenario.name):
        linhas = [
            f"IDT {registrado.idt} · NRE {registrado.nre} · protocolo {registrado.protocolo} · "
            f"papel do órgão: {registrado.papel}",
            *(
                f"{hora(m.data_hora)}  situação {int(m.situacao):>2}  {m.situacao.explicacao.significado}"
                for m in registrado.mudancas
            ),
            AVISO_DE_FUSO,
        ]
        texto = allure.attachment_type.TEXT
        allure.attach("\n".join(linhas), name=f"linha do tempo do trâmite {registrado.idt}", attachment_type=texto)
        historico = [
            Mudanca(situacao=int(m.situacao), descricao=m.situacao.explicacao.significado, data_hora=m.data_hora)
            for m in registrado.mudancas
        ]
        allure.attach(
            desenhar_fluxo(historico, f"Fluxo do trâmite {registrado.idt}"),
            name=f"fluxo do trâmite {registrado.idt}",
            attachment_type=allure.attachment_type.SVG,
        )
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
    # The manuals the requirements come from (a link the reader can open; the API itself needs mutual TLS).
    allure.dynamic.link(MANUAIS_DO_PEN, name="Manuais do Tramita.GOV.BR (PEN)")
