"""The verdicts on the terminal: a line per finished scenario and per long wait, then the requirements table."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from rich.text import Text

from tramita_homologacao.campanha.abertura import CampanhaAberta
from tramita_homologacao.cli.console import Tabela, console, mostrar_comando
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    APROVADO,
    INCONCLUSIVO,
    NAO_EXECUTADO,
    NAO_SE_APLICA,
    REPROVADO,
)
from tramita_homologacao.evidencia.documento import TITULO_DO_PERFIL_ESTENDIDO
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.modelo import Tramite as TramiteNoResumo
from tramita_homologacao.orgao.espera import Aguardo
from tramita_homologacao.protocolo.horario import hora, hora_curta
from tramita_homologacao.suite.chaves import CHAVE_JA_APROVADOS, CHAVE_REGISTRO

ESTILO_VEREDITO = {
    APROVADO: "bold green",
    REPROVADO: "bold red",
    AGUARDANDO: "bold yellow",
    INCONCLUSIVO: "bold magenta",
    NAO_SE_APLICA: "dim",
    NAO_EXECUTADO: "dim",
}
SIMBOLO_VEREDITO = {
    APROVADO: "✔",
    REPROVADO: "✘",
    AGUARDANDO: "…",
    INCONCLUSIVO: "?",
    NAO_SE_APLICA: "–",
    NAO_EXECUTADO: "·",
}
# A wait is shown when its trâmite changes status, and otherwise at least this often (never silent for longer).
SILENCIO_MAXIMO = 10.0


def _hora(iso: str) -> str:
    return hora(datetime.fromisoformat(iso))


class ProgressoNoTerminal:
    """A pytest plugin that prints, in Portuguese, each finished scenario, what the campaign had already
    approved, and where each long wait stands (status, since when, next poll)."""

    def __init__(self, campanha: CampanhaAberta) -> None:
        self._campanha = campanha
        self._mostrados = 0
        self._config: pytest.Config | None = None
        # wait → (what it showed: situação and what else was seen, when)
        self._mostrado: dict[tuple[str, int | None], tuple[tuple[int | None, str], float]] = {}
        self.relogio = time.monotonic

    def pytest_configure(self, config: pytest.Config) -> None:
        self._config = config

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            console.print(Text.assemble(("Erro ao carregar os cenários:", "bold red"), f"\n{report.longreprtext}"))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for veredito in session.config.stash.get(CHAVE_JA_APROVADOS, []):
            console.print(
                Text.assemble(
                    _rotulo(veredito.veredito, "já "),
                    f" {veredito.cenario} (em {_hora(veredito.julgado_em)}); nada é enviado de novo. Para repetir:",
                )
            )
            mostrar_comando("", self._campanha.comando("executar", "--refazer", veredito.requisito))

    def aguardando(self, aguardo: Aguardo) -> None:
        """One line per wait when its status changes, when the next poll is far, and at least every
        `SILENCIO_MAXIMO` seconds: the requirement, who must act, what for, what is seen, and until when."""
        tramite = aguardo.tramite
        chave = (aguardo.requisito, tramite.idt if tramite else None)
        estado = (int(tramite.situacao) if tramite else None, aguardo.visto)
        anterior, quando = self._mostrado.get(chave, (None, 0.0))
        agora = self.relogio()
        calado = agora - quando + aguardo.pausa > SILENCIO_MAXIMO  # it would be silent too long by the next poll
        if chave in self._mostrado and anterior == estado and not calado:
            return
        self._mostrado[chave] = (estado, agora)
        partes = [f"    aguardando ({aguardo.requisito}) {aguardo.quem} — {aguardo.alvo}"]
        if tramite is not None:
            desde = hora(tramite.mudancas[-1].data_hora) if tramite.mudancas else "?"
            partes.append(f"trâmite {tramite.idt} na situação {tramite.situacao.rotulo()} desde {desde}")
        if aguardo.visto:
            partes.append(aguardo.visto)
        proxima = hora_curta(datetime.now().astimezone() + timedelta(seconds=aguardo.pausa))
        partes.append(f"próxima consulta às {proxima}, desiste às {hora_curta(aguardo.desiste_as)}")
        assert self._config is not None, "pytest_configure vem antes"
        captura = self._config.pluginmanager.getplugin("capturemanager")
        with captura.global_and_fixture_disabled():  # a scenario is running: its output is being captured
            console.print("; ".join(partes))

    def pytest_runtest_logfinish(self, nodeid: str, location: tuple) -> None:
        assert self._config is not None, "pytest_configure vem antes"
        resultados = self._config.stash[CHAVE_REGISTRO].resultados
        for resultado in resultados[self._mostrados :]:
            console.print(
                Text.assemble(
                    _rotulo(resultado.veredito),
                    f" {resultado.cenario} ({resultado.duracao_segundos:.2f} s)",
                )
            )
            if resultado.mensagem:
                console.print(f"    {resultado.mensagem}")
        self._mostrados = len(resultados)


def _rotulo(veredito: str, prefixo: str = "") -> tuple[str, str]:
    """`✓ aprovado` padded to one width, with the verdict's colour."""
    return f"{SIMBOLO_VEREDITO[veredito]} {prefixo + veredito:<12}", ESTILO_VEREDITO[veredito]


