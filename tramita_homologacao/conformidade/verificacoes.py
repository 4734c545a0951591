"""Small named checks of the requirements; each records its inputs and verdict as evidence when it runs."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo, descrever_diferenca, diferenca_de_hashes
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.situacoes import Situacao


@dataclass(frozen=True)
class Verificacao:
    nome: str
    entradas: dict
    aprovada: bool
    mensagem: str


@dataclass
class Verificador:
    """Runs the checks; `ao_verificar` receives every result (the suite attaches it to Allure)."""

    ao_verificar: Callable[[Verificacao], None] = lambda verificacao: None

    def _registrar(self, nome: str, entradas: dict, aprovada: bool, mensagem: str) -> None:
        verificacao = Verificacao(nome, entradas, aprovada, mensagem)
        self.ao_verificar(verificacao)
        if not aprovada:
            raise AssertionError(mensagem)

    def situacao_final(self, tramite: Tramite, esperada: Situacao) -> None:
        aprovada = tramite.situacao == esperada
        self._registrar(
            "Situação final do trâmite",
            {"IDT": tramite.idt, "esperada": int(esperada), "obtida": int(tramite.situacao)},
            aprovada,
            f"IDT {tramite.idt}: situação final {tramite.situacao.rotulo()}"
            + ("" if aprovada else f"; esperada {esperada.rotulo()}"),
        )

    def historico(self, tramite: Tramite, esperado: Iterable[int]) -> None:
        esperado = list(esperado)
        obtido = tramite.historico
        datas = [m.data_hora for m in tramite.mudancas]
        em_ordem = all(a <= b for a, b in itertools.pairwise(datas))
        aprovada = obtido == esperado and em_ordem
        self._registrar(
            "Histórico de situações, em ordem",
            {"IDT": tramite.idt, "esperado": esperado, "obtido": obtido, "datas": [d.isoformat() for d in datas]},
            aprovada,
            f"IDT {tramite.idt}: histórico {obtido}"
            + ("" if obtido == esperado else f"; esperado {esperado}")
            + ("" if em_ordem else "; as datas das mudanças de situação não estão em ordem"),
        )

    def hashes_conferem(self, descricao: str, declarados: Iterable[str], enviados: Iterable[str]) -> None:
        declarados, enviados = sorted(declarados), sorted(enviados)
        faltando, sobrando = diferenca_de_hashes(declarados, enviados)
        repetidos = sorted({h for h in declarados if declarados.count(h) > 1})
        aprovada = not faltando and not sobrando and not repetidos
        detalhes = descrever_diferenca(faltando, sobrando)
        if repetidos:
            detalhes.append(f"hashes repetidos: {', '.join(repetidos)}")
        self._registrar(
            f"Hashes do {descricao}",
            {"no_recibo": declarados, "enviados": enviados},
            aprovada,
            f"Os hashes do {descricao} "
            + ("conferem com os componentes enviados" if aprovada else "não conferem: ")
            + "; ".join(detalhes),
        )

    def recusa(self, tramite: Tramite, motivo: MotivoRecusa, justificativa: str) -> None:
        motivo_ok = tramite.motivo_recusa == motivo.value
        justificativa_ok = tramite.justificativa_recusa == justificativa
        problemas = []
        if not motivo_ok:
            problemas.append(f"motivo registrado {tramite.motivo_recusa!r}, esperado {motivo.value!r}")
        if not justificativa_ok:
            problemas.append(
                f"justificativa registrada com {len(tramite.justificativa_recusa or '')} caracteres difere da enviada "
                f"({len(justificativa)} caracteres)"
            )
        self._registrar(
            "Motivo e justificativa da recusa",
            {"IDT": tramite.idt, "motivo": tramite.motivo_recusa, "justificativa": tramite.justificativa_recusa},
            motivo_ok and justificativa_ok,
            f"IDT {tramite.idt}: recusa registrada com motivo {motivo.value} ({motivo.descricao})"
            if motivo_ok and justificativa_ok
            else f"IDT {tramite.idt}: " + "; ".join(problemas),
        )

    def cancelamento_recusado(self, idt: int, http_status: int | None, mensagem: str) -> None:
        aprovada = http_status is not None and 400 <= http_status < 500
        self._registrar(
            "Cancelamento recusado após a conclusão",
            {"IDT": idt, "http_status": http_status, "mensagem": mensagem},
            aprovada,
            f"IDT {idt}: o Tramita.GOV.BR recusou o cancelamento (HTTP {http_status}: {mensagem})"
            if aprovada
            else f"IDT {idt}: esperava-se a recusa do cancelamento, mas {mensagem}",
        )

    def assinatura_do_recibo(self, conferencia: ConferenciaDeRecibo) -> None:
        self._registrar(
            f"Assinatura do {conferencia.tipo}",
            conferencia.como_json(),
            conferencia.assinatura_confere,
            conferencia.descrever(),
        )
