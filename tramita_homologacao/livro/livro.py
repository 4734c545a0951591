"""The ledger: an SQLite file per environment with every trâmite the harness creates or is sent.

A row is written before the request that creates the trâmite leaves (etapa `criando`, with the
protocolo), completed the instant the platform answers (IDT, NRE), and updated at every status
seen. It survives a closed laptop, a crash or Ctrl-C, so a later run follows what an earlier one
left open instead of sending again; it is also the harness's ownership record. Its tables are
described in `esquema.py`.

The ledger is the campaign: the evidence pack is rebuilt from it after every command.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tramita_homologacao.livro.esquema import VERSAO, LivroMaisNovo, migrar
from tramita_homologacao.problemas import NENHUM_VEREDITO, GravacaoImpossivel, ProblemaConhecido
from tramita_homologacao.protocolo.situacoes import SITUACOES_FINAIS

CRIANDO, ENVIANDO, ENVIADO, RECEBIDO, ABANDONADO = "criando", "enviando", "enviado", "recebido", "abandonado"
OBSERVADO = "observado"  # assisted mode: the organ's SPE made it, the harness found it and only watches
FINAIS = tuple(int(s) for s in SITUACOES_FINAIS)
Metodo = TypeVar("Metodo", bound=Callable[..., Any])


# SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (primary codes)
SEM_ONDE_GRAVAR_NO_SQLITE = frozenset({3, 8, 10, 13, 14})
ESCRITAS: set[str] = set()  # the methods that write the ledger: only the run record calls them (tested)


def escreve(metodo: Metodo) -> Metodo:
    ESCRITAS.add(metodo.__name__)
    return metodo


def _agora() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Linha:
    """One trâmite as the ledger holds it."""

    id: int
    idt: int | None
    nre: str | None
    protocolo: str
    requisito: str
    cenario: str
    papel: str
    etapa: str
    espera: str
    situacao: int | None
    motivo_recusa: str | None
    justificativa_recusa: str | None
    componentes: list[dict]
    avaliado: bool
    criado_em: str
    atualizado_em: str

    @property
    def aberto(self) -> bool:
        return self.etapa != ABANDONADO and (self.situacao is None or self.situacao not in FINAIS)


@dataclass(frozen=True)
class VereditoRegistrado:
    """A scenario's verdict as the ledger holds it."""

    requisito: str
    cenario: str
    veredito: str
    mensagem: str
    duracao: float
    idts: tuple[int, ...]
    retomados: tuple[int, ...]  # those of `idts` an earlier run had started
    modo: str  # "api" (the harness acted as the SPE) or "assistido" (the organ's SPE acted)
    julgado_em: str


@dataclass(frozen=True)
class Pedido:
    """A processo the campaign asked PEN to send for a receiving scenario; `idt` once one was adopted."""

    requisito: str
    cenario: str
    pedido_em: str
    idt: int | None


@dataclass(frozen=True)
class Ignorado:
    idt: int
    remetente: str
    motivo: str
    visto_em: str


CABECALHO_SQLITE = b"SQLite format 3\x00"


class ErroDoLivro(ProblemaConhecido):
    titulo = "Livro de registro"


def conferir_arquivo_do_livro(caminho: Path) -> None:
    """The ledger's path names an SQLite file or a file still to be created, and nothing else."""
    como_corrigir = (
        "Confira o campo livro do arquivo de ambiente (ou --relatorios): ele deve indicar o livro desta campanha "
        "(um arquivo .sqlite3 criado pelo harness) ou um arquivo que ainda não existe."
    )
    if caminho.is_dir():
        raise ErroDoLivro(f"O livro de registro {caminho} é uma pasta, não um arquivo. {como_corrigir}")
    if caminho.is_file():
        with caminho.open("rb") as arquivo:
            inicio = arquivo.read(len(CABECALHO_SQLITE))
        if inicio and inicio != CABECALHO_SQLITE:
            raise ErroDoLivro(f"O arquivo {caminho} não é um livro de registro (SQLite). {como_corrigir}")


