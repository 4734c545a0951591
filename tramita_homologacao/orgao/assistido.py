"""The organ in assisted mode: its own SPE acts, driven by a person; the harness says what to do and watches.

The harness may hold the SPE's own certificate here, so everything goes through `ClienteDeConsulta`:
it finds the trâmite the operator made, follows it, and reads what the checks need only in the
statuses where reading changes nothing. Instructions are data (`Instrucao`): a person reads their
text; the simulator's SPE receives them as operations (the tests play the operator that way).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, NoReturn, Protocol

from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.requisitos import Papel
from tramita_homologacao.livro.livro import OBSERVADO
from tramita_homologacao.orgao.espera import Aguardo, Intervalo
from tramita_homologacao.orgao.observacao import Observador, reerguer
from tramita_homologacao.orgao.processo_teste import DO_MINIMO, Variante
from tramita_homologacao.orgao.registro import ComponenteRegistrado, RegistroDeExecucao, TramiteRegistrado
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.horario import hora
from tramita_homologacao.protocolo.situacoes import Situacao

# The platform's clock is read from the `Date` of its answers, to the second: the one margin of the finder.
RESOLUCAO_DO_RELOGIO = timedelta(seconds=1)
LEGIVEIS = frozenset(Situacao) - {Situacao.INICIADO, Situacao.COMPONENTES_ENVIADOS_REMETENTE}


def leva_o_codigo(descricao: str, codigo: str) -> bool:
    """The campaign's code, as a word of its own, in a descrição (whatever the SPE did to dashes and accents)."""
    return re.search(rf"(?<![0-9A-Z]){re.escape(codigo.upper())}(?![0-9A-Z])", descricao.upper()) is not None


@dataclass(frozen=True)
class Instrucao:
    """What the operator must do in the SPE, for one requirement."""

    requisito: str
    cenario: str
    # observar: nothing for a person to do, the SPE does it by itself (SEI receives and refuses on its own)
    acao: Literal["enviar", "cancelar", "receber", "recusar", "observar"]
    texto: str  # for a person, in Portuguese
    destinatario: Endereco | None = None
    descricao: str = ""
    idt: int | None = None
    motivo: MotivoRecusa | None = None
    justificativa: str = ""
    variante: Variante = DO_MINIMO  # enviar: what the extended profile's case asks the operator to make


class Operador(Protocol):
    def instruir(self, instrucao: Instrucao) -> None: ...

    def escolher(self, pergunta: str, opcoes: list[str]) -> int | None:
        """The index of the option the person picks; None when nobody can be asked (then nothing is guessed)."""
        ...


class OperadorNaoAgiu(AssertionError):
    """The trâmite the operator was asked to create did not appear within the wait."""


