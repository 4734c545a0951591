"""Who acts in API mode: the harness itself, as the organ's SPE, through the REST API."""

from __future__ import annotations

from collections.abc import Collection

from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.cliente.tipos import Metadados
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo, falha_transitoria
from tramita_homologacao.orgao.acoes import NadaARetomar, OrgaoEmTeste
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, marca_de_teste
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.estado import EstadoDoCenario

RECEBIMENTO_INICIADO = frozenset({Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE})


class AtorDaApi:
    def __init__(self, orgao: OrgaoEmTeste) -> None:
        self.orgao = orgao

    def preparar_processo(self, cenario: EstadoDoCenario) -> None:
        orgao = cenario.ambiente.orgao
        unidade = self.orgao.cliente.consultar_estrutura(orgao.repositorio, orgao.unidade_envio)
        cenario.processo = gerar_processo_de_teste(
            cenario.faker,
            cenario.pasta / "enviados",
            unidade=unidade.nome,
            sigla_unidade=unidade.sigla,
            marca=marca_de_teste(orgao.sigla),
            variante=cenario.variante,
            hipotese_legal=self._hipotese_legal_ativa() if cenario.variante.restrito else None,
        )

    def _hipotese_legal_ativa(self) -> int:
        """The first hipótese legal the platform lists as active (`GET hipoteses?ativos=1`)."""
        ativa = next((h for h in self.orgao.cliente.listar_hipoteses_legais() if h.ativa), None)
        if ativa is None:
            raise Inconclusivo(
                "O Tramita.GOV.BR não lista nenhuma hipótese legal ativa: não há como enviar um processo restrito. "
                "Não é falha do órgão; pergunte ao PEN e repita o caso depois."
            )
        return ativa.identificacao

    def tomar_ciencia_da_recusa(self, cenario: EstadoDoCenario) -> None:
        """The destinatário refused (8): the organ, as remetente, acknowledges it (9)."""
        if self.orgao.aguardar(cenario.idt, {Situacao.RECUSADO, Situacao.CIENCIA_RECUSA}).situacao == Situacao.RECUSADO:
            self.orgao.dar_ciencia_da_recusa(cenario.idt)

    def aguardar_cancelamento_automatico(self, cenario: EstadoDoCenario) -> None:
        """The harness, as the organ's SPE, only waits: nobody receives or cancels the trâmite."""

    def metadados_do_tramite(self, cenario: EstadoDoCenario) -> Metadados:
        registrado = self.orgao.registro.exigir_proprio(cenario.idt, "conferir")
        return self.orgao.do_tramite(ClienteDeConsulta(self.orgao.cliente).ler_metadados(cenario.idt), registrado)

    def enviar(self, cenario: EstadoDoCenario, destino: Endereco) -> None:
        if cenario.processo is None:
            cenario.faltou_o_passo("envia um processo que nenhum passo preparou")
        try:
            cenario.tramite = self.orgao.enviar_processo(
                cenario.processo,
                destino,
                requisito=cenario.requisito,
                cenario=cenario.nome,
                so_retomar=cenario.so_retomar,
            )
        except NadaARetomar as erro:
            raise Aguardando(
                f"Aguardando uma nova execução: {erro} O acompanhamento não envia processos novos; para enviar "
                f"outro: {cenario.como_executar}"
            ) from None

    def receber_recibo_de_conclusao(self, cenario: EstadoDoCenario) -> None:
        self.orgao.aguardar(cenario.idt, RECEBIMENTO_INICIADO)
        cenario.recibo_de_conclusao = self.orgao.receber_recibo_de_conclusao(cenario.idt)

    def cancelar(self, cenario: EstadoDoCenario) -> None:
        """Cancels; outside the simulator a destinatário that started receiving first makes it inconclusive.

        A real SPE may receive at once, and the organ cannot win that race: it is not the organ's failure.
        The trâmite is then brought to its end (recibo de conclusão fetched), and a later run tries anew.
        """
        idt = cenario.idt
        try:
            self.orgao.cancelar(idt)
        except ErroDaApi as erro:
            if falha_transitoria(erro):
                raise  # the platform did not answer: nothing to judge, the next run cancels it
            situacao = self.orgao.consultar(idt).situacao
            if cenario.ambiente.tipo == "simulador" or situacao not in RECEBIMENTO_INICIADO:
                raise
            if situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO:
                self.orgao.receber_recibo_de_conclusao(idt)
            self.orgao.registro.marcar(idt, avaliado=True)
            raise Inconclusivo(
                f"Inconclusivo: o destinatário iniciou o recebimento do trâmite {idt} antes do cancelamento "
                f"(situação {int(situacao)}), e o Tramita.GOV.BR recusou cancelá-lo ({erro.mensagem}). Não é falha do "
                "órgão: um SPE real pode receber de imediato. O cancelamento não é requisito publicado pelo PEN: "
                f"deixe-o assim ou repita-o (envia outro processo) com {cenario.como_executar} --refazer "
                f"{cenario.requisito}"
            ) from None

    def tentar_cancelar(self, cenario: EstadoDoCenario) -> ErroDaApi | None:
        """Asks to cancel a trâmite that may no longer be cancelled: the platform's refusal, or None if accepted."""
        try:
            self.orgao.cancelar(cenario.idt)
        except ErroDaApi as erro:
            if falha_transitoria(erro):
                raise  # a platform that failed did not refuse anything
            return erro
        return None

    def receber_processo(self, cenario: EstadoDoCenario) -> None:
        cenario.recebido = self.orgao.receber_processo(cenario.idt)

    def recusar(self, cenario: EstadoDoCenario, motivo: MotivoRecusa, justificativa: str) -> None:
        self.orgao.recusar(cenario.idt, motivo, justificativa)

    def componentes_recebidos(self, cenario: EstadoDoCenario) -> tuple[str, Collection[str], Collection[str]]:
        """(what was observed, the hashes received, the hashes declared in the metadata)."""
        if cenario.recebido is None:
            cenario.faltou_o_passo("confere componentes que não recebeu")
        declarados = {c.hash for c in cenario.recebido.metadados.componentes()}
        return "conteúdo baixado", cenario.recebido.hashes_calculados, declarados
