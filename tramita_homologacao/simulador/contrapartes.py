"""Scriptable organs: simulated systems that react to their trâmites like a real SPE.

A counterpart acts through the same `Plataforma` operations as any caller, as its own system, and
later than the change that concerns it (through the `Agenda`). As destinatário it follows its
behaviour; as remetente (unless silent) it fetches the recibo de conclusão (5 → 6) and
acknowledges refusals (8 → 9), so that the organ under test can prove recebimento and recusa.

The organ's own system can be simulated too (behaviour `operado`): it does nothing as destinatário
until an operation tells it to (`Operacao`: send, receive, refuse, cancel — what its operator would
do in the SPE), and does its remetente duties by itself, as a real SPE polling its pendências.
"""

from __future__ import annotations

import copy
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.recibo import formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import Ator
from tramita_homologacao.simulador.agenda import Agenda
from tramita_homologacao.simulador.erros import RequisicaoInvalida
from tramita_homologacao.simulador.modelo import Plataforma, TramiteSimulado
from tramita_homologacao.simulador.processo_da_contraparte import (
    PROCESSO_SIMPLES,
    DocumentoAMais,
    Forma,
    novo_faker,
    processo_da_contraparte,
)
from tramita_homologacao.simulador.semente import Comportamento

# The file formats a typical SEI accepts (the organ configures its own list), and the messages its module sends
# when it refuses by itself (ReceberProcedimentoRN.php; the size one through ProcessarPendenciasRN, motivo 99).
FORMATOS_ACEITOS_PELO_SEI = frozenset(
    {"pdf", "html", "htm", "txt", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "rtf", "csv", "xml", "png", "jpg"}
)
NAO_E_UM_ERRO = "OBS: A recusa é uma das três formas de conclusão de trâmite. Portanto, não é um erro."
MENSAGEM_DO_SEI_FORMATO = (
    "O formato {} não é permitido pelo sistema de destino. Lembre-se que cada órgão/entidade tem autonomia na "
    f"definição de quantos e quais formatos de arquivo são aceitos pelo seu sistema. {NAO_E_UM_ERRO}"
)
MENSAGEM_DO_SEI_ESPECIE = (
    f"O Documento do tipo {{}} não está mapeado para recebimento no sistema de destino. {NAO_E_UM_ERRO}"
)
MENSAGEM_DO_SEI_TAMANHO = f"O tamanho máximo geral permitido para documentos externos é {{:g}} Mb. {NAO_E_UM_ERRO}"


@dataclass(frozen=True)
class Operacao:
    """What the operator of a simulated SPE does; `defeito` makes the SPE misbehave on purpose."""

    acao: Literal["enviar", "receber", "recusar", "cancelar"]
    destinatario: Endereco | None = None  # enviar
    descricao: str = ""  # enviar: how the processo is described (e.g. the campaign's code)
    idt: int | None = None  # receber, recusar (default: every pendência in status 2), cancelar
    motivo: MotivoRecusa = MotivoRecusa.OUTRO
    justificativa: str = "Recusa feita pelo operador do SPE simulado."
    # receber: falhar (stops in 3), sem_recibo (in 4), recibo_divergente; enviar: hash_divergente (bytes that do not
    # match the hash declared: the platform refuses the upload and the trâmite stays in 1)
    defeito: Literal["sem_recibo", "recibo_divergente", "falhar", "hash_divergente"] | None = None
    atraso_segundos: float = 0.0
    # enviar, what the operator was told to make: a documento avulso, anexos in each document, a restrito one
    avulso: bool = False
    componentes_por_documento: int = 1
    restrito: bool = False
    a_mais: DocumentoAMais | None = None  # a further document (one a destination may refuse)
    anexado: bool = False
    apensado: bool = False

    def __post_init__(self) -> None:
        if self.acao == "enviar" and self.destinatario is None:
            raise RequisicaoInvalida("Informe o destinatario (repositório e estrutura) do envio.")
        if self.acao == "cancelar" and self.idt is None:
            raise RequisicaoInvalida("Informe o idt do trâmite a cancelar.")


@dataclass
class Roteiro:
    """What a counterpart does, changeable at run time (the control API sets it)."""

    comportamento: Comportamento
    motivo: MotivoRecusa = MotivoRecusa.OUTRO
    justificativa: str = "Recusa simulada pelo órgão de teste."
    atraso_segundos: float = 0.0


