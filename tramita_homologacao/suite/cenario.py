"""The scenario façade: what a step may ask, in the words of the features, for the scenario under way.

One object per scenario, bound to its requirement and name, holding the one trâmite the scenario
is about (as the run record has it). It decides what the steps must not: taking up what an earlier
run left open, where a counterpart's processo comes from, how to wait in each environment. Steps
call one method each; no HTTP, no environment branching in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from faker import Faker

from tramita_homologacao.campanha.adocao import adotar_enviados_pelo_pen, aguardando_o_pen
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo, falha_transitoria
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.ensaio.controle import contraparte_simulada, raiz_do_simulador
from tramita_homologacao.orgao.acoes import NadaARetomar, OrgaoEmTeste, ProcessoRecebido
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste, gerar_processo_de_teste, marca_de_teste
from tramita_homologacao.orgao.registro import TramiteRegistrado
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao

RECEBIMENTO_INICIADO = frozenset({Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE})


JUSTIFICATIVA_BASE = "Justificativa de teste de homologação no limite de caracteres aceito pelo Tramita.GOV.BR. "


def justificativa_de_teste(tamanho: int) -> str:
    """A readable justificativa of exactly `tamanho` characters."""
    return (JUSTIFICATIVA_BASE * (tamanho // len(JUSTIFICATIVA_BASE) + 1))[:tamanho]


@dataclass(repr=False)
class CenarioEmTeste:
    requisito: str
    nome: str
    orgao: OrgaoEmTeste
    verificador: Verificador
    faker: Faker
    pasta: Path
    url_raiz: str  # where the simulator's control API lives, when the counterpart is simulated
    como_acompanhar: str = "tramita-homologacao acompanhar --aguardar"  # the commands, as the user can run them
    como_executar: str = "tramita-homologacao executar"
    so_retomar: bool = False  # following up (acompanhar): nothing new is sent
    # the HTTP session to reach the simulator's control API (its counterparts), when there is one
    sessao_de_controle: requests.Session = field(default_factory=requests.Session)
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

    def __repr__(self) -> str:  # how Allure shows it as a step's parameter: short, no paths
        return f"cenário '{self.nome}' (requisito {self.requisito})"

    def enviar(self, contraparte_de: str | None = None) -> None:
        """Sends the processo to the counterpart of this requirement (or of `contraparte_de`)."""
        if self.processo is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' envia um processo que nenhum passo preparou.")
        destino = self.ambiente.contraparte(contraparte_de or self.requisito).endereco
        try:
            self.tramite = self.orgao.enviar_processo(
                self.processo, destino, requisito=self.requisito, cenario=self.nome, so_retomar=self.so_retomar
            )
        except NadaARetomar as erro:
            raise Aguardando(
                f"Aguardando uma nova execução: {erro} O acompanhamento não envia processos novos; para enviar "
                f"outro: {self.como_executar}"
            ) from None

    def receber_recibo_de_conclusao(self) -> None:
        self.orgao.aguardar(self.idt, {Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE})
        self.recibo_de_conclusao = self.orgao.receber_recibo_de_conclusao(self.idt)

    def cancelar(self) -> None:
        """Cancels; outside the simulator a destinatário that started receiving first makes it inconclusive.

        A real SPE may receive at once, and the organ cannot win that race: it is not the organ's failure.
        The trâmite is then brought to its end (recibo de conclusão fetched), and a later run tries anew.
        """
        try:
            self.orgao.cancelar(self.idt)
        except ErroDaApi as erro:
            if falha_transitoria(erro):
                raise  # the platform did not answer: nothing to judge, the next run cancels it
            situacao = self.orgao.consultar(self.idt).situacao
            if self.ambiente.tipo == "simulador" or situacao not in RECEBIMENTO_INICIADO:
                raise
            if situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO:
                self.orgao.receber_recibo_de_conclusao(self.idt)
            self.orgao.registro.livro.marcar(self.idt, avaliado=True)
            raise Inconclusivo(
                f"Inconclusivo: o destinatário iniciou o recebimento do trâmite {self.idt} antes do cancelamento "
                f"(situação {int(situacao)}), e o Tramita.GOV.BR recusou cancelá-lo ({erro.mensagem}). Não é falha do "
                "órgão: um SPE real pode receber de imediato. O cancelamento não é requisito publicado pelo PEN: "
                f"deixe-o assim ou repita-o (envia outro processo) com {self.como_executar} --refazer {self.requisito}"
            ) from None

    # --- the organ as destinatário ------------------------------------------------------------
    def receber_envio_da_contraparte(self) -> None:
        """The processo the counterpart sent: one an earlier run left open or took up, or (simulator) one asked
        for now. Elsewhere people send it: the campaign asks PEN, adopts what arrives, and waits meanwhile.
        """
        pendente = self.orgao.tramite_recebido_pendente(self.requisito, self.nome)
        if pendente is None and self.ambiente.tipo != "simulador":
            pedido = self.orgao.registro.livro.registrar_pedido(
                self.requisito, self.nome, self.orgao.agora_na_plataforma()
            )
            adotar_enviados_pelo_pen(self.orgao)
            pendente = self.orgao.tramite_recebido_pendente(self.requisito, self.nome)
            if pendente is None:
                raise Aguardando(aguardando_o_pen(self.ambiente, pedido, self.como_acompanhar))
        if pendente is None:
            raiz = raiz_do_simulador(self.url_raiz)
            contraparte = contraparte_simulada(self.ambiente, self.requisito, raiz, self.sessao_de_controle)
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
            raise pytest.UsageError(f"O cenário '{self.nome}' confere um recibo de conclusão que não recebeu.")
        self.verificador.assinatura_do_recibo(self.recibo_de_conclusao)

    def conferir_componentes_recebidos(self) -> None:
        if self.recebido is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' confere componentes que não recebeu.")
        declarados = {c.hash for c in self.recebido.metadados.componentes()}
        self.verificador.hashes_conferem(
            "componentes_recebidos", self.idt, "conteúdo baixado", self.recebido.hashes_calculados, declarados
        )

    def conferir_recusa(self) -> None:
        if self.recusa is None:
            raise pytest.UsageError(f"O cenário '{self.nome}' confere uma recusa que não fez.")
        motivo, justificativa = self.recusa
        self.verificador.recusa(self.orgao.consultar(self.idt), motivo, justificativa)

    def conferir_cancelamento_recusado(self) -> None:
        try:
            self.orgao.cancelar(self.idt)
        except ErroDaApi as erro:
            if falha_transitoria(erro):
                raise  # a platform that failed did not refuse anything
            self.verificador.cancelamento_recusado(self.idt, erro.http_status, erro.mensagem)
        else:
            self.verificador.cancelamento_recusado(self.idt, None, "o cancelamento foi aceito")
