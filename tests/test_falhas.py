"""Crash safety: the harness killed (SIGKILL) at each step of a send, then run again; Ctrl-C ends cleanly.

The kill comes from the simulator, which sees each request of the send arrive: a test hook on its
HTTP app kills the harness process at the chosen point.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import time

import pytest
from flask import request

from tests.apoio.ambientes import ambiente_que_aguarda, executar_cli, iniciar_harness
from tests.apoio.espera import esperar_ate
from tests.test_modo_assistido import ambiente_assistido
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL e SIGINT de teste são POSIX")


def matar_quando(simulador, condicao) -> dict:
    """Kills the harness the moment a request matching `condicao(n)` arrives; n counts component uploads."""
    estado = {"pid": None, "uploads": 0, "morto": False}

    @simulador.app.before_request
    def talvez_matar():
        if request.method == "PUT" and "componentes-a-enviar" in request.path:
            estado["uploads"] += 1
        if not estado["morto"] and estado["pid"] and condicao(request, estado["uploads"]):
            estado["morto"] = True
            os.kill(estado["pid"], signal.SIGKILL)
            return {"codigoErro": "0503", "mensagem": "cliente interrompido pelo teste"}, 503
        return None

    return estado


def morrer_e_retomar(simulador, tmp_path, condicao):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("aceitar"))
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    estado = matar_quando(simulador, condicao)
    processo = iniciar_harness(ambiente, tmp_path, "--requisito", "envio")
    estado["pid"] = processo.pid
    processo.wait(timeout=120)
    assert processo.returncode == -signal.SIGKILL and estado["morto"]

    segunda = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert segunda.returncode == 0, segunda.stdout + segunda.stderr
    return json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))


def conferir_livro(simulador, tmp_path) -> list[tuple]:
    """Every trâmite of the organ's system is in the ledger with its NRE, and vice versa; returns the rows."""
    livro = sqlite3.connect(tmp_path / "livro.sqlite3")
    linhas = livro.execute("SELECT idt, nre, etapa, situacao FROM tramites ORDER BY id").fetchall()
    na_plataforma = {t.idt: t for t in simulador.plataforma.consultar_tramites("SPE-ANEX")}
    assert {idt for idt, *_ in linhas if idt is not None} == set(na_plataforma)
    for idt, nre, _, situacao in linhas:
        if idt is not None:
            assert na_plataforma[idt].nre == nre and na_plataforma[idt].situacao == situacao
    vivos = [t for t in na_plataforma.values() if t.situacao not in (Situacao.CANCELADO,)]
    assert len(vivos) == 1, "no duplicate trâmite: one live trâmite for the scenario"
    return linhas


def test_morto_logo_depois_de_criar_o_tramite(simulador, tmp_path):
    """Killed when the first upload arrives: the IDT was recorded, no component went up."""
    resumo = morrer_e_retomar(simulador, tmp_path, lambda req, uploads: uploads == 1)
    linhas = conferir_livro(simulador, tmp_path)
    assert [(etapa, situacao) for _, _, etapa, situacao in linhas] == [("abandonado", 7), ("enviado", 6)]
    assert resumo["requisitos"][0]["veredito"] == "aprovado"


def test_morto_no_meio_do_envio_dos_componentes(simulador, tmp_path):
    """Killed when the second component arrives: the half-sent trâmite is cancelled, a whole one is sent."""
    morrer_e_retomar(simulador, tmp_path, lambda req, uploads: uploads == 2)
    linhas = conferir_livro(simulador, tmp_path)
    assert [(etapa, situacao) for _, _, etapa, situacao in linhas] == [("abandonado", 7), ("enviado", 6)]


def test_morto_depois_do_envio(simulador, tmp_path):
    """Killed when asking the recibo de envio: everything went up, so the same trâmite is followed."""
    resumo = morrer_e_retomar(simulador, tmp_path, lambda req, uploads: req.path.endswith("/recibo-de-envio"))
    linhas = conferir_livro(simulador, tmp_path)
    assert [(etapa, situacao) for _, _, etapa, situacao in linhas] == [("enviado", 6)]
    assert {r["tipo"] for r in resumo["requisitos"][0]["tramites"][0]["recibos"]} == {
        "recibo de envio",
        "recibo de conclusão",
    }


