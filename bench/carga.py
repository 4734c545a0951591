"""Requests per second the simulator answers as it fills: trâmite queries (by IDT, by NRE, pendências) and
creation, measured at each number of stored trâmites, through the harness's client in one connection."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.transferencia import DESTINATARIO, REMETENTE
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.orgao.processo_teste import gerar_nup, gerar_processo_de_teste, novo_faker

CONSULTAS = 400
CRIACOES = 200


def _por_segundo(vezes: int, operacao: Callable[[], object]) -> float:
    inicio = time.perf_counter()
    for _ in range(vezes):
        operacao()
    return round(vezes / (time.perf_counter() - inicio), 1)


def medir(url: str, niveis: list[int]) -> list[dict[str, float]]:
    """One row per level: trâmites are created up to it, queried, then `CRIACOES` more are created, timed."""
    faker = novo_faker()
    with tempfile.TemporaryDirectory() as pasta:
        processo = gerar_processo_de_teste(faker, Path(pasta), unidade="Protocolo", sigla_unidade="ANEX")
    cliente = ClienteTramita(url, cabecalhos={"X-Simulador-Sistema": REMETENTE[0]})
    cabecalho = {"remetente": REMETENTE[1].como_json(), "destinatario": DESTINATARIO[1].como_json()}
    criados: list[tuple[int, str]] = []

    def criar() -> None:
        dados = processo.como_json()
        dados["protocolo"] = gerar_nup(faker, date.today().year)
        novo = cliente.enviar_processo(cabecalho, dados)
        criados.append((novo.idt, novo.nre))

    linhas = []
    for nivel in niveis:
        while len(criados) < nivel:
            criar()
        linha = {
            "tramites": nivel,
            "consulta_idt_por_s": _por_segundo(
                CONSULTAS, lambda: cliente.consultar_tramites(idt=random.choice(criados)[0])
            ),
            "consulta_nre_por_s": _por_segundo(
                CONSULTAS, lambda: cliente.consultar_tramites(nre=random.choice(criados)[1])
            ),
            "pendencias_por_s": _por_segundo(CONSULTAS, cliente.listar_pendencias),
            "criacao_por_s": _por_segundo(CRIACOES, criar),
        }
        linhas.append(linha)
    cliente.fechar()
    return linhas
