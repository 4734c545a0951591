"""The scenario façade: what a step may ask, in the words of the features, for the scenario under way.

One object per scenario, bound to its requirement and name, holding the one trâmite the scenario
is about (as the run record has it). It decides what the steps must not: taking up what an earlier
run left open, where a counterpart's processo comes from, how to wait in each environment. Steps
call one method each; no HTTP, no environment branching in them. Who acts is its `ator`: the harness
through the API (`ator_api.py`) or the organ's own SPE, instructed and watched (`ator_assistido.py`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol

from tramita_homologacao.campanha.adocao import adotar_enviados_pelo_pen, aguardando_o_pen
from tramita_homologacao.campanha.unidades import NomesDasUnidades
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.cliente.tipos import Metadados
from tramita_homologacao.conformidade.desfechos import Aguardando
from tramita_homologacao.conformidade.metadados import (
    anexado_e_apensado,
    componente_grande,
    devolucao,
    documento_avulso,
    sigilo_restrito,
    varios_componentes,
)
from tramita_homologacao.conformidade.requisitos import POR_ID
from tramita_homologacao.ensaio.controle import contraparte_simulada, esgotar_prazo, raiz_do_simulador
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.assistido import OrgaoObservador
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.orgao.processo_teste import DO_MINIMO, Variante, documento_grande, marca_de_teste
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.ator_api import AtorDaApi
from tramita_homologacao.suite.ator_assistido import AtorAssistido
from tramita_homologacao.suite.estado import EstadoDoCenario


class Ator(Protocol):
    """Who does what the organ does in a scenario; the façade keeps the state, the checks and the rest."""

    def preparar_processo(self, cenario: EstadoDoCenario) -> None: ...
    def enviar(self, cenario: EstadoDoCenario, destino: Endereco) -> None: ...
    def receber_recibo_de_conclusao(self, cenario: EstadoDoCenario) -> None: ...
    def cancelar(self, cenario: EstadoDoCenario) -> None: ...
    def tomar_ciencia_da_recusa(self, cenario: EstadoDoCenario) -> None: ...
    def aguardar_cancelamento_automatico(self, cenario: EstadoDoCenario) -> None: ...
    def metadados_do_tramite(self, cenario: EstadoDoCenario) -> Metadados: ...
    def tentar_cancelar(self, cenario: EstadoDoCenario) -> ErroDaApi | None: ...
    def receber_processo(self, cenario: EstadoDoCenario) -> None: ...
    def recusar(self, cenario: EstadoDoCenario, motivo: MotivoRecusa, justificativa: str) -> None: ...
    def componentes_recebidos(self, cenario: EstadoDoCenario) -> tuple[str, Collection[str], Collection[str]]: ...


def ator_do_orgao(orgao: Observador) -> Ator:
    """The organ's SPE, watched, when the organ only observes; the harness through the API otherwise."""
    if isinstance(orgao, OrgaoObservador):
        return AtorAssistido(orgao)
    assert isinstance(orgao, OrgaoEmTeste), "um órgão que só observa é o do modo assistido"
    return AtorDaApi(orgao)


JUSTIFICATIVA_BASE = "Justificativa de teste de homologação no limite de caracteres aceito pelo Tramita.GOV.BR. "


