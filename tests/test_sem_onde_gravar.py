"""Disk full, a size limit or a read-only ledger: exit 2 with what to do, and no verdict recorded from it.

A full disk is made for real in a child process: a limit on the size of the files it may write
(`RLIMIT_FSIZE`), which the system enforces as it would a full disk (the write fails), whoever runs the
suite (root ignores permissions, not this limit).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.apoio.ambientes import RAIZ, ambiente_apontando_para
from tests.apoio.filhos import rodar_cli
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.problemas import GravacaoImpossivel


def _executar_com_limite(ambiente, pasta, limite: int) -> subprocess.CompletedProcess:
    argumentos = ["executar", "-a", str(ambiente), "--relatorios", str(pasta), "--sem-html-allure"]
    return rodar_cli(
        argumentos, cwd=RAIZ, variaveis={**os.environ, "COLUMNS": "200"}, timeout=180, limite_de_escrita=limite
    )


# 90 kB: the ledger fills up between two scenarios; 150 kB: another file of the pack does, mid-run.
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE não existe no Windows")
@pytest.mark.parametrize("limite", [90_000, 150_000])
def test_disco_cheio_sai_com_2_e_nao_registra_veredito(simulador, tmp_path, limite):
    ambiente = ambiente_apontando_para(simulador, tmp_path, 10)
    processo = _executar_com_limite(ambiente, tmp_path / "campanha", limite)
    assert processo.returncode == 2, processo.stdout + processo.stderr
    assert "Não foi possível gravar:" in processo.stderr and "esta falha não virou veredito" in processo.stderr
    assert "Traceback" not in processo.stdout + processo.stderr
    with sqlite3.connect(tmp_path / "campanha" / "livro.sqlite3") as livro:
        vereditos = [linha[0] for linha in livro.execute("SELECT veredito FROM vereditos")]
    # the simulator agrees with everything: only what was judged before the disk filled up is there
    assert vereditos and set(vereditos) == {"aprovado"}


def test_livro_somente_leitura_e_um_problema_do_usuario(tmp_path):
    caminho = tmp_path / "livro.sqlite3"
    with Livro(caminho) as livro:
        id_ = livro.registrar_intencao("envio", "Envio", "remetente", "00000.000001/2026-01", [])
        livro._conexao.execute("PRAGMA query_only = ON")  # what SQLite answers for a read-only file
        with pytest.raises(GravacaoImpossivel) as erro:
            livro.vincular(id_, 5001, "0000000000001001", "enviado")
    assert "não aceitou a gravação" in str(erro.value) and str(caminho) in str(erro.value)
    assert "esta falha não virou veredito" in str(erro.value)
