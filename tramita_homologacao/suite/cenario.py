"""The scenario façade: what a step may ask, in the words of the features, for the scenario under way.

One object per scenario, bound to its requirement and name, holding the one trâmite the scenario
is about (as the run record has it). It decides what the steps must not: taking up what an earlier
run left open, where a counterpart's processo comes from, how to wait in each environment. Steps
call one method each; no HTTP, no environment branching in them. Who acts is its `ator`: the harness
through the API (`ator_api.py`) or the organ's own SPE, instructed and watched (`ator_assistido.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tramita_homologacao.campanha.adocao import adotar_enviados_pelo_pen, aguardando_o_pen
from tramita_homologacao.campanha.unidades import NomesDasUnidades
from tramita_homologacao.conformidade.desfechos import Aguardando
from tramita_homologacao.conformidade.requisitos import POR_ID
from tramita_homologacao.ensaio.controle import contraparte_simulada, raiz_do_simulador
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.assistido import OrgaoObservador
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.ator_api import AtorDaApi
from tramita_homologacao.suite.ator_assistido import AtorAssistido
from tramita_homologacao.suite.cenario_estendido import CasosDoPerfilEstendido
from tramita_homologacao.suite.estado import Ator


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
class CenarioEmTeste(CasosDoPerfilEstendido):
    """The scenario's façade for the steps: what the steps ask, done by whoever acts for the organ."""

    def __post_init__(self) -> None:
        self.ator = ator_do_orgao(self.orgao)

    # --- the organ as remetente ---------------------------------------------------------------
    def enviar(self, contraparte_de: str | None = None) -> None:
        """Sends the processo to the counterpart of this requirement (or of `contraparte_de`)."""
        self.ator.enviar(self, self.ambiente.contraparte(contraparte_de or self.requisito).endereco)

    def receber_recibo_de_conclusao(self) -> None:
        self.ator.receber_recibo_de_conclusao(self)

    def cancelar(self) -> None:
        self.ator.cancelar(self)

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

    def conferir_cancelamento_recusado(self) -> None:
        recusa = self.ator.tentar_cancelar(self)
        if recusa is None:
            self.verificador.cancelamento_recusado(self.idt, None, "o cancelamento foi aceito")
        else:
            self.verificador.cancelamento_recusado(self.idt, recusa.http_status, recusa.mensagem)
