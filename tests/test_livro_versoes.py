"""A ledger outlives harness updates: one written by any earlier layout opens, migrates and goes on."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.evidencia.resumo import montar_resumo
from tramita_homologacao.livro.esquema import VERSAO
from tramita_homologacao.livro.livro import ErroDoLivro, Livro

VERIFICACAO = Verificacao("historico_em_ordem", 101, "histórico em ordem", [1, 2], [1, 2], True, "em ordem")
LIVROS_ANTIGOS = sorted((Path(__file__).parent / "dados" / "livros").glob("*.sql"))
# Every layout a ledger was ever written in: the unversioned ones (user_version 0), then each numbered one. Layout 1
# is the last unversioned one with its number (commit 8db9d1f).
CAMADAS = [(sql, 0) for sql in LIVROS_ANTIGOS] + [(LIVROS_ANTIGOS[-1], 1)]


def _livro_gravado(sql: Path, versao: int, pasta: Path) -> Path:
    caminho = pasta / "livro.sqlite3"
    with sqlite3.connect(caminho) as conexao:
        conexao.executescript(sql.read_text(encoding="utf-8"))
        conexao.execute(f"PRAGMA user_version = {versao}")
    return caminho


def _versao(caminho: Path) -> int:
    with sqlite3.connect(caminho) as conexao:
        return conexao.execute("PRAGMA user_version").fetchone()[0]


def test_ha_um_livro_de_cada_camada_anterior():
    assert len(LIVROS_ANTIGOS) == 7 and len(CAMADAS) == 7 + VERSAO - 1, (
        "cada camada do livro que já foi gravada tem o seu exemplo aqui"
    )


@pytest.mark.parametrize(("sql", "original"), CAMADAS, ids=[f"{sql.stem}-v{versao}" for sql, versao in CAMADAS])
def test_livro_de_camada_anterior_abre_migra_e_continua(sql: Path, original: int, tmp_path: Path):
    caminho = _livro_gravado(sql, original, tmp_path)
    assert _versao(caminho) == original < VERSAO

    with Livro(caminho) as livro:
        assert livro.versao_original == original
        linhas = {linha.idt: linha for linha in livro.todos()}
        assert set(linhas) == {101, 102}
        assert linhas[101].componentes[0]["nome"] == "doc.pdf"
        assert linhas[101].situacao == 2 and linhas[101].aberto
        assert (linhas[102].motivo_recusa, linhas[102].justificativa_recusa) == ("01", "Sem competência")
        assert livro.situacoes(102) == [(1, "2026-11-20T11:00:00-03:00"), (9, "2026-11-20T11:05:00-03:00")]
        assert [(r["tipo"], r["idt"], r["hashes"]) for r in livro.recibos(101)] == [("envio", 101, ["abc"])]
        for veredito in livro.vereditos():  # the layouts that kept verdicts: readable, old rows as "api"
            assert veredito.idts == (102,) and veredito.retomados == ()
            # judged `aprovado` with no check recorded: proves nothing now, and says how to repeat it
            assert veredito.veredito != "aprovado"
            assert veredito.veredito == "reprovado" or "--refazer recusa" in veredito.mensagem
        # An instruction from before the action was recorded is no send to look for.
        assert livro.envios_instruidos() in ([], [("envio", "Enviar")])
        # What the current harness writes fits.
        livro.registrar_veredito("envio", "Enviar", "aguardando", "na situação 2", 2.0, [101], [101], "assistido")
        livro.registrar_instrucao("envio", "Enviar", "enviar", "Envie", 101, datetime.now().astimezone())
        livro.registrar_verificacao("envio", "Enviar", 101, VERIFICACAO.como_json())
        livro.salvar_detalhes(101, descricao="TESTE – ORG")
        assert livro.vereditos()[-1].modo == "assistido"
        assert livro.instruido("enviar", 101)
        resumo = montar_resumo(livro, carregar_ambiente("local"), "http://127.0.0.1")
        assert [r.id for r in resumo.requisitos] == [r.id for r in REQUISITOS]
    assert _versao(caminho) == VERSAO

    with Livro(caminho) as livro:  # a second opening changes nothing
        assert livro.versao_original == VERSAO
        assert len(livro.todos()) == 2


def test_livro_novo_nasce_na_versao_atual(tmp_path: Path):
    caminho = tmp_path / "novo.sqlite3"
    with Livro(caminho) as livro:
        assert livro.versao_original == 0
    assert _versao(caminho) == VERSAO


def test_livro_de_versao_mais_nova_nao_e_alterado(tmp_path: Path):
    caminho = tmp_path / "futuro.sqlite3"
    with sqlite3.connect(caminho) as conexao:
        conexao.execute("CREATE TABLE coisa_nova (x)")
        conexao.execute(f"PRAGMA user_version = {VERSAO + 1}")
    antes = caminho.read_bytes()
    with pytest.raises(ErroDoLivro, match=r"versão mais nova do harness .*Atualize o harness"):
        Livro(caminho)
    assert caminho.read_bytes() == antes