class Contraparte:
    def __init__(self, plataforma: Plataforma, sistema: str, roteiro: Roteiro) -> None:
        self.plataforma = plataforma
        self.sistema = sistema
        self.roteiro = roteiro
        self._reacoes_como_destinatario: dict[str, Callable[[int], None]] = {
            "aceitar": self._aceitar,
            "recusar": self._recusar,
            "falhar": self._falhar,
            "recibo_divergente": self._aceitar_com_recibo_divergente,
            "sem_recibo": self._baixar_sem_recibo,
            "sei": self._como_o_sei,
        }

    def reacao(self, tramite: TramiteSimulado) -> Callable[[], None] | None:
        """The action this counterpart takes after `tramite` changed, or None.

        The action runs later; if the trâmite has moved on by then (cancelled, say), it is dropped,
        as a real SPE finds the pendência gone.
        """
        acao = self._acao(tramite)
        if acao is None:
            return None
        idt, situacao = tramite.idt, tramite.situacao

        def se_ainda_pendente() -> None:
            if self.plataforma.tramite_visivel(self.sistema, idt).situacao == situacao:
                acao(idt)

        return se_ainda_pendente

    def _acao(self, tramite: TramiteSimulado) -> Callable[[int], object] | None:
        if self.roteiro.comportamento == "silenciar":
            return None
        if (
            self.roteiro.comportamento != "operado"
            and tramite.situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE
            and self.plataforma.serve(self.sistema, tramite, Ator.DESTINATARIO)
        ):
            return self._reacoes_como_destinatario[self.roteiro.comportamento]
        if tramite.sistema_remetente == self.sistema:
            if tramite.situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO:
                return lambda idt: self.plataforma.receber_recibo(self.sistema, idt)
            if tramite.situacao == Situacao.RECUSADO:
                return lambda idt: self.plataforma.dar_ciencia(self.sistema, idt)
        return None

    def _baixar_tudo(self, idt: int) -> TramiteSimulado:
        p = self.plataforma
        tramite = p.solicitar_metadados(self.sistema, idt)
        protocolo_de = {c.hash: c.protocolo for c in tramite.componentes}
        for hash_ in tramite.hashes_pendentes_de_recebimento():
            p.baixar_componente(self.sistema, idt, protocolo_de[hash_], hash_)
        return tramite

    def _aceitar(self, idt: int) -> None:
        p = self.plataforma
        tramite = self._baixar_tudo(idt)
        recebidos_em = tramite.data_da_situacao(Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO)
        assert recebidos_em is not None, "o download acabou de terminar"
        data = formatar_data_recibo(recebidos_em)
        assinatura = p.chaves_de(self.sistema).assinar(p.xml_do_recibo(tramite, data))
        p.enviar_recibo(self.sistema, idt, data, assinatura)

    def _aceitar_com_recibo_divergente(self, idt: int) -> None:
        # Fault injection: the recibo the platform hands back lists a hash nobody sent.
        self._aceitar(idt)
        recibo = self.plataforma.tramite_visivel(self.sistema, idt).recibo
        assert recibo is not None, "o recibo acabou de ser enviado"
        recibo.hashes[0] = hash_de_bytes(b"componente divergente")

    def _recusar(self, idt: int) -> None:
        self.plataforma.solicitar_metadados(self.sistema, idt)
        self.plataforma.recusar(self.sistema, idt, self.roteiro.motivo.value, self.roteiro.justificativa)

    def _como_o_sei(self, idt: int) -> None:
        """As SEI's Tramita module does by itself, with the module's messages: a document of an espécie the organ
        does not map is refused with motivo 04, a file format it does not accept with 01 (ReceberProcedimentoRN),
        a component above its maximum size with 99 (validaTamanhoMaximoAnexo, refused by ProcessarPendenciasRN);
        anything else is received."""
        tramite = self.plataforma.solicitar_metadados(self.sistema, idt)
        recusa = self._o_que_o_sei_recusa(tramite)
        if recusa is None:
            self._aceitar(idt)
            return
        self.plataforma.recusar(self.sistema, idt, recusa[0].value, recusa[1])

    def _o_que_o_sei_recusa(self, tramite: TramiteSimulado) -> tuple[MotivoRecusa, str] | None:
        sistema = self.plataforma.sistema(self.sistema)
        documentos = tramite.dados_protocolo.get("documentos") or [tramite.dados_protocolo]
        for documento in documentos:
            especie = documento.get("especie") or {}
            if int(especie.get("codigo", 0)) in sistema.especies_nao_mapeadas:
                return MotivoRecusa.ESPECIE_NAO_MAPEADA, MENSAGEM_DO_SEI_ESPECIE.format(
                    especie.get("nomeNoProdutor", "")
                )
        vivos = [c for c in tramite.componentes if not c.retirado]
        recusado = next(
            (f for f in (c.nome.rsplit(".", 1)[-1].lower() for c in vivos) if f not in FORMATOS_ACEITOS_PELO_SEI), None
        )
        if recusado is not None:
            return MotivoRecusa.FORMATO, MENSAGEM_DO_SEI_FORMATO.format(recusado)
        limite = sistema.tamanho_maximo_mb
        if limite is not None and any(c.tamanho / 1024**2 > limite for c in vivos):
            return MotivoRecusa.OUTRO, MENSAGEM_DO_SEI_TAMANHO.format(limite)
        return None

    def _falhar(self, idt: int) -> None:
        self.plataforma.solicitar_metadados(self.sistema, idt)  # and never downloads: stuck in 3

    def _baixar_sem_recibo(self, idt: int) -> None:
        self._baixar_tudo(idt)  # and never sends the recibo de conclusão: stuck in 4

    def executar(self, operacao: Operacao) -> None:
        """Receive, refuse or cancel as the SPE's operator would (sending is `Contrapartes.operar`'s)."""
        p = self.plataforma
        if operacao.acao == "cancelar":
            assert operacao.idt is not None, "conferido na Operacao"
            p.cancelar(self.sistema, operacao.idt)
            return
        alvos = [operacao.idt] if operacao.idt is not None else [t.idt for t in self._pendentes_de_receber()]
        for idt in alvos:
            if operacao.acao == "recusar":
                p.solicitar_metadados(self.sistema, idt)
                p.recusar(self.sistema, idt, operacao.motivo.value, operacao.justificativa)
            else:
                self._reacoes_como_destinatario[operacao.defeito or "aceitar"](idt)

    def _pendentes_de_receber(self) -> list[TramiteSimulado]:
        return [
            t
            for t in self.plataforma.listar_pendencias(self.sistema)
            if t.situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE
            and self.plataforma.serve(self.sistema, t, Ator.DESTINATARIO)
        ]