class OrgaoObservador(Observador):
    cliente: ClienteDeConsulta

    def __init__(
        self,
        cliente: ClienteDeConsulta,
        ambiente: Ambiente,
        registro: RegistroDeExecucao,
        operador: Operador,
        ao_esgotar_o_prazo: Callable[[AssertionError], NoReturn] = reerguer,
        dormir: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(cliente, ambiente, registro, ao_esgotar_o_prazo)
        self.operador = operador
        self._dormir = dormir

    def instruir(self, instrucao: Instrucao) -> datetime | None:
        """Tells the operator, once: an instruction about a trâmite already given (an earlier run) is not repeated
        (None). Returns when it was given, in the platform's clock (what the operator does comes after it)."""
        if instrucao.idt is not None and self.registro.livro.instruido(instrucao.acao, instrucao.idt):
            return None
        dada_em = self.agora_na_plataforma()
        self.registro.registrar_instrucao(
            instrucao.requisito, instrucao.cenario, instrucao.acao, instrucao.texto, instrucao.idt, dada_em
        )
        self.operador.instruir(instrucao)
        return dada_em

    # --- the organ as remetente: the operator sends, the harness finds it ---------------------
    def enviado_pendente(self, requisito: str, cenario: str) -> TramiteRegistrado | None:
        """The trâmite an earlier run found for this scenario and did not judge."""
        for linha in self.registro.livro.nao_avaliados(requisito, cenario, Papel.REMETENTE):
            return self.registro.retomar(linha)
        return None

    def encontrar_enviado(
        self, requisito: str, cenario: str, destino: Endereco, desde: datetime, codigo: str
    ) -> TramiteRegistrado:
        """Waits for the trâmite the operator sent from the organ's sending unit to `destino` after `desde` (the
        instruction, in the platform's clock), and records it. Never one already in the ledger; never one whose
        descrição, where it can be read without moving the trâmite, lacks the campaign's `codigo`.

        Several at once are not guessed between: the operator picks one, or (nobody to ask) the run stops with
        the list and the command to name it.
        """
        espera = self.ambiente.espera
        intervalo, limite = Intervalo.da(espera), time.monotonic() + espera.limite_segundos
        while True:
            candidatos = self._enviados_desde(desde, codigo)
            para_o_destino = [t for t in candidatos if t.destinatario == destino]
            if para_o_destino:
                tramite = self._o_do_teste(requisito, para_o_destino)
                self.registro.envio_encontrado(requisito, cenario, tramite.idt)
                return self.registro.registrar(
                    requisito, cenario, Papel.REMETENTE, tramite.idt, tramite.nre, tramite.protocolo, etapa=OBSERVADO
                )
            restante = limite - time.monotonic()
            if restante < 0:
                self.ao_esgotar_o_prazo(OperadorNaoAgiu(_nenhum(destino, desde, candidatos, espera.limite_segundos)))
            pausa = intervalo.apos_consulta(False)
            outros = "; ".join(f"IDT {t.idt} → {t.destinatario}" for t in candidatos)
            self._aguardando(
                Aguardo(
                    requisito,
                    "o operador, no SPE do órgão",
                    f"um trâmite do órgão para {destino} depois da instrução",
                    pausa,
                    datetime.now().astimezone() + timedelta(seconds=restante),
                    visto=f"trâmites do órgão para OUTRAS unidades: {outros}" if outros else "",
                )
            )
            self._dormir(pausa)

    def _o_do_teste(self, requisito: str, tramites: list[Tramite]) -> Tramite:
        """The one candidate; among several, the one the operator picks (nobody to ask: the run stops)."""
        if len(tramites) == 1:
            return tramites[0]
        opcoes = [
            f"IDT {t.idt} · NRE {t.nre} · protocolo {t.protocolo} · para {self.descrever(t.destinatario)} · "
            f"registrado em {hora(t.data_registro)}"
            for t in tramites
        ]
        escolha = self.operador.escolher(f"Qual destes trâmites é o do teste de {requisito}?", opcoes)
        if escolha is None:
            adotar = self.comando("adotar", "<IDT>", "--requisito", requisito)
            self.ao_esgotar_o_prazo(OperadorNaoAgiu(_varios(tramites, adotar)))
        return tramites[escolha]

    def _enviados_desde(self, desde: datetime, codigo: str) -> list[Tramite]:
        """The organ's trâmites from its sending unit (the client refuses an answer with any other) registered
        after `desde`, not in the ledger, and carrying the campaign's code wherever their descrição can be read."""
        conhecidos = {linha.idt for linha in self.registro.livro.todos()}
        origem = self.ambiente.orgao.endereco_envio
        return [
            t
            for t in self.cliente.consultar_tramites(remetente=origem)
            if t.idt not in conhecidos
            and t.data_registro.astimezone() >= desde - RESOLUCAO_DO_RELOGIO  # no zone: this machine's
            and (t.situacao not in LEGIVEIS or leva_o_codigo(self.cliente.ler_descricao(t.idt), codigo))
        ]

    # --- reading what the checks need, where reading changes nothing --------------------------
    def componentes_declarados(self, registrado: TramiteRegistrado) -> tuple[ComponenteRegistrado, ...]:
        """The components the trâmite carries, from its metadata (read once the destinatário has it); the
        descrição is recorded with them."""
        metadados = self.do_tramite(self.cliente.ler_metadados(registrado.idt), registrado)
        self.registro.definir_descricao(registrado, str(metadados.protocolo.get("descricao", "")))
        componentes = tuple(
            ComponenteRegistrado(c.nome, c.tamanho, c.hash, c.mime_type) for c in metadados.componentes()
        )
        self.registro.definir_componentes(registrado, componentes)
        return componentes


def _varios(tramites: list[Tramite], adotar: str) -> str:
    lista = "; ".join(f"IDT {t.idt} (NRE {t.nre}, registrado em {hora(t.data_registro)})" for t in tramites)
    return (
        f"Há {len(tramites)} trâmites do órgão para o mesmo destino desde a instrução: {lista}. O harness não escolhe "
        f"por você: indique o do teste com {adotar}"
    )


def _nenhum(destino: Endereco, desde: datetime, outros: list[Tramite], limite: float) -> str:
    texto = (
        f"Em {limite:g} s, nenhum trâmite do órgão para {destino} foi registrado depois de {hora(desde)}: "
        "o processo foi enviado no SPE, para a unidade indicada?"
    )
    if outros:
        texto += " Trâmites do órgão no período para outras unidades: " + "; ".join(
            f"IDT {t.idt} → {t.destinatario}" for t in outros
        )
        texto += "."
    return texto