# Below this many columns the verdicts table stacks its cells: a verdict, an IDT or an NRE is never cut.
LARGURA_DA_TABELA_COMPLETA = 110


def tabela_de_vereditos(resumo: Resumo, largura: int | None = None, *, estendido: bool = False) -> tuple[Tabela, str]:
    """The campaign's verdicts table (the minimum requirements, or the extended profile's cases), and a legend of
    the statuses its trâmites went through (both tables'). Narrower than `LARGURA_DA_TABELA_COMPLETA` (an 80-column
    terminal), four columns with stacked lines."""
    larga = (largura or console.width) >= LARGURA_DA_TABELA_COMPLETA
    primeira = "Caso" if estendido else "Requisito"
    colunas = (
        (primeira, "Veredito", "Cláusulas", "Julgado em", "IDT", "NRE", "Final", "Histórico de situações")
        if larga
        else (primeira, "Veredito", "IDT / NRE", "Situações")
    )
    titulo = f"{TITULO_DO_PERFIL_ESTENDIDO} (fora do resultado)" if estendido else "Requisitos mínimos"
    tabela = Tabela(title=f"{titulo} — {resumo.orgao.sigla} — ambiente {resumo.ambiente.nome}")
    for coluna in colunas:
        tabela.add_column(coluna, no_wrap=coluna not in ("Histórico de situações", "Situações"))
    vistas = {h.situacao: h.descricao for r in resumo.todos_os_requisitos for t in r.tramites for h in t.historico}
    for requisito in resumo.perfil_estendido if estendido else resumo.requisitos:
        veredito = Text(requisito.veredito, style=ESTILO_VEREDITO[requisito.veredito])
        comprovadas = f"{sum(c.situacao == 'comprovada' for c in requisito.clausulas)}/{len(requisito.clausulas)}"
        julgado = hora(requisito.julgado_em) if requisito.julgado_em else "—"
        tramites: list[TramiteNoResumo | None] = [*requisito.tramites] or [None]
        for i, tramite in enumerate(tramites):
            historico = " → ".join(str(h.situacao) for h in tramite.historico) if tramite else "—"
            idt, nre, final = (str(tramite.idt), tramite.nre, str(tramite.situacao_final)) if tramite else ("—",) * 3
            if larga:
                rotulo: tuple[str | Text, ...] = (
                    (requisito.id, veredito, comprovadas, julgado) if i == 0 else ("", "", "", "")
                )
                tabela.add_row(*rotulo, idt, nre, final, historico)
            else:
                rotulo = (f"{requisito.id}\n{comprovadas} cláusulas", veredito) if i == 0 else ("", "")
                tabela.add_row(*rotulo, f"{idt}\n{nre}", f"final {final}: {historico}" if tramite else "—")
    legenda = "\n".join(f"  {n:>2} = {descricao}" for n, descricao in sorted(vistas.items()))
    return tabela, legenda