def justificativa_de_teste(tamanho: int) -> str:
    """A readable justificativa of exactly `tamanho` characters."""
    return (JUSTIFICATIVA_BASE * (tamanho // len(JUSTIFICATIVA_BASE) + 1))[:tamanho]


@dataclass(repr=False)
class CenarioEmTeste(EstadoDoCenario):
    """The scenario's façade for the steps: what the steps ask, done by whoever acts for the organ."""

    ator: Ator = field(init=False)

    def __post_init__(self) -> None:
        self.ator = ator_do_orgao(self.orgao)

    # --- the organ as remetente ---------------------------------------------------------------
    def preparar_processo(self, variante: Variante = DO_MINIMO) -> None:
        """The test processo; `variante`: what a case of the extended profile changes in it."""
        self.variante = variante
        self.ator.preparar_processo(self)

    def enviar(self, contraparte_de: str | None = None) -> None:
        """Sends the processo to the counterpart of this requirement (or of `contraparte_de`)."""
        self.ator.enviar(self, self.ambiente.contraparte(contraparte_de or self.requisito).endereco)

    def receber_recibo_de_conclusao(self) -> None:
        self.ator.receber_recibo_de_conclusao(self)

    def cancelar(self) -> None:
        self.ator.cancelar(self)

    def preparar_o_que_o_destino_recusa(self, pelo_que: str) -> None:
        """The test processo with a further document the counterpart's SEI refuses by itself `pelo_que` ("especie",
        "formato", "tamanho"); what its refusal must say is kept for the check. Only the simulator's counterparts
        say what they refuse."""
        raiz = raiz_do_simulador(self.url_raiz)
        contraparte = contraparte_simulada(self.ambiente, self.requisito, raiz, self.sessao_de_controle)
        a_mais, self.recusa_pelo_spe = contraparte.o_que_recusa().documento_recusado(pelo_que)
        self.preparar_processo(Variante(a_mais=a_mais))

    def preparar_componente_grande(self) -> None:
        """The test processo with a further document half as large again as the transfer block
        (`[conexao].tamanho_bloco_mb`): it goes, and comes back, in parts."""
        self.preparar_processo(Variante(a_mais=documento_grande(self._bloco + self._bloco // 2)))

    @property
    def _bloco(self) -> int:
        return self.ambiente.conexao.tamanho_bloco_mb * 1024**2

    def tomar_ciencia_da_recusa(self) -> None:
        self.ator.tomar_ciencia_da_recusa(self)

    def esperar_o_cancelamento_automatico(self) -> None:
        """Nobody receives or cancels the trâmite. The simulator lets its deadline run out now; elsewhere the
        platform's deadline (days) is waited for, as any wait of the campaign."""
        self.ator.aguardar_cancelamento_automatico(self)
        if self.ambiente.tipo == "simulador":
            esgotar_prazo(self.url_raiz, self.idt, self.sessao_de_controle)

    # --- the organ as destinatário ------------------------------------------------------------
    def receber_envio_da_contraparte(self) -> None:
        """The processo the counterpart sent: one an earlier run left open or took up, or (simulator) one asked
        for now. Elsewhere people send it: the campaign asks PEN, adopts what arrives, and waits meanwhile.
        """
        pendente = self.orgao.tramite_recebido_pendente(self.requisito, self.nome)
        if pendente is None and self.ambiente.tipo != "simulador":
            pedido = self.orgao.registro.registrar_pedido(self.requisito, self.nome, self.orgao.agora_na_plataforma())
            adotar_enviados_pelo_pen(self.orgao)
            pendente = self.orgao.tramite_recebido_pendente(self.requisito, self.nome)
            if pendente is None:
                nomes = NomesDasUnidades.da_campanha(self.ambiente, self.orgao.registro.livro)
                raise Aguardando(aguardando_o_pen(self.ambiente, pedido, self.como_acompanhar, nomes))
        if pendente is None:
            raiz = raiz_do_simulador(self.url_raiz)
            contraparte = contraparte_simulada(self.ambiente, self.requisito, raiz, self.sessao_de_controle)
            # SEI refuses by itself only what it cannot take: the processo to refuse carries such a file format
            recusado = POR_ID[self.requisito].situacao_final == Situacao.CIENCIA_RECUSA
            enviado = contraparte.enviar_processo(
                self.ambiente.orgao.endereco_recebimento,
                marca=marca_de_teste(self.ambiente.orgao.sigla),
                extensao=(self.ambiente.formato_que_o_spe_recusa or "") if recusado else "",
            )
            self.orgao.adotar_tramite_recebido(
                enviado.idt, enviado.nre, enviado.protocolo, requisito=self.requisito, cenario=self.nome
            )
            pendente = self.orgao.registro.exigir_proprio(enviado.idt, "receber")
        self.tramite = pendente
        self.orgao.aguardar_pendencia(pendente.idt)

    def receber_devolucao(self) -> None:
        """The counterpart sends back the processo the organ sent it (simulator: asked now), with a new document and
        only the pending components; the organ's receiving unit gets it. What the platform asked the counterpart to
        upload is noted: read at arrival, the organ's list could already be empty (SEI receives at once)."""
        enviado = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        raiz = raiz_do_simulador(self.url_raiz)
        contraparte = contraparte_simulada(self.ambiente, self.requisito, raiz, self.sessao_de_controle)
        volta = contraparte.devolver(enviado.idt, self.ambiente.orgao.endereco_recebimento)
        self.orgao.adotar_tramite_recebido(
            volta.idt, volta.nre, volta.protocolo, requisito=self.requisito, cenario=self.nome
        )
        self.devolvido_de, self.tramite = enviado, self.orgao.registro.exigir_proprio(volta.idt, "receber")
        self.pendentes_na_devolucao = volta.solicitados
        self.orgao.aguardar_pendencia(volta.idt)

    def receber_processo(self) -> None:
        self.ator.receber_processo(self)

    def recusar(self, motivo: MotivoRecusa, justificativa: str) -> None:
        self.ator.recusar(self, motivo, justificativa)
        self.recusa = (motivo, justificativa)

    # --- checks -------------------------------------------------------------------------------
    def conferir_situacao_final(self, esperada: Situacao) -> None:
        self.verificador.situacao_final(self.orgao.aguardar(self.idt, {esperada}), esperada)

    def conferir_historico(self, esperado: list[int]) -> None:
        self.verificador.historico(self.orgao.consultar(self.idt), esperado)

    def conferir_hashes_do_recibo_de_envio(self) -> None:
        tramite = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        recibo = tramite.recibo(RECIBO_DE_ENVIO.nome)
        self.verificador.hashes_conferem(
            "hashes_do_recibo_de_envio",
            self.idt,
            "recibo de envio",
            recibo.hashes if recibo else (),
            tramite.hashes_enviados,
            recibo,
        )

    def conferir_hashes_do_recibo_de_conclusao(self) -> None:
        tramite = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        recibo = self.recibo_de_conclusao
        self.verificador.hashes_conferem(
            "hashes_do_recibo_de_conclusao",
            self.idt,
            "recibo de conclusão",
            recibo.hashes if recibo else (),
            tramite.hashes_enviados,
            recibo,
        )

    def conferir_assinatura_do_recibo_de_conclusao(self) -> None:
        if self.recibo_de_conclusao is None:
            self.faltou_o_passo("confere um recibo de conclusão que não recebeu")
        self.verificador.assinatura_do_recibo(self.recibo_de_conclusao)

    def conferir_componentes_recebidos(self) -> None:
        observado, recebidos, declarados = self.ator.componentes_recebidos(self)
        self.verificador.hashes_conferem("componentes_recebidos", self.idt, observado, recebidos, declarados)

    def conferir_recusa(self) -> None:
        if self.recusa_pelo_spe:
            self.verificador.recusa_pelo_spe(self.orgao.consultar(self.idt), self.recusa_pelo_spe)
            return
        if self.recusa is None:
            self.faltou_o_passo("confere uma recusa que não fez")
        motivo, justificativa = self.recusa
        self.verificador.recusa(self.orgao.consultar(self.idt), motivo, justificativa)

    def conferir_documento_avulso(self) -> None:
        metadados = self.ator.metadados_do_tramite(self)
        enviados = self.orgao.registro.exigir_proprio(self.idt, "conferir").hashes_enviados
        self.verificador.metadados("documento_avulso_registrado", metadados, documento_avulso(metadados, enviados))

    def conferir_varios_componentes(self, minimo: int) -> None:
        metadados = self.ator.metadados_do_tramite(self)
        enviados = self.orgao.registro.exigir_proprio(self.idt, "conferir").hashes_enviados
        avaliacao = varios_componentes(metadados, minimo, enviados)
        self.verificador.metadados("varios_componentes_registrados", metadados, avaliacao)

    def conferir_sigilo_restrito(self) -> None:
        metadados = self.ator.metadados_do_tramite(self)
        ativas = {h.identificacao: h.nome for h in self.orgao.cliente.listar_hipoteses_legais() if h.ativa}
        enviada = self.processo.hipotese_legal if self.processo else None  # known when the harness sent it
        self.verificador.metadados("sigilo_registrado", metadados, sigilo_restrito(metadados, ativas, enviada))

    def conferir_componente_grande(self) -> None:
        metadados = self.ator.metadados_do_tramite(self)
        enviado = self.processo.documentos[-1].componentes[0].hash if self.processo else None  # the harness's
        avaliacao = componente_grande(metadados, self._bloco, enviado)
        self.verificador.metadados("componente_grande_registrado", metadados, avaliacao)

    def conferir_anexado_e_apensado(self) -> None:
        metadados = self.ator.metadados_do_tramite(self)
        processo = self.processo  # the NUPs, when the harness sent it
        anexado = (
            next((d.processo_anexado for d in processo.documentos if d.processo_anexado), None) if processo else None
        )
        apensado = processo.apensados[0].protocolo if processo and processo.apensados else None
        avaliacao = anexado_e_apensado(metadados, anexado, apensado)
        self.verificador.metadados("anexado_e_apensado_registrados", metadados, avaliacao)

    def conferir_devolucao(self) -> None:
        if self.devolvido_de is None:
            self.faltou_o_passo("confere uma devolução que não houve")
        metadados = self.ator.metadados_do_tramite(self)
        anterior = self.devolvido_de
        avaliacao = devolucao(metadados, anterior.nre, anterior.hashes_enviados, self.pendentes_na_devolucao)
        self.verificador.metadados("devolucao_so_pendentes", metadados, avaliacao)

    def conferir_recusa_automatica(self) -> None:
        if self.recusa_pelo_spe is None:
            self.faltou_o_passo("confere uma recusa automática sem saber o que o destino recusa")
        tramite = self.orgao.consultar(self.idt)
        self.verificador.recusa_pelo_spe(tramite, self.recusa_pelo_spe, "recusa_automatica_registrada")

    def conferir_cancelamento_recusado(self) -> None:
        recusa = self.ator.tentar_cancelar(self)
        if recusa is None:
            self.verificador.cancelamento_recusado(self.idt, None, "o cancelamento foi aceito")
        else:
            self.verificador.cancelamento_recusado(self.idt, recusa.http_status, recusa.mensagem)
