"""The ledger's layout and how a ledger written by an earlier version reaches it (`PRAGMA user_version`).

    tramites(id, idt UNIQUE, nre, protocolo, requisito, cenario, papel, etapa, espera, situacao,
             motivo_recusa, justificativa_recusa, componentes JSON, avaliado, criado_em, atualizado_em)
    situacoes(idt, situacao, data_hora, visto_em)        one row per status change seen
    recibos(idt, tipo, conferencia JSON)                 recibos and their verdicts
    vereditos(requisito, cenario, veredito, mensagem, duracao, idts JSON, retomados JSON, modo, julgado_em)
                                                         every scenario verdict; the latest one counts
    pedidos(requisito, cenario, pedido_em, idt)          processos asked of PEN, and the one adopted
    ignorados(idt, remetente, motivo, visto_em)          others' pendências seen and left untouched
    instrucoes(requisito, cenario, acao, texto, dada_em, idt)
                                                         assisted mode: what the operator was told to do, and
                                                         (to send) the trâmite found for it
    campanha(chave, valor JSON)                          who the organ was (certificate), since when
    detalhes(idt, descricao, remetente JSON, destinatario JSON)
                                                         the processo's description and the two units
    verificacoes(idt, requisito, cenario, clausula, nome, verificacao JSON, feita_em)
                                                         every check run on a trâmite: expected, observed, verdict

A campaign lasts days and the harness may be updated in between: a ledger is never recreated, it is
migrated, one numbered step at a time, each in one transaction with its new version number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

# Version 1: the layout of the first versioned ledger. Ledgers from before versioning (user_version 0) lack
# some of these tables and columns; `CREATE TABLE IF NOT EXISTS` adds the tables, `_COLUNAS_ACRESCENTADAS` the
# columns.
_LAYOUT_1 = """
CREATE TABLE IF NOT EXISTS tramites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idt INTEGER UNIQUE,
    nre TEXT,
    protocolo TEXT NOT NULL,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    papel TEXT NOT NULL,
    etapa TEXT NOT NULL,
    espera TEXT NOT NULL DEFAULT '',
    situacao INTEGER,
    motivo_recusa TEXT,
    justificativa_recusa TEXT,
    componentes TEXT NOT NULL DEFAULT '[]',
    avaliado INTEGER NOT NULL DEFAULT 0,
    criado_em TEXT NOT NULL,
    atualizado_em TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS situacoes (
    idt INTEGER NOT NULL,
    situacao INTEGER NOT NULL,
    data_hora TEXT NOT NULL,
    visto_em TEXT NOT NULL,
    PRIMARY KEY (idt, situacao, data_hora)
);
CREATE TABLE IF NOT EXISTS recibos (
    idt INTEGER NOT NULL,
    tipo TEXT NOT NULL,
    conferencia TEXT NOT NULL,
    PRIMARY KEY (idt, tipo)
);
CREATE TABLE IF NOT EXISTS vereditos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    veredito TEXT NOT NULL,
    mensagem TEXT NOT NULL,
    duracao REAL NOT NULL,
    idts TEXT NOT NULL,
    retomados TEXT NOT NULL,
    modo TEXT NOT NULL,
    julgado_em TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pedidos (
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    pedido_em TEXT NOT NULL,
    idt INTEGER,
    PRIMARY KEY (requisito, cenario)
);
CREATE TABLE IF NOT EXISTS ignorados (
    idt INTEGER PRIMARY KEY,
    remetente TEXT NOT NULL,
    motivo TEXT NOT NULL,
    visto_em TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS instrucoes (
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    acao TEXT NOT NULL,
    texto TEXT NOT NULL,
    dada_em TEXT NOT NULL,
    idt INTEGER
);
CREATE TABLE IF NOT EXISTS campanha (
    chave TEXT PRIMARY KEY,
    valor TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS detalhes (
    idt INTEGER PRIMARY KEY,
    descricao TEXT,
    remetente TEXT,
    destinatario TEXT
);
CREATE TABLE IF NOT EXISTS verificacoes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idt INTEGER,
    requisito TEXT NOT NULL,
    cenario TEXT NOT NULL,
    clausula TEXT NOT NULL,
    nome TEXT NOT NULL,
    verificacao TEXT NOT NULL,
    feita_em TEXT NOT NULL
);
"""

# Columns that earlier unversioned layouts lacked, with the value an old row takes.
_COLUNAS_ACRESCENTADAS: dict[str, tuple[tuple[str, str], ...]] = {
    "vereditos": (("retomados", "TEXT NOT NULL DEFAULT '[]'"), ("modo", "TEXT NOT NULL DEFAULT 'api'")),
    # An instruction from before `acao` was recorded stays readable in the pack but is no send to look for.
    "instrucoes": (("cenario", "TEXT NOT NULL DEFAULT ''"), ("acao", "TEXT NOT NULL DEFAULT ''"), ("idt", "INTEGER")),
}


def _para_1(conexao: sqlite3.Connection) -> None:
    for comando in _LAYOUT_1.split(";"):
        if comando.strip():
            conexao.execute(comando)
    for tabela, colunas in _COLUNAS_ACRESCENTADAS.items():
        existentes = {linha[1] for linha in conexao.execute(f"PRAGMA table_info({tabela})")}
        for nome, definicao in colunas:
            if nome not in existentes:
                conexao.execute(f"ALTER TABLE {tabela} ADD COLUMN {nome} {definicao}")


def _para_2(conexao: sqlite3.Connection) -> None:
    """A verdict is only what its recorded checks prove. An `aprovado` judged by a harness that recorded no checks
    proves nothing now: it gets a later `inconclusivo` (the latest verdict counts; the old row stays)."""
    ultimos = conexao.execute(
        "SELECT requisito, cenario, idts, retomados, modo FROM vereditos WHERE veredito = 'aprovado' AND id IN "
        "(SELECT MAX(id) FROM vereditos GROUP BY requisito, cenario)"
    ).fetchall()
    for requisito, cenario, idts, retomados, modo in ultimos:
        verificado = conexao.execute(
            "SELECT 1 FROM verificacoes WHERE requisito = ? AND cenario = ? LIMIT 1", (requisito, cenario)
        ).fetchone()
        if verificado is None:
            conexao.execute(
                "INSERT INTO vereditos (requisito, cenario, veredito, mensagem, duracao, idts, retomados, modo, "
                "julgado_em) VALUES (?, ?, 'inconclusivo', ?, 0, ?, ?, ?, ?)",
                (
                    requisito,
                    cenario,
                    "Aprovado por uma versão anterior do harness, que não registrava as verificações: sem elas o "
                    f"veredito não se comprova. Repita o requisito com: executar --refazer {requisito}",
                    idts,
                    retomados,
                    modo,
                    datetime.now().astimezone().isoformat(timespec="seconds"),
                ),
            )


# MIGRACOES[n] takes a ledger from version n to n + 1; a new layout is a new step at the end, never an edit.
MIGRACOES: tuple[Callable[[sqlite3.Connection], None], ...] = (_para_1, _para_2)
VERSAO = len(MIGRACOES)


class LivroMaisNovo(Exception):
    """The ledger was written by a newer harness, whose layout this one does not know."""

    def __init__(self, versao: int) -> None:
        super().__init__(versao)
        self.versao = versao


def migrar(conexao: sqlite3.Connection) -> int:
    """Brings the ledger to `VERSAO` (a new one is created at it); the version it had. Each step commits with its
    version number, so an interrupted migration resumes where it stopped."""
    versao = conexao.execute("PRAGMA user_version").fetchone()[0]
    if versao > VERSAO:
        raise LivroMaisNovo(versao)
    original = versao
    while versao < VERSAO:
        conexao.execute("BEGIN IMMEDIATE")
        try:
            versao = conexao.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
            if versao < VERSAO:
                MIGRACOES[versao](conexao)
                versao += 1
                conexao.execute(f"PRAGMA user_version = {versao}")
            conexao.execute("COMMIT")
        except BaseException:
            conexao.execute("ROLLBACK")
            raise
    return original