class Contrapartes:
    """Every scripted counterpart of a platform, subscribed to its status changes."""

    def __init__(self, plataforma: Plataforma, agenda: Agenda) -> None:
        self.plataforma = plataforma
        self.agenda = agenda
        self._faker = novo_faker()
        self._trava = threading.Lock()
        self.por_sistema: dict[str, Contraparte] = {
            s.nome: Contraparte(
                plataforma,
                s.nome,
                Roteiro(s.comportamento, s.motivo, s.justificativa, s.atraso_segundos),
            )
            for s in plataforma.semente.sistemas
            if s.comportamento
        }
        plataforma.ao_mudar_situacao(self._ao_mudar)

    def _ao_mudar(self, tramite: TramiteSimulado) -> None:
        for contraparte in self.por_sistema.values():
            acao = contraparte.reacao(tramite)
            if acao is not None:
                self.agenda.agendar(contraparte.roteiro.atraso_segundos, acao)

    def contraparte(self, sistema: str) -> Contraparte:
        try:
            return self.por_sistema[sistema]
        except KeyError:
            raise RequisicaoInvalida(f"'{sistema}' não é uma contraparte simulada.") from None

    def roteirizar(self, sistema: str, roteiro: Roteiro) -> None:
        """A counterpart's behaviour; the organ's own system too (e.g. `sei`: it receives and refuses by itself)."""
        with self._trava:
            if sistema not in self.por_sistema:
                self.plataforma.sistema(sistema)  # an unknown system is an error here
                self.por_sistema[sistema] = Contraparte(self.plataforma, sistema, roteiro)
                return
        self.contraparte(sistema).roteiro = roteiro

    def operar(self, sistema: str, operacao: Operacao) -> None:
        """The simulated SPE of `sistema` does what its operator told it, `atraso_segundos` later.

        A system with no behaviour of its own (the organ under test) becomes `operado` on its first
        operation: from then on it also fetches its recibos and acknowledges its refusals by itself.
        """
        with self._trava:
            if sistema not in self.por_sistema:
                self.plataforma.sistema(sistema)  # an unknown system is an error here, not later
                self.por_sistema[sistema] = Contraparte(self.plataforma, sistema, Roteiro("operado"))
        contraparte = self.por_sistema[sistema]

        def operar_agora() -> None:
            if operacao.acao != "enviar":
                contraparte.executar(operacao)
                return
            assert operacao.destinatario is not None, "conferido na Operacao"
            corromper = operacao.defeito == "hash_divergente"
            hipotese = (
                next(h.identificacao for h in self.plataforma.semente.hipoteses if h.ativa)
                if operacao.restrito
                else None
            )
            forma = Forma(
                operacao.avulso,
                operacao.componentes_por_documento,
                hipotese,
                operacao.a_mais,
                operacao.anexado,
                operacao.apensado,
            )
            self.enviar_processo(sistema, operacao.destinatario, operacao.descricao, corromper=corromper, forma=forma)

        self.agenda.agendar(operacao.atraso_segundos, operar_agora)

    def enviar_processo(
        self,
        sistema: str,
        destinatario: Endereco,
        marca: str = "",
        *,
        corromper: bool = False,
        extensao: str = "",
        forma: Forma = PROCESSO_SIMPLES,
    ) -> TramiteSimulado:
        """The counterpart sends a new processo to `destinatario` and uploads its components (`corromper`: bytes
        that do not match the declared hash, which the platform refuses; `extensao`: with a document in that file
        format; `forma`: a documento avulso, anexos, a restrito one)."""
        self.contraparte(sistema)
        p = self.plataforma
        remetente = next(
            e for e in (p.estrutura(*par) for par in p.sistema(sistema).estruturas) if e.ativo and e.apta_para_receber
        )
        with self._trava:
            processo = processo_da_contraparte(self._faker, remetente.nome, remetente.sigla, marca, extensao, forma)
        cabecalho = {"remetente": remetente.endereco.como_json(), "destinatario": destinatario.como_json()}
        tramite = p.criar_tramite(sistema, processo.tipo, cabecalho, processo.protocolo)
        protocolo_de = {c.hash: c.protocolo for c in tramite.componentes}
        for hash_, conteudo in processo.conteudos:
            corrompido = conteudo + (b"corrompido" if corromper else b"")
            p.enviar_componente(sistema, tramite.ticket, protocolo_de[hash_], hash_, io.BytesIO(corrompido))
        return tramite

    def devolver(self, sistema: str, idt: int, destinatario: Endereco) -> TramiteSimulado:
        """The counterpart sends back a processo it received and concluded (trâmite `idt`) with a new Despacho, under
        the same NRE and asking to send only what the destination does not hold
        (`enviarApenasComponentesDigitaisPendentes`), as SEI's module does when a processo returns."""
        self.contraparte(sistema)
        p = self.plataforma
        recebido = p.tramite_visivel(sistema, idt)
        concluido = recebido.situacao == Situacao.RECIBO_RECEBIDO_REMETENTE
        if recebido.tipo != "P" or not concluido or not p.serve(sistema, recebido, Ator.DESTINATARIO):
            raise RequisicaoInvalida(
                f"O trâmite {idt} não é um processo que {sistema} recebeu e concluiu (situação 6)."
            )
        with self._trava:
            unidade = p.estrutura(recebido.destinatario.repositorio, recebido.destinatario.estrutura)
            novo = processo_da_contraparte(self._faker, unidade.nome, unidade.sigla)
        dados = copy.deepcopy(recebido.dados_protocolo)
        despacho = novo.protocolo["documentos"][-1] | {"ordem": len(dados["documentos"]) + 1}
        dados["documentos"].append(despacho)
        cabecalho = {
            "remetente": recebido.destinatario.como_json(),
            "destinatario": destinatario.como_json(),
            "NRE": recebido.nre,
            "enviarApenasComponentesDigitaisPendentes": True,
        }
        tramite = p.criar_tramite(sistema, "P", cabecalho, dados)
        conteudos = dict(novo.conteudos)
        for protocolo, hashes in tramite.solicitados_por_protocolo():
            for hash_ in hashes:
                if hash_ not in conteudos:
                    raise RequisicaoInvalida(
                        f"A unidade {destinatario} não tem os componentes do processo do trâmite {idt}: a devolução "
                        "só com os pendentes vai a quem já tem o processo."
                    )
                p.enviar_componente(sistema, tramite.ticket, protocolo, hash_, io.BytesIO(conteudos[hash_]))
        return tramite
