"""The organ under test, played by the harness through the client: send, receive, refuse, cancel, wait.

Every action on an existing trâmite first checks the run record: the harness acts only on the
trâmites it created or that were sent to it in this run (`registro.exigir_proprio`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tramita_homologacao.ambiente import Ambiente
from tramita_homologacao.assinatura import ParDeChaves
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroTramita
from tramita_homologacao.cliente.tipos import Metadados, ReciboAssinado, Tramite
from tramita_homologacao.conferencia import ConferenciaDeRecibo, conferir_recibo
from tramita_homologacao.dominio import Endereco, MotivoRecusa, Situacao
from tramita_homologacao.espera import SituacaoInesperada, aguardar_situacao
from tramita_homologacao.hashes import hash_de_arquivo
from tramita_homologacao.processo_teste import ProcessoDeTeste
from tramita_homologacao.protecao import conferir_envio
from tramita_homologacao.recibo import RECIBO_DE_CONCLUSAO, formatar_data_recibo
from tramita_homologacao.registro import ComponenteRegistrado, RegistroDeExecucao

log = logging.getLogger(__name__)


class ErroDeRecebimento(AssertionError):
    """A received component does not match its metadata."""


@dataclass(frozen=True)
class TramiteEnviado:
    idt: int
    nre: str
    protocolo: str
    hashes_enviados: tuple[str, ...]
    recibo_de_envio: ConferenciaDeRecibo


@dataclass(frozen=True)
class ProcessoRecebido:
    metadados: Metadados
    arquivos: dict[str, Path]
    hashes_baixados: tuple[str, ...]


class Orgao:
    def __init__(
        self,
        cliente: ClienteTramita,
        ambiente: Ambiente,
        registro: RegistroDeExecucao,
        chaves: ParDeChaves,
        pasta: Path,
    ) -> None:
        self.cliente = cliente
        self.ambiente = ambiente
        self.registro = registro
        self.chaves = chaves
        self.pasta = pasta

    # --- as remetente -------------------------------------------------------------------------
    def enviar_processo(
        self, processo: ProcessoDeTeste, destinatario: Endereco, *, requisito: str, cenario: str
    ) -> TramiteEnviado:
        """Creates the trâmite, uploads what the platform asks for, fetches the recibo de envio.

        In produção the guard rails run first: nothing leaves the machine unless it is a marked test
        processo addressed to the configured test unit.

        The IDT is recorded the moment it exists; if the upload then fails the trâmite is cancelled,
        so no half-sent test processo is left behind.
        """
        conferir_envio(self.ambiente, processo, destinatario)
        cabecalho = {
            "remetente": self.ambiente.orgao.endereco_envio.como_json(),
            "destinatario": destinatario.como_json(),
            "enviarApenasComponentesDigitaisPendentes": False,
        }
        novo = self.cliente.enviar_processo(cabecalho, processo.como_json())
        registrado = self.registro.registrar(requisito, cenario, "remetente", novo.idt, novo.nre, processo.protocolo)
        registrado.componentes = tuple(
            ComponenteRegistrado(c.nome, c.tamanho, c.hash, c.mime_type) for c in processo.componentes
        )
        arquivos = {c.hash: c.caminho for c in processo.componentes}
        try:
            for hash_ in novo.componentes_solicitados.get(processo.protocolo, ()):
                self.cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivos[hash_])
            recibo_de_envio = conferir_recibo(self.cliente.receber_recibo_de_envio(novo.idt), arquivos)
        except (ErroTramita, KeyError):
            log.warning("Falha no envio do trâmite %s; cancelando-o", novo.idt)
            self.cancelar(novo.idt)
            raise
        registrado.recibos.append(recibo_de_envio)
        return TramiteEnviado(novo.idt, novo.nre, processo.protocolo, registrado.hashes_enviados, recibo_de_envio)

    def receber_recibo_de_conclusao(self, idt: int) -> ConferenciaDeRecibo:
        """Fetches the recibo de conclusão (5 → 6) and checks its signature and hashes."""
        registrado = self.registro.exigir_proprio(idt, "receber o recibo de conclusão d")
        conferencia = conferir_recibo(self.cliente.receber_recibo_de_tramite(idt), registrado.hashes_enviados)
        registrado.recibos.append(conferencia)
        return conferencia

    def dar_ciencia_da_recusa(self, idt: int) -> None:
        self.registro.exigir_proprio(idt, "dar ciência da recusa d")
        self.cliente.dar_ciencia_da_recusa(idt)

    def cancelar(self, idt: int) -> None:
        self.registro.exigir_proprio(idt, "cancelar")
        self.cliente.cancelar_tramite(idt)

    # --- as destinatário ----------------------------------------------------------------------
    def adotar_tramite_recebido(self, idt: int, nre: str, protocolo: str, *, requisito: str, cenario: str) -> None:
        """Records a trâmite the counterpart sent to this run, so that the harness may act on it."""
        self.registro.registrar(requisito, cenario, "destinatário", idt, nre, protocolo)

    def aguardar_pendencia(self, idt: int) -> Tramite:
        """Waits, read-only, until the trâmite is ready to be received (status 2)."""
        self.registro.exigir_proprio(idt, "aguardar")
        return self.aguardar(idt, {Situacao.COMPONENTES_ENVIADOS_REMETENTE})

    def receber_processo(self, idt: int) -> ProcessoRecebido:
        """Metadata, every component (hash checked), then the signed recibo de conclusão."""
        registrado = self.registro.exigir_proprio(idt, "receber")
        metadados = self.cliente.solicitar_metadados(idt)
        tramite = self.cliente.consultar_tramite(idt)
        componentes = {c.hash: c for c in metadados.componentes()}
        pasta = self.pasta / f"recebido-{idt}"
        pasta.mkdir(parents=True, exist_ok=True)
        arquivos: dict[str, Path] = {}
        for ordem, hash_ in enumerate(tramite.hashes_pendentes, start=1):
            componente = componentes[hash_]
            destino = pasta / f"{ordem:02d}-{Path(componente.nome).name}"
            self.cliente.baixar_componente_digital(idt, tramite.protocolo, hash_, componente.tamanho, destino)
            calculado, tamanho = hash_de_arquivo(destino)
            if calculado != hash_ or tamanho != componente.tamanho:
                raise ErroDeRecebimento(
                    f"Componente '{componente.nome}' do trâmite {idt} chegou corrompido: hash {calculado} "
                    f"({tamanho} bytes), esperado {hash_} ({componente.tamanho} bytes)."
                )
            arquivos[hash_] = destino
        tramite = self.aguardar(idt, {Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO})
        data = formatar_data_recibo(
            next(m.data_hora for m in tramite.mudancas if m.situacao == Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO)
        )
        assinatura = self.chaves.assinar(RECIBO_DE_CONCLUSAO.xml(idt, tramite.nre, data, arquivos))
        self.cliente.enviar_recibo_de_tramite(idt, data, assinatura)
        registrado.componentes = tuple(
            ComponenteRegistrado(c.nome, c.tamanho, c.hash, c.mime_type) for c in componentes.values()
        )
        assinado = ReciboAssinado(
            RECIBO_DE_CONCLUSAO,
            idt,
            tramite.nre,
            data,
            tuple(sorted(arquivos)),
            self.chaves.certificado_pem,
            assinatura,
        )
        registrado.recibos.append(conferir_recibo(assinado, componentes))
        return ProcessoRecebido(metadados, arquivos, tuple(sorted(arquivos)))

    def recusar(self, idt: int, motivo: MotivoRecusa, justificativa: str) -> None:
        self.registro.exigir_proprio(idt, "recusar")
        self.cliente.solicitar_metadados(idt)  # as an SPE does: read, validate, then refuse
        self.cliente.recusar_tramite(idt, justificativa, motivo.value)

    # --- following ----------------------------------------------------------------------------
    def consultar(self, idt: int) -> Tramite:
        tramite = self.cliente.consultar_tramite(idt)
        self.registro.atualizar(tramite)
        return tramite

    def aguardar(self, idt: int, alvo: Iterable[Situacao]) -> Tramite:
        """Waits for `alvo`; a trâmite of ours refused on the way is acknowledged, so nothing is left pending."""
        espera = self.ambiente.espera
        try:
            return aguardar_situacao(
                lambda: self.consultar(idt),
                alvo,
                limite=espera.limite,
                intervalo_segundos=espera.intervalo_segundos,
            )
        except SituacaoInesperada as erro:
            registrado = self.registro.exigir_proprio(idt, "aguardar")
            if erro.tramite.situacao == Situacao.RECUSADO and registrado.papel == "remetente":
                self.dar_ciencia_da_recusa(idt)
                self.consultar(idt)
            raise
