"""The scenario façade: what a step may ask, in the words of the features, for the scenario under way.

One object per scenario, bound to its requirement and name, holding the one trâmite the scenario
is about (as the run record has it). It decides what the steps must not: taking up what an earlier
run left open, where a counterpart's processo comes from, how to wait in each environment. Steps
call one method each; no HTTP, no environment branching in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from faker import Faker

from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.orgao.acoes import OrgaoEmTeste, ProcessoRecebido
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste, gerar_processo_de_teste, marca_de_teste
from tramita_homologacao.orgao.registro import TramiteRegistrado
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.controle import aguardando_envio_da_contraparte, contraparte_simulada

JUSTIFICATIVA_BASE = "Justificativa de teste de homologação no limite de caracteres aceito pelo Tramita.GOV.BR. "


def justificativa_de_teste(tamanho: int) -> str:
    """A readable justificativa of exactly `tamanho` characters."""
    return (JUSTIFICATIVA_BASE * (tamanho // len(JUSTIFICATIVA_BASE) + 1))[:tamanho]


@dataclass
class CenarioEmTeste:
    requisito: str
    nome: str
    orgao: OrgaoEmTeste
    verificador: Verificador
    faker: Faker
    pasta: Path
    url_raiz: str  # where the simulator's control API lives, when the counterpart is simulated
    processo: ProcessoDeTeste | None = None
    tramite: TramiteRegistrado | None = None
    recebido: ProcessoRecebido | None = None
    recibo_de_conclusao: ConferenciaDeRecibo | None = None
    recusa: tuple[MotivoRecusa, str] | None = None

    @property
    def ambiente(self) -> Ambiente:
        return self.orgao.ambiente

    @property
    def idt(self) -> int:
        if self.tramite is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' ainda não tem trâmite: falta o passo que o cria.")
        return self.tramite.idt

    # --- the organ as remetente ---------------------------------------------------------------
    def preparar_processo(self) -> None:
        orgao = self.ambiente.orgao
        unidade = self.orgao.cliente.consultar_estrutura(orgao.repositorio, orgao.unidade_envio)
        self.processo = gerar_processo_de_teste(
            self.faker,
            self.pasta / "enviados",
            unidade=unidade.nome,
            sigla_unidade=unidade.sigla,
            marca=marca_de_teste(orgao.sigla),
        )

    def enviar(self, contraparte_de: str | None = None) -> None:
        """Sends the processo to the counterpart of this requirement (or of `contraparte_de`)."""
        if self.processo is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' envia um processo que nenhum passo preparou.")
        destino = self.ambiente.contraparte(contraparte_de or self.requisito).endereco
        self.tramite = self.orgao.enviar_processo(self.processo, destino, requisito=self.requisito, cenario=self.nome)

    def receber_recibo_de_conclusao(self) -> None:
        self.orgao.aguardar(self.idt, {Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE})
        self.recibo_de_conclusao = self.orgao.receber_recibo_de_conclusao(self.idt)

    def cancelar(self) -> None:
        self.orgao.cancelar(self.idt)

    # --- the organ as destinatário ------------------------------------------------------------
    def receber_envio_da_contraparte(self) -> None:
        """The processo the counterpart sent: one an earlier run left open, or (simulator) one asked for now.

        Elsewhere the counterpart is operated by people: the scenario waits for them.
        """
        pendente = self.orgao.tramite_recebido_pendente(self.requisito, self.nome)
        if pendente is None:
            if self.ambiente.tipo != "simulador":
                pytest.skip(aguardando_envio_da_contraparte(self.ambiente, self.requisito))
            raiz = self.url_raiz.split("/interoperabilidade/")[0]
            contraparte = contraparte_simulada(self.ambiente, self.requisito, raiz, self.orgao.cliente.sessao)
            enviado = contraparte.enviar_processo(
                self.ambiente.orgao.endereco_recebimento, marca=marca_de_teste(self.ambiente.orgao.sigla)
            )
            self.orgao.adotar_tramite_recebido(
                enviado.idt, enviado.nre, enviado.protocolo, requisito=self.requisito, cenario=self.nome
            )
            pendente = self.orgao.registro.exigir_proprio(enviado.idt, "receber")
        self.tramite = pendente
        self.orgao.aguardar_pendencia(pendente.idt)

    def receber_processo(self) -> None:
        self.recebido = self.orgao.receber_processo(self.idt)

    def recusar(self, motivo: MotivoRecusa, justificativa: str) -> None:
        self.orgao.recusar(self.idt, motivo, justificativa)
        self.recusa = (motivo, justificativa)

    # --- checks -------------------------------------------------------------------------------
    def conferir_situacao_final(self, esperada: Situacao) -> None:
        self.verificador.situacao_final(self.orgao.aguardar(self.idt, {esperada}), esperada)

    def conferir_historico(self, esperado: list[int]) -> None:
        self.verificador.historico(self.orgao.consultar(self.idt), esperado)

    def conferir_hashes_do_recibo_de_envio(self) -> None:
        tramite = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        recibo = tramite.recibo(RECIBO_DE_ENVIO.nome)
        self.verificador.hashes_conferem("recibo de envio", recibo.hashes if recibo else (), tramite.hashes_enviados)

    def conferir_hashes_do_recibo_de_conclusao(self) -> None:
        tramite = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        hashes = self.recibo_de_conclusao.hashes if self.recibo_de_conclusao else ()
        self.verificador.hashes_conferem("recibo de conclusão", hashes, tramite.hashes_enviados)

    def conferir_assinatura_do_recibo_de_conclusao(self) -> None:
        if self.recibo_de_conclusao is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' confere um recibo de conclusão que não recebeu.")
        self.verificador.assinatura_do_recibo(self.recibo_de_conclusao)

    def conferir_componentes_recebidos(self) -> None:
        if self.recebido is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' confere componentes que não recebeu.")
        declarados = {c.hash for c in self.recebido.metadados.componentes()}
        self.verificador.hashes_conferem("conteúdo baixado", self.recebido.hashes_calculados, declarados)

    def conferir_recusa(self) -> None:
        if self.recusa is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' confere uma recusa que não fez.")
        motivo, justificativa = self.recusa
        self.verificador.recusa(self.orgao.consultar(self.idt), motivo, justificativa)

    def conferir_cancelamento_recusado(self) -> None:
        try:
            self.orgao.cancelar(self.idt)
        except ErroDaApi as erro:
            self.verificador.cancelamento_recusado(self.idt, erro.http_status, erro.mensagem)
        else:
            self.verificador.cancelamento_recusado(self.idt, None, "o cancelamento foi aceito")
