"""The façade's part for the extended profile's cases (`features/estendido/`): what their steps ask, the processo
each case sends, and the checks of what the platform records of it. The minimum requirements' part is `cenario.py`,
which builds on this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tramita_homologacao.conformidade.desfechos import Inconclusivo
from tramita_homologacao.conformidade.metadados import (
    anexado_e_apensado,
    componente_grande,
    devolucao,
    documento_a_mais,
    documento_avulso,
    sigilo_restrito,
    varios_componentes,
)
from tramita_homologacao.ensaio.controle import contraparte_simulada, esgotar_prazo, raiz_do_simulador
from tramita_homologacao.orgao.processo_teste import DO_MINIMO, Variante, documento_grande
from tramita_homologacao.protocolo.situacoes import Situacao as S
from tramita_homologacao.suite.estado import Ator, EstadoDoCenario

# The destination received (its recibo sent or fetched): no refusal, no automatic cancellation, is left to happen.
RECEBIDO = frozenset({S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE})


@dataclass(repr=False)
class CasosDoPerfilEstendido(EstadoDoCenario):
    """The façade's methods for the extended cases; `ator` acts for the organ (set by the façade)."""

    ator: Ator = field(init=False)

    def preparar_processo(self, variante: Variante = DO_MINIMO) -> None:
        """The test processo (the minimum requirements' too); `variante`: what an extended case changes in it."""
        self.variante = variante
        self.ator.preparar_processo(self)

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
        """The destination refuses (8) and the organ acknowledges (9). A destination that received instead proves
        nothing of the organ when the processo carried what it should have refused (inconclusive); when it did not,
        the organ sent something else, and the case's clause says so."""
        if self.orgao.aguardar(self.idt, {S.RECUSADO, S.CIENCIA_RECUSA, *RECEBIDO}).situacao in RECEBIDO:
            a_mais = self.variante.a_mais
            if a_mais is None:
                self.faltou_o_passo("espera uma recusa sem ter preparado o que o destino recusa")
            metadados = self.ator.metadados_do_tramite(self)
            avaliacao = documento_a_mais(metadados, a_mais.especie_codigo, a_mais.extensao, a_mais.tamanho_minimo)
            if not avaliacao.problemas:
                raise Inconclusivo(
                    f"O destino recebeu o processo do trâmite {self.idt} em vez de recusá-lo, e ele leva o que o "
                    f"destino deveria recusar (um documento da espécie {a_mais.especie_nome}, em arquivo "
                    f".{a_mais.extensao}): nada se prova do órgão, e não é falha dele. {self._repetir()}"
                )
            self.verificador.metadados("recusa_automatica_registrada", metadados, avaliacao)
        self.ator.tomar_ciencia_da_recusa(self)

    def esperar_o_cancelamento_automatico(self) -> None:
        """Nobody receives or cancels the trâmite. The simulator lets its deadline run out now; elsewhere the
        platform's deadline (days) is waited for, as any wait of the campaign. A destination that received it
        first leaves nothing to prove, through no fault of the organ."""
        self.ator.aguardar_cancelamento_automatico(self)
        if self.ambiente.tipo == "simulador":
            esgotar_prazo(self.url_raiz, self.idt, self.sessao_de_controle)
        alvo = {S.CANCELADO_AUTOMATICAMENTE, S.CANCELADO, *RECEBIDO}
        situacao = self.orgao.aguardar(self.idt, alvo).situacao
        if situacao in RECEBIDO:
            raise Inconclusivo(
                f"O destino recebeu o trâmite {self.idt} (situação {situacao.rotulo()}) antes do fim do prazo: não "
                f"houve cancelamento automático a provar, e não é falha do órgão. {self._repetir()}"
            )

    def _repetir(self) -> str:
        return (
            f"Confira a contraparte do requisito ([contrapartes.{self.requisito}]) e repita com {self.como_executar} "
            f"--refazer {self.requisito}"
        )

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