def test_morto_antes_de_saber_o_idt(simulador, tmp_path):
    """Killed before the answer to the creation arrives: the trâmite is found by its protocolo and cancelled."""
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("aceitar"))
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    estado = {"pid": None}

    @simulador.app.after_request
    def matar_depois_de_criar(resposta):
        if request.method == "POST" and request.path.endswith("/tramites/processo") and estado["pid"]:
            os.kill(estado["pid"], signal.SIGKILL)
            estado["pid"] = None
        return resposta

    processo = iniciar_harness(ambiente, tmp_path, "--requisito", "envio")
    estado["pid"] = processo.pid
    processo.wait(timeout=120)
    assert processo.returncode == -signal.SIGKILL
    livro = sqlite3.connect(tmp_path / "livro.sqlite3")
    assert livro.execute("SELECT idt, etapa FROM tramites").fetchall() == [(None, "criando")]

    segunda = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert segunda.returncode == 0, segunda.stdout + segunda.stderr
    linhas = conferir_livro(simulador, tmp_path)
    assert [(etapa, situacao) for _, _, etapa, situacao in linhas] == [("abandonado", 7), ("enviado", 6)]


def test_ctrl_c_encerra_com_resumo(simulador, tmp_path):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("silenciar"))
    caminho = ambiente_que_aguarda(simulador, tmp_path, limite_segundos=60)
    processo = iniciar_harness(caminho, tmp_path, "--requisito", "envio")
    livro = tmp_path / "livro.sqlite3"

    def aguardando_a_contraparte() -> bool:  # the envio is complete and the harness waits for the recibo
        try:
            with sqlite3.connect(f"file:{livro}?mode=ro", uri=True) as conexao:
                linha = conexao.execute("SELECT situacao, espera FROM tramites").fetchone()
        except sqlite3.OperationalError:  # the ledger not created yet, or being written right now
            return False
        return linha is not None and linha[0] == 2 and "5 (" in (linha[1] or "")

    esperar_ate(aguardando_a_contraparte, "o harness esperar o recibo de conclusão do trâmite enviado")
    inicio = time.monotonic()
    processo.send_signal(signal.SIGINT)
    saida, erros = processo.communicate(timeout=30)
    assert time.monotonic() - inicio < 15
    assert processo.returncode == 130, saida + erros
    assert "Execução interrompida (Ctrl-C)." in saida and "livro de registro" in saida
    assert "Traceback" not in saida + erros
    resumo = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))
    assert resumo["requisitos"][0]["veredito"] == "aguardando" and resumo["requisitos"][0]["tramites"]
    linhas = sqlite3.connect(tmp_path / "livro.sqlite3").execute("SELECT situacao, avaliado FROM tramites").fetchall()
    assert linhas == [(2, 0)]


def test_ctrl_c_no_modo_assistido_enquanto_espera_o_operador_sai_com_130(simulador, tmp_path):
    """Interrupted while waiting for the operator's envio (before any verdict): 130 and how to go on, not exit 2."""
    caminho = ambiente_assistido(simulador, tmp_path, {"envio": "nao_age"}, limite=60)
    processo = iniciar_harness(caminho, tmp_path, "--requisito", "envio", "--sem-html-allure")
    livro = tmp_path / "livro.sqlite3"

    def instruido() -> bool:
        try:
            with sqlite3.connect(f"file:{livro}?mode=ro", uri=True) as conexao:
                return conexao.execute("SELECT COUNT(*) FROM instrucoes").fetchone()[0] > 0
        except sqlite3.OperationalError:
            return False

    esperar_ate(instruido, "o harness instruir o operador e esperar o envio")
    processo.send_signal(signal.SIGINT)
    saida, erros = processo.communicate(timeout=30)
    assert processo.returncode == 130, saida + erros
    assert "Execução interrompida (Ctrl-C)." in saida and "Para continuar de onde parou" in saida
    assert "Traceback" not in saida + erros and "Nenhum cenário" not in saida + erros