class Livro:
    def __init__(self, caminho: Path | None) -> None:
        """`caminho=None` keeps the ledger in memory (the embedded simulator starts empty every run)."""
        self.caminho = caminho
        if caminho is not None:
            conferir_arquivo_do_livro(caminho)
            caminho.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conexao = sqlite3.connect(
                str(caminho) if caminho else ":memory:", check_same_thread=False, isolation_level=None
            )
            self._conexao.row_factory = sqlite3.Row
            self._trava = threading.Lock()
            with self._trava:
                self._conexao.execute("PRAGMA synchronous = FULL")
                self.versao_original = migrar(self._conexao)
        except LivroMaisNovo as erro:
            self._conexao.close()
            raise ErroDoLivro(
                f"O livro de registro {caminho} foi gravado por uma versão mais nova do harness (esquema "
                f"{erro.versao}; esta versão conhece até o {VERSAO}). Atualize o harness (pip install -e .) e execute "
                "de novo; o livro não foi alterado."
            ) from None
        except sqlite3.Error as erro:
            raise ErroDoLivro(
                f"Não foi possível abrir o livro de registro {caminho} ({erro}): confira se o arquivo pode ser lido "
                "e gravado e se é o livro desta campanha; nada foi feito."
            ) from erro

    def __enter__(self) -> Livro:
        return self

    def __exit__(self, *_: object) -> None:
        self.fechar()

    def fechar(self) -> None:
        self._conexao.close()

    def _executar(self, sql: str, parametros: tuple = ()) -> sqlite3.Cursor:
        # Autocommit: every statement is durable when it returns (the point of a ledger).
        with self._trava:
            try:
                return self._conexao.execute(sql, parametros)
            except sqlite3.OperationalError as erro:
                if erro.sqlite_errorcode & 0xFF not in SEM_ONDE_GRAVAR_NO_SQLITE:
                    raise
                raise GravacaoImpossivel(
                    f"O livro de registro {self.caminho or '(em memória)'} não aceitou a gravação ({erro}): o disco "
                    f"está cheio, é somente leitura ou o arquivo não pode ser gravado. {NENHUM_VEREDITO}"
                ) from None

    @staticmethod
    def _linha(registro: sqlite3.Row) -> Linha:
        dados = dict(registro)
        dados["componentes"] = json.loads(dados["componentes"])
        dados["avaliado"] = bool(dados["avaliado"])
        return Linha(**dados)

    # --- writing --------------------------------------------------------------------------------
    @escreve
    def registrar_intencao(
        self, requisito: str, cenario: str, papel: str, protocolo: str, componentes: list[dict]
    ) -> int:
        agora = _agora()
        cursor = self._executar(
            "INSERT INTO tramites (protocolo, requisito, cenario, papel, etapa, componentes, criado_em, atualizado_em) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (protocolo, requisito, cenario, papel, CRIANDO, json.dumps(componentes, ensure_ascii=False), agora, agora),
        )
        assert cursor.lastrowid is not None, "um INSERT tem rowid"
        return cursor.lastrowid

    @escreve
    def vincular(self, id_: int, idt: int, nre: str, etapa: str) -> None:
        self._executar(
            "UPDATE tramites SET idt = ?, nre = ?, etapa = ?, atualizado_em = ? WHERE id = ?",
            (idt, nre, etapa, _agora(), id_),
        )

    @escreve
    def marcar(
        self, idt: int, *, etapa: str | None = None, espera: str | None = None, avaliado: bool | None = None
    ) -> None:
        campos = {"etapa": etapa, "espera": espera, "avaliado": None if avaliado is None else int(avaliado)}
        mudancas = {k: v for k, v in campos.items() if v is not None}
        if mudancas:
            atribuicoes = ", ".join(f"{k} = ?" for k in mudancas)
            self._executar(
                f"UPDATE tramites SET {atribuicoes}, atualizado_em = ? WHERE idt = ?",
                (*mudancas.values(), _agora(), idt),
            )

    @escreve
    def abandonar(self, id_: int, motivo: str) -> None:
        self._executar(
            "UPDATE tramites SET etapa = ?, espera = ?, atualizado_em = ? WHERE id = ?",
            (ABANDONADO, motivo, _agora(), id_),
        )

    @escreve
    def deixar_de_retomar(self, motivo: str, requisitos: tuple[str, ...] | None = None) -> None:
        """Start afresh (all, or `requisitos`): the open trâmites stay recorded (and owned), but no scenario
        takes them up again, and the processos asked of PEN must be asked again."""
        for requisito in requisitos if requisitos is not None else [r["requisito"] for r in self._requisitos()]:
            self._executar(
                "UPDATE tramites SET avaliado = 1, espera = ?, atualizado_em = ? WHERE avaliado = 0 AND requisito = ?",
                (motivo, _agora(), requisito),
            )
            self.retirar_pedidos(requisito)

    def _requisitos(self) -> list[sqlite3.Row]:
        return self._executar("SELECT requisito FROM tramites UNION SELECT requisito FROM pedidos").fetchall()

    @escreve
    def salvar_componentes(self, idt: int, componentes: list[dict]) -> None:
        self._executar(
            "UPDATE tramites SET componentes = ? WHERE idt = ?", (json.dumps(componentes, ensure_ascii=False), idt)
        )

    @escreve
    def salvar_situacao(
        self, idt: int, situacao: int, mudancas: list[tuple[int, str]], motivo: str | None, justificativa: str | None
    ) -> None:
        agora = _agora()
        with self._trava:
            self._conexao.execute("BEGIN")
            self._conexao.execute(
                "UPDATE tramites SET situacao = ?, motivo_recusa = ?, justificativa_recusa = ?, atualizado_em = ? "
                "WHERE idt = ?",
                (situacao, motivo, justificativa, agora, idt),
            )
            self._conexao.executemany(
                "INSERT OR IGNORE INTO situacoes (idt, situacao, data_hora, visto_em) VALUES (?, ?, ?, ?)",
                [(idt, s, quando, agora) for s, quando in mudancas],
            )
            self._conexao.execute("COMMIT")

    @escreve
    def salvar_recibo(self, idt: int, tipo: str, conferencia: dict) -> None:
        self._executar(
            "INSERT OR REPLACE INTO recibos (idt, tipo, conferencia) VALUES (?, ?, ?)",
            (idt, tipo, json.dumps(conferencia, ensure_ascii=False)),
        )

    @escreve
    def salvar_detalhes(
        self, idt: int, *, descricao: str | None = None, remetente: dict | None = None, destinatario: dict | None = None
    ) -> None:
        """What is known of the trâmite beyond its status; a value not given keeps the one already saved."""
        self._executar(
            "INSERT INTO detalhes (idt, descricao, remetente, destinatario) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(idt) DO UPDATE SET descricao = COALESCE(excluded.descricao, descricao), "
            "remetente = COALESCE(excluded.remetente, remetente), "
            "destinatario = COALESCE(excluded.destinatario, destinatario)",
            (idt, descricao, remetente and json.dumps(remetente), destinatario and json.dumps(destinatario)),
        )

    def detalhes(self, idt: int) -> tuple[str, dict | None, dict | None]:
        """(descrição, remetente, destinatário) as saved; empty when nothing is known yet."""
        registro = self._executar("SELECT * FROM detalhes WHERE idt = ?", (idt,)).fetchone()
        if registro is None:
            return "", None, None
        carregar = lambda valor: json.loads(valor) if valor else None  # noqa: E731
        return registro["descricao"] or "", carregar(registro["remetente"]), carregar(registro["destinatario"])

    @escreve
    def registrar_verificacao(self, requisito: str, cenario: str, idt: int | None, verificacao: dict) -> None:
        self._executar(
            "INSERT INTO verificacoes (idt, requisito, cenario, clausula, nome, verificacao, feita_em) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                idt,
                requisito,
                cenario,
                verificacao["clausula"],
                verificacao["nome"],
                json.dumps(verificacao, ensure_ascii=False, default=str),
                _agora(),
            ),
        )

    def verificacoes(self, idt: int) -> list[tuple[dict, str]]:
        """The latest run of each check on the trâmite, in the order they were made, with when."""
        registros = self._executar(
            "SELECT verificacao, feita_em FROM verificacoes WHERE id IN "
            "(SELECT MAX(id) FROM verificacoes WHERE idt = ? GROUP BY clausula, nome) ORDER BY id",
            (idt,),
        ).fetchall()
        return [(json.loads(r["verificacao"]), r["feita_em"]) for r in registros]

    @escreve
    def registrar_veredito(
        self,
        requisito: str,
        cenario: str,
        veredito: str,
        mensagem: str,
        duracao: float,
        idts: list[int],
        retomados: list[int],
        modo: str = "api",
    ) -> None:
        self._executar(
            "INSERT INTO vereditos "
            "(requisito, cenario, veredito, mensagem, duracao, idts, retomados, modo, julgado_em) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (requisito, cenario, veredito, mensagem, duracao, json.dumps(idts), json.dumps(retomados), modo, _agora()),
        )

    @escreve
    def registrar_pedido(self, requisito: str, cenario: str, pedido_em: datetime | None = None) -> Pedido:
        """The campaign asks PEN for a processo, at `pedido_em` (the platform's clock; default this machine's). An
        open request keeps its first time; one already answered (its processo was judged, and the scenario needs
        another) is asked anew, from then."""
        quando = pedido_em.isoformat(timespec="seconds") if pedido_em else _agora()
        self._executar(
            "INSERT INTO pedidos (requisito, cenario, pedido_em) VALUES (?, ?, ?) "
            "ON CONFLICT (requisito, cenario) DO UPDATE SET pedido_em = excluded.pedido_em, idt = NULL "
            "WHERE pedidos.idt IS NOT NULL",
            (requisito, cenario, quando),
        )
        return next(p for p in self.pedidos() if (p.requisito, p.cenario) == (requisito, cenario))

    @escreve
    def atender_pedido(self, requisito: str, cenario: str, idt: int) -> None:
        self._executar("UPDATE pedidos SET idt = ? WHERE requisito = ? AND cenario = ?", (idt, requisito, cenario))

    @escreve
    def retirar_pedidos(self, requisito: str) -> None:
        """A requirement done again asks afresh: only processos sent after the new request count."""
        self._executar("DELETE FROM pedidos WHERE requisito = ?", (requisito,))

    @escreve
    def ignorar(self, idt: int, remetente: str, motivo: str) -> None:
        self._executar(
            "INSERT OR IGNORE INTO ignorados (idt, remetente, motivo, visto_em) VALUES (?, ?, ?, ?)",
            (idt, remetente, motivo, _agora()),
        )

    @escreve
    def registrar_instrucao(
        self, requisito: str, cenario: str, acao: str, texto: str, idt: int | None, dada_em: datetime
    ) -> None:
        """`dada_em`: in the platform's clock (what the operator does is searched for after it)."""
        self._executar(
            "INSERT INTO instrucoes (requisito, cenario, acao, texto, dada_em, idt) VALUES (?, ?, ?, ?, ?, ?)",
            (requisito, cenario, acao, texto, dada_em.isoformat(timespec="seconds"), idt),
        )

    def instruido(self, acao: str, idt: int) -> bool:
        """Whether the operator was already told to do `acao` on trâmite `idt` (a later run does not repeat it)."""
        registro = self._executar("SELECT 1 FROM instrucoes WHERE acao = ? AND idt = ?", (acao, idt)).fetchone()
        return registro is not None

    def envio_instruido(self, requisito: str, cenario: str) -> str | None:
        """When the operator was told to send this scenario's processo, if its trâmite has not been found yet."""
        registro = self._executar(
            "SELECT dada_em FROM instrucoes WHERE requisito = ? AND cenario = ? AND acao = 'enviar' AND idt IS NULL "
            "ORDER BY rowid DESC",
            (requisito, cenario),
        ).fetchone()
        return registro["dada_em"] if registro else None

    @escreve
    def envio_encontrado(self, requisito: str, cenario: str, idt: int) -> None:
        self._executar(
            "UPDATE instrucoes SET idt = ? WHERE requisito = ? AND cenario = ? AND acao = 'enviar' AND idt IS NULL",
            (idt, requisito, cenario),
        )

    def envios_instruidos(self) -> list[tuple[str, str]]:
        """(requisito, cenario) of every send the operator was told to make and whose trâmite is still unknown."""
        registros = self._executar(
            "SELECT DISTINCT requisito, cenario FROM instrucoes WHERE acao = 'enviar' AND idt IS NULL"
        ).fetchall()
        return [(r["requisito"], r["cenario"]) for r in registros]

    def instrucoes(self) -> list[tuple[str, str, str]]:
        """(requisito, texto, dada_em) of every instruction given to the operator, in order."""
        registros = self._executar("SELECT requisito, texto, dada_em FROM instrucoes ORDER BY rowid").fetchall()
        return [(r["requisito"], r["texto"], r["dada_em"]) for r in registros]

    @escreve
    def codigo_da_campanha(self) -> str:
        """A short code, the same for the whole campaign, that marks its processos (assisted mode)."""
        self.guardar_se_ausente("codigo", secrets.token_hex(2).upper())
        return str(self.ler("codigo"))

    @escreve
    def guardar(self, chave: str, valor: object) -> None:
        self._executar(
            "INSERT OR REPLACE INTO campanha (chave, valor) VALUES (?, ?)",
            (chave, json.dumps(valor, ensure_ascii=False)),
        )

    @escreve
    def guardar_se_ausente(self, chave: str, valor: object) -> None:
        self._executar(
            "INSERT OR IGNORE INTO campanha (chave, valor) VALUES (?, ?)",
            (chave, json.dumps(valor, ensure_ascii=False)),
        )

    # --- reading --------------------------------------------------------------------------------
    def por_idt(self, idt: int) -> Linha | None:
        registro = self._executar("SELECT * FROM tramites WHERE idt = ?", (idt,)).fetchone()
        return self._linha(registro) if registro else None

    def nao_avaliados(self, requisito: str, cenario: str, papel: str) -> list[Linha]:
        """Trâmites of a scenario that no finished run has judged yet, newest first."""
        registros = self._executar(
            "SELECT * FROM tramites WHERE requisito = ? AND cenario = ? AND papel = ? AND avaliado = 0 AND etapa != ? "
            "ORDER BY id DESC",
            (requisito, cenario, papel, ABANDONADO),
        ).fetchall()
        return [self._linha(r) for r in registros]

    def por_julgar(self) -> list[Linha]:
        """Trâmites whose scenario has not been judged yet (open, or ended after the last look)."""
        return [
            linha
            for linha in self.todos()
            if linha.idt is not None and not linha.avaliado and linha.etapa != ABANDONADO
        ]

    def abertos(self) -> list[Linha]:
        return [linha for linha in self.todos() if linha.aberto and linha.idt is not None]

    def todos(self) -> list[Linha]:
        return [self._linha(r) for r in self._executar("SELECT * FROM tramites ORDER BY id").fetchall()]

    def recibos(self, idt: int) -> list[dict]:
        registros = self._executar("SELECT conferencia FROM recibos WHERE idt = ? ORDER BY rowid", (idt,)).fetchall()
        return [json.loads(r["conferencia"]) for r in registros]

    def situacoes(self, idt: int) -> list[tuple[int, str]]:
        registros = self._executar(
            "SELECT situacao, data_hora FROM situacoes WHERE idt = ? ORDER BY data_hora, situacao", (idt,)
        ).fetchall()
        return [(r["situacao"], r["data_hora"]) for r in registros]

    def vereditos(self) -> list[VereditoRegistrado]:
        """The campaign's current verdict of every scenario ever run: the latest one of each."""
        registros = self._executar(
            "SELECT * FROM vereditos WHERE id IN (SELECT MAX(id) FROM vereditos GROUP BY requisito, cenario) "
            "ORDER BY id"
        ).fetchall()
        return [
            VereditoRegistrado(
                r["requisito"],
                r["cenario"],
                r["veredito"],
                r["mensagem"],
                r["duracao"],
                tuple(json.loads(r["idts"])),
                tuple(json.loads(r["retomados"])),
                r["modo"],
                r["julgado_em"],
            )
            for r in registros
        ]

    def pedidos(self) -> list[Pedido]:
        registros = self._executar("SELECT * FROM pedidos ORDER BY pedido_em, rowid").fetchall()
        return [Pedido(r["requisito"], r["cenario"], r["pedido_em"], r["idt"]) for r in registros]

    def ignorados(self) -> list[Ignorado]:
        registros = self._executar("SELECT * FROM ignorados ORDER BY visto_em, idt").fetchall()
        return [Ignorado(r["idt"], r["remetente"], r["motivo"], r["visto_em"]) for r in registros]

    def ler(self, chave: str) -> object:
        registro = self._executar("SELECT valor FROM campanha WHERE chave = ?", (chave,)).fetchone()
        return json.loads(registro["valor"]) if registro else None
