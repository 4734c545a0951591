"""The organ under test, played by the harness through the client: send, receive, refuse, cancel, wait.

Every action on an existing trâmite first checks the run record (and its ledger): the harness acts
only on the trâmites it created or that were sent to it (`registro.exigir_proprio`). Every action
also takes up what an earlier run left open for the same scenario instead of starting again, so a
run that was killed, interrupted or timed out is continued, with nothing sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroTramita
from tramita_homologacao.cliente.tipos import Metadados, ReciboAssinado, Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo, conferir_recibo
from tramita_homologacao.conformidade.requisitos import Papel
from tramita_homologacao.conformidade.signatario import Confianca
from tramita_homologacao.livro.livro import ENVIADO, ENVIANDO, OBSERVADO, Linha
from tramita_homologacao.orgao.espera import SituacaoInesperada
from tramita_homologacao.orgao.observacao import Observador, reerguer
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste
from tramita_homologacao.orgao.protecao import conferir_envio
from tramita_homologacao.orgao.registro import ComponenteRegistrado, RegistroDeExecucao, TramiteRegistrado
from tramita_homologacao.protocolo.assinatura import ParDeChaves
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO, formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import Situacao

log = logging.getLogger(__name__)
S = Situacao


class ErroDeRecebimento(AssertionError):
    """A received component does not match its metadata."""


class NadaARetomar(Exception):
    """Asked only to follow up (no new sends), and the scenario has no trâmite left to follow."""


@dataclass(frozen=True)
class ProcessoRecebido:
    """`hashes_calculados`: SHA-256 of the bytes downloaded (for a trâmite an earlier run concluded, those
    that run computed and signed in its recibo de conclusão)."""

    metadados: Metadados
    hashes_calculados: tuple[str, ...]


def _componentes(processo: ProcessoDeTeste) -> tuple[ComponenteRegistrado, ...]:
    return tuple(ComponenteRegistrado(c.nome, c.tamanho, c.hash, c.mime_type) for c in processo.componentes)


class OrgaoEmTeste(Observador):
    cliente: ClienteTramita

    def __init__(
        self,
        cliente: ClienteTramita,
        ambiente: Ambiente,
        registro: RegistroDeExecucao,
        chaves: ParDeChaves | None,
        pasta: Path,
        ao_esgotar_o_prazo: Callable[[AssertionError], NoReturn] = reerguer,
    ) -> None:
        super().__init__(cliente, ambiente, registro, ao_esgotar_o_prazo)
        self.chaves = chaves
        self.pasta = pasta

    # --- as remetente -------------------------------------------------------------------------
    def enviar_processo(
        self,
        processo: ProcessoDeTeste,
        destinatario: Endereco,
        *,
        requisito: str,
        cenario: str,
        so_retomar: bool = False,
    ) -> TramiteRegistrado:
        """Takes up the scenario's unfinished trâmite if there is one; otherwise sends `processo` (unless
        `so_retomar`: then `NadaARetomar`).

        In produção the guard rails run first: nothing leaves the machine unless it is a marked test
        processo addressed to the configured test unit. The ledger gets the protocolo before the
        request and the IDT the instant it exists; if the upload then fails the trâmite is cancelled.
        """
        conferir_envio(self.ambiente, processo, destinatario)
        retomado = self._retomar_envio(requisito, cenario)
        if retomado is not None:
            return retomado
        if so_retomar:
            raise NadaARetomar(f"O cenário '{cenario}' não tem trâmite em aberto a acompanhar.")
        cabecalho = {
            "remetente": self.ambiente.orgao.endereco_envio.como_json(),
            "destinatario": destinatario.como_json(),
            "enviarApenasComponentesDigitaisPendentes": False,
        }
        componentes = _componentes(processo)
        intencao = self.registro.registrar_intencao(
            requisito, cenario, Papel.REMETENTE, processo.protocolo, componentes
        )
        enviar = self.cliente.enviar_documento if processo.variante.avulso else self.cliente.enviar_processo
        novo = enviar(cabecalho, processo.como_json())
        registrado = self.registro.vincular(intencao, novo.idt, novo.nre, ENVIANDO)
        self.registro.definir_descricao(registrado, processo.descricao)
        arquivos = {c.hash: c.caminho for c in processo.componentes}
        try:
            for protocolo, hashes in novo.componentes_solicitados.items():  # the processo's, each apensado's
                for hash_ in hashes:
                    self.cliente.enviar_componente_digital(novo.ticket, protocolo, hash_, arquivos[hash_])
        except (ErroTramita, KeyError):
            log.warning("Falha no envio do trâmite %s; cancelando-o", novo.idt)
            self.cancelar(novo.idt)
            raise
        self.registro.marcar(novo.idt, etapa=ENVIADO)
        self._conferir_recibo_de_envio(registrado)
        return registrado

    def _conferir_recibo_de_envio(self, registrado: TramiteRegistrado) -> None:
        """The recibo de envio, fetched and checked once; kept with the trâmite in the run record."""
        if registrado.recibo(RECIBO_DE_ENVIO.nome) is None:
            recibo = self.cliente.receber_recibo_de_envio(registrado.idt)
            self.anexar_recibo_conferido(recibo, registrado)

    def _retomar_envio(self, requisito: str, cenario: str) -> TramiteRegistrado | None:
        """The scenario's trâmite left by an earlier run: followed if it got through, cancelled if half-sent."""
        for linha in self.registro.livro.nao_avaliados(requisito, cenario, Papel.REMETENTE):
            if linha.etapa == OBSERVADO:  # the SPE's, from an assisted run: never the harness's to act on
                continue
            registrado = self._localizar(linha)
            if registrado is None:
                continue
            tramite = self.consultar(registrado.idt)
            if tramite.situacao == S.INICIADO:
                log.warning("Trâmite %s ficou com o envio pela metade; cancelando-o", registrado.idt)
                self.cliente.cancelar_tramite(registrado.idt)
                self.consultar(registrado.idt)
                self.registro.abandonar(linha, "envio interrompido: cancelado e reenviado")
                continue
            if tramite.situacao == S.CANCELADO_AUTOMATICAMENTE:
                self.registro.abandonar(linha, "cancelado automaticamente pela plataforma")
                continue
            self.registro.marcar(registrado.idt, etapa=ENVIADO)
            if tramite.situacao != S.CANCELADO:
                self._conferir_recibo_de_envio(registrado)
            return registrado
        return None

    def _localizar(self, linha: Linha) -> TramiteRegistrado | None:
        """The ledger row's trâmite; when the run died before learning its IDT, looked up by protocolo."""
        if linha.idt is not None:
            return self.registro.retomar(linha)
        origem = self.ambiente.orgao.endereco_envio
        encontrados = [t for t in self.cliente.consultar_tramites(protocolo=linha.protocolo) if t.remetente == origem]
        if not encontrados:
            self.registro.abandonar(linha, "o envio não chegou ao Tramita.GOV.BR")
            return None
        tramite = encontrados[-1]
        return self.registro.vincular(linha.id, tramite.idt, tramite.nre, ENVIANDO)

    def receber_recibo_de_conclusao(self, idt: int) -> ConferenciaDeRecibo:
        """Fetches the recibo de conclusão (5 → 6; read again in 6) and checks its signature and hashes."""
        registrado = self.registro.exigir_proprio(idt, "receber o recibo de conclusão")
        return self.anexar_recibo_conferido(self.cliente.receber_recibo_de_tramite(idt), registrado)

    def dar_ciencia_da_recusa(self, idt: int) -> None:
        self.registro.exigir_proprio(idt, "dar ciência da recusa")
        self.cliente.dar_ciencia_da_recusa(idt)

    def cancelar(self, idt: int) -> None:
        """Cancels the trâmite; one an earlier run already cancelled is left as it is."""
        self.registro.exigir_proprio(idt, "cancelar")
        if self.consultar(idt).situacao != S.CANCELADO:
            self.cliente.cancelar_tramite(idt)

    # --- as destinatário ----------------------------------------------------------------------
    def receber_processo(self, idt: int) -> ProcessoRecebido:
        """Metadata, every component (hash checked), then the signed recibo de conclusão.

        A trâmite an earlier run already concluded (recibo sent) is not received again.
        """
        registrado = self.registro.exigir_proprio(idt, "receber")
        if self.chaves is None:
            raise ErroDeRecebimento("O órgão não tem chave para assinar o recibo de conclusão (certificado ausente).")
        metadados = self.do_tramite(self.cliente.solicitar_metadados(idt), registrado)
        tramite = self.consultar(idt)
        self.registro.definir_descricao(registrado, str(metadados.protocolo.get("descricao", "")))
        componentes = {c.hash: c for c in metadados.componentes()}
        # what this trâmite transfers, and its recibo lists: the pending ones (a processo that comes back brings only
        # what the organ lacks), or all once none is pending any more
        a_baixar = [h for h in tramite.hashes_pendentes if h in componentes] or list(componentes)
        self.registro.definir_componentes(
            registrado,
            tuple(
                ComponenteRegistrado(c.nome, c.tamanho, c.hash, c.mime_type) for c in (componentes[h] for h in a_baixar)
            ),
        )
        if tramite.situacao not in (S.METADADOS_RECEBIDO_DESTINATARIO, S.COMPONENTES_RECEBIDOS_DESTINATARIO):
            ja_concluido = registrado.recibo(RECIBO_DE_CONCLUSAO.nome)  # by an earlier run
            return ProcessoRecebido(metadados, ja_concluido.hashes if ja_concluido else tuple(sorted(componentes)))
        pasta = self.pasta / f"recebido-{idt}"
        pasta.mkdir(parents=True, exist_ok=True)
        baixados: list[str] = []
        for ordem, hash_ in enumerate(a_baixar, start=1):
            componente = componentes[hash_]
            destino = pasta / f"{ordem:02d}-{Path(componente.nome).name}"
            calculado, tamanho = self.cliente.baixar_componente_digital(
                idt, componente.protocolo, hash_, componente.tamanho, destino
            )
            if calculado != hash_ or tamanho != componente.tamanho:
                raise ErroDeRecebimento(
                    f"Componente '{componente.nome}' do trâmite {idt} chegou corrompido: hash {calculado} "
                    f"({tamanho} bytes), esperado {hash_} ({componente.tamanho} bytes)."
                )
            baixados.append(calculado)
        tramite = self.aguardar(idt, {S.COMPONENTES_RECEBIDOS_DESTINATARIO})
        data = formatar_data_recibo(
            next(m.data_hora for m in tramite.mudancas if m.situacao == S.COMPONENTES_RECEBIDOS_DESTINATARIO)
        )
        assinatura = self.chaves.assinar(RECIBO_DE_CONCLUSAO.xml(idt, tramite.nre, data, baixados))
        self.cliente.enviar_recibo_de_tramite(idt, data, assinatura)
        assinado = ReciboAssinado(
            RECIBO_DE_CONCLUSAO,
            idt,
            tramite.nre,
            data,
            tuple(sorted(baixados)),
            self.chaves.certificado_pem,
            assinatura,
        )
        proprio = Confianca.exatamente(self.chaves.certificado_pem)  # the organ signed it, with its own key
        self.registro.anexar_recibo(
            registrado, conferir_recibo(assinado, a_baixar, idt=idt, nre=tramite.nre, confianca=proprio)
        )
        return ProcessoRecebido(metadados, tuple(sorted(baixados)))

    def recusar(self, idt: int, motivo: MotivoRecusa, justificativa: str) -> None:
        """Refuses the trâmite; one an earlier run already refused is left as it is."""
        self.registro.exigir_proprio(idt, "recusar")
        if self.consultar(idt).situacao in (S.RECUSADO, S.CIENCIA_RECUSA):
            return
        self.cliente.solicitar_metadados(idt)  # as an SPE does: read, validate, then refuse
        self.cliente.recusar_tramite(idt, justificativa, motivo.value)

    # --- following ----------------------------------------------------------------------------
    def aguardar(self, idt: int, alvo: Iterable[Situacao]) -> Tramite:
        """Waits for `alvo`; a trâmite of ours refused on the way is acknowledged, so nothing is left pending."""
        try:
            return super().aguardar(idt, alvo)
        except SituacaoInesperada as erro:
            if (
                erro.tramite.situacao == S.RECUSADO
                and self.registro.exigir_proprio(idt, "aguardar").papel == Papel.REMETENTE
            ):
                self.dar_ciencia_da_recusa(idt)
                self.consultar(idt)
            raise
