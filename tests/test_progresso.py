"""Long waits are never silent: a line per wait when its status changes and at least every 10 s, saying the
requirement, who must act, what for, what the harness sees and when it gives up."""

from __future__ import annotations

import itertools
from contextlib import nullcontext
from datetime import datetime, timedelta

import pytest

from tests.apoio.ambientes import executar_cli
from tests.test_modo_assistido import ambiente_assistido
from tramita_homologacao.cli import vereditos
from tramita_homologacao.cli.vereditos import SILENCIO_MAXIMO, ProgressoNoTerminal
from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite
from tramita_homologacao.orgao.espera import Aguardo
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao


class _Captura:
    def global_and_fixture_disabled(self):
        return nullcontext()


class _Config:
    class pluginmanager:
        @staticmethod
        def getplugin(nome: str) -> _Captura:
            return _Captura()


def _tramite(situacao: Situacao) -> Tramite:
    agora = datetime.now().astimezone()
    return Tramite(
        7001, "0000000000007001", "p", situacao, Endereco(1, 100001), Endereco(2, 300001), agora, (),
        (MudancaDeSituacao(situacao, agora),), None, None,
    )  # fmt: skip


@pytest.fixture
def linhas(monkeypatch) -> list[str]:
    mostradas: list[str] = []
    monkeypatch.setattr(vereditos.console, "print", lambda texto, **_: mostradas.append(str(texto)))
    return mostradas


def test_uma_espera_nunca_fica_mais_de_10_s_sem_uma_linha(linhas):
    progresso = ProgressoNoTerminal(None)  # the campaign is not read while waiting
    progresso.pytest_configure(_Config())
    relogio = [0.0]
    progresso.relogio = lambda: relogio[0]
    desiste = datetime.now().astimezone() + timedelta(minutes=10)
    mostradas_em = []
    for passo in range(120):  # two minutes of polls every second, the status changing once
        relogio[0] = float(passo)
        situacao = Situacao(2) if passo < 45 else Situacao(4)
        antes = len(linhas)
        progresso.aguardando(
            Aguardo("envio", "o destinatário (2/300001)", "situação 6", 1.0, desiste, _tramite(situacao))
        )
        if len(linhas) > antes:
            mostradas_em.append(relogio[0])
    assert mostradas_em[0] == 0 and 45 in mostradas_em  # the first poll, and the change of status
    # never silent longer than 10 s, up to the end of the wait
    assert max(b - a for a, b in itertools.pairwise([*mostradas_em, 120.0])) <= SILENCIO_MAXIMO
    assert len(linhas) < 20  # and not one line per poll
    linha = linhas[-1]
    assert linha.startswith("    aguardando (envio) o destinatário (2/300001) — situação 6")
    assert "trâmite 7001 na situação 4" in linha and "desiste às" in linha and "próxima consulta às" in linha


def test_no_modo_assistido_a_espera_pelo_operador_diz_o_que_aguarda_e_o_que_ve(simulador, tmp_path):
    ambiente = ambiente_assistido(simulador, tmp_path, {"envio": "unidade_errada"}, limite=3)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    saida = " ".join(processo.stdout.split())
    assert "aguardando (envio) o operador, no SPE do órgão — um trâmite do órgão para 2/300001" in saida, saida
    assert "trâmites do órgão para OUTRAS unidades: IDT" in saida and "desiste às" in saida


def test_o_registro_do_simulador_usa_o_horario_de_brasilia_em_qualquer_fuso():
    import logging

    from tramita_homologacao.protocolo.horario import struct_em_brasilia

    formato = logging.Formatter("%(asctime)s %(message)s", datefmt="%d/%m/%Y %H:%M:%S")
    formato.converter = struct_em_brasilia
    registro = logging.makeLogRecord({"msg": "GET /healthcheck", "created": 1_796_428_800.0})  # 2026-12-05 00:00 UTC
    assert formato.format(registro) == "04/12/2026 21:00:00 GET /healthcheck"
