"""The simulated platform's state and operations: plain objects, no HTTP.

`Plataforma` holds repositories, systems and trâmites; each public method is one API operation
called by a named system (the caller's identity, resolved by the HTTP layer from its certificate
or header) and either returns data or raises an `ErroDaPlataforma`. Status changes go through the table in
`maquina.py`; listeners are told of every change (the scripted counterparts subscribe).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import IO

from tramita_homologacao.protocolo.assinatura import AutoridadeCertificadora, ParDeChaves, assinatura_confere
from tramita_homologacao.protocolo.dominio import LIMITE_JUSTIFICATIVA_RECUSA, Endereco, MotivoRecusa
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO, formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import SITUACOES_CANCELAVEIS, Situacao
from tramita_homologacao.protocolo.transicoes import TRANSICOES, Ator, Operacao
from tramita_homologacao.simulador import intervalos
from tramita_homologacao.simulador.armazem import BLOCO, Armazem, Digest, Fatia, Pedaco
from tramita_homologacao.simulador.erros import (
    AssinaturaInvalida,
    ComponenteInvalido,
    EstruturaNaoEncontrada,
    RecursoNaoEncontrado,
    RequisicaoInvalida,
    SistemaNaoAutorizado,
    SituacaoNaoPermite,
    TramiteEmAndamento,
    TramiteNaoEncontrado,
)
from tramita_homologacao.simulador.maquina import proxima_situacao
from tramita_homologacao.simulador.semente import Estrutura, Semente, Sistema
from tramita_homologacao.simulador.validacao import (
    ComponenteDeclarado,
    codigo_numerico,
    validar_protocolo,
    validar_recibo_de_tramite,
)

FUSO_BRASILIA = timezone(timedelta(hours=-3))
SITUACOES_EM_ANDAMENTO = frozenset(SITUACOES_CANCELAVEIS | {Situacao.RECIBO_ENVIADO_DESTINATARIO})


class Relogio:
    """Wall clock with an offset that tests (and the control API) can advance."""

    def __init__(self) -> None:
        self._avanco = timedelta()

    def agora(self) -> datetime:
        return datetime.now(FUSO_BRASILIA) + self._avanco

    def avancar(self, segundos: float) -> None:
        self._avanco += timedelta(seconds=segundos)


@dataclass
class ComponenteRecebido:
    """A requested component as the remetente uploads it, whole or in parts."""

    declarado: ComponenteDeclarado
    pedacos: list[Pedaco] = field(default_factory=list)  # on disk, as the parts arrived, in order
    # The hash of bytes [0, hasheado_ate), fed by each part that continues them as it arrives: the end of the
    # upload only reads what came out of order.
    digest: Digest = field(default_factory=hashlib.sha256)
    hasheado_ate: int = 0
    completo: bool = False

    @property
    def partes(self) -> list[tuple[int, int]]:
        return [(p.inicio, p.fim) for p in self.pedacos]


@dataclass
class ReciboEmitido:
    """A signed recibo kept by the platform (de conclusão: signed by the destinatário; de envio: by the platform)."""

    data: str
    hashes: list[str]
    assinatura: str
    cadeia_do_certificado: str


@dataclass
class TramiteSimulado:
    idt: int
    nre: str
    tipo: str
    protocolo: str
    remetente: Endereco
    destinatario: Endereco
    sistema_remetente: str
    cabecalho: dict
    dados_protocolo: dict
    componentes: list[ComponenteDeclarado]
    ticket: int
    registro: datetime
    situacao: Situacao = Situacao.INICIADO
    mudancas: list[tuple[Situacao, datetime]] = field(default_factory=list)
    solicitados: dict[str, ComponenteRecebido] = field(default_factory=dict)
    downloads: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    baixados: list[str] = field(default_factory=list)
    data_ultimo_componente: datetime | None = None
    recusa: tuple[MotivoRecusa, str] | None = None
    recibo: ReciboEmitido | None = None

    @property
    def ultima_mudanca(self) -> datetime:
        return self.mudancas[-1][1]

    @property
    def protocolos(self) -> list[str]:
        """The processo's protocolo, then each apensado's (their components are asked and served under them)."""
        return list(dict.fromkeys([self.protocolo, *(c.protocolo for c in self.componentes)]))

    def solicitados_por_protocolo(self) -> list[tuple[str, list[str]]]:
        return [(p, [h for h, c in self.solicitados.items() if c.declarado.protocolo == p]) for p in self.protocolos]

    def hashes_em_ordem(self) -> list[str]:
        """Hashes of the protocolo's live components, in metadata order, without repeats."""
        return list(dict.fromkeys(c.hash for c in self.componentes if not c.retirado))

    def hashes_pendentes_de_recebimento(self) -> list[str]:
        """What the destinatário still has to download: what the remetente was asked for (all, or with
        enviarApenasComponentesDigitaisPendentes only what the destination lacks), in metadata order."""
        if self.situacao not in (Situacao.COMPONENTES_ENVIADOS_REMETENTE, Situacao.METADADOS_RECEBIDO_DESTINATARIO):
            return []
        return [h for h in self.hashes_em_ordem() if h in self.solicitados and h not in self.baixados]

    def data_da_situacao(self, situacao: Situacao) -> datetime | None:
        return next((quando for s, quando in reversed(self.mudancas) if s == situacao), None)


Ouvinte = Callable[[TramiteSimulado], None]
# `GET tramites/pendentes`: what each side has to act on.
PENDENTES_DO_DESTINATARIO = frozenset(
    {
        Situacao.COMPONENTES_ENVIADOS_REMETENTE,
        Situacao.METADADOS_RECEBIDO_DESTINATARIO,
        Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO,
    }
)
NOME_DA_AUTORIDADE = "AC dos sistemas do simulador do Tramita.GOV.BR"
PENDENTES_DO_REMETENTE = frozenset({Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECUSADO})


class Plataforma:
    def __init__(
        self, semente: Semente, relogio: Relogio | None = None, autoridade: AutoridadeCertificadora | None = None
    ) -> None:
        self.semente = semente
        self.relogio = relogio or Relogio()
        self.prazo_cancelamento_automatico = timedelta(days=semente.plataforma.prazo_cancelamento_automatico_dias)
        self._trava = threading.RLock()
        self._estruturas = {(e.repositorio, e.numero): e for e in semente.estruturas}
        self._sistemas = {s.nome: s for s in semente.sistemas}
        self._impressoes = {imp.lower(): s.nome for s in semente.sistemas for imp in s.certificados_sha256}
        self._certificados: dict[str, str] = {}
        self._chaves: dict[str, ParDeChaves] = {}
        # Issues every simulated system's certificate: what the harness trusts as the signer of a recibo.
        self.autoridade = autoridade or AutoridadeCertificadora(NOME_DA_AUTORIDADE)
        self._tramites: dict[int, TramiteSimulado] = {}  # ascending IDT (they are created in that order)
        # Indexes: a query by NRE, protocolo or system, and the pendências, cost the same with 10 or 10,000
        # trâmites stored (lists in ascending IDT, as they are created).
        self._por_nre: dict[str, list[TramiteSimulado]] = {}
        self._por_protocolo: dict[str, list[TramiteSimulado]] = {}
        self._por_sistema: dict[str, list[TramiteSimulado]] = {}
        self._pendentes: dict[int, TramiteSimulado] = {}  # in 2–5 or 8: someone has to act (kept by _avancar)
        # The earliest moment a trâmite in 1–4 can expire: the sweep runs only once it has come.
        self._proxima_expiracao: datetime | None = None
        self._por_ticket: dict[int, int] = {}
        # (nre, sistema) -> hashes that system holds for that NRE: downloaded (recibo sent) or uploaded by it. A
        # re-send with enviarApenasComponentesDigitaisPendentes asks the destination's system only for the others
        # (that the remetente of an earlier trâmite holds what it sent is inferred: docs/api-tramita.md §2.8.1).
        self._ja_tem: dict[tuple[str, str], set[str]] = {}
        self._conteudos: dict[tuple[str, str], tuple[Pedaco, ...]] = {}  # (nre, hash) -> the component on disk
        self.armazem = Armazem()
        self._idts = itertools.count(5001)
        self._tickets = itertools.count(88001)
        self._nres = itertools.count(1001)
        self._ouvintes: list[Ouvinte] = []

    # --- identity -----------------------------------------------------------------------------
    def sistema(self, nome: str) -> Sistema:
        try:
            return self._sistemas[nome]
        except KeyError:
            raise SistemaNaoAutorizado(f"Sistema '{nome}' não cadastrado no Tramita.GOV.BR.") from None

    def sistema_do_certificado(self, impressao_sha256: str) -> str:
        try:
            return self._impressoes[impressao_sha256.lower()]
        except KeyError:
            raise SistemaNaoAutorizado(
                "Certificado não vinculado a nenhum sistema cadastrado por um comitê gestor de protocolo."
            ) from None

    def vincular_certificado(self, sistema: str, impressao_sha256: str, certificado_pem: str) -> None:
        """Links a certificate to a system (what the Portal de Administração does when it issues one)."""
        self.sistema(sistema)
        with self._trava:
            self._impressoes[impressao_sha256.lower()] = sistema
            self._certificados[sistema] = certificado_pem

    def chaves_de(self, sistema: str) -> ParDeChaves:
        """The key pair a simulated system signs recibos with, made on first use."""
        with self._trava:
            if sistema not in self._chaves:
                self._chaves[sistema] = self.autoridade.emitir(sistema)
                self._certificados[sistema] = self._chaves[sistema].certificado_pem
            return self._chaves[sistema]

    def ao_mudar_situacao(self, ouvinte: Ouvinte) -> None:
        self._ouvintes.append(ouvinte)

    # --- structures and tables ----------------------------------------------------------------
    def repositorios(self):
        return self.semente.repositorios

    def estrutura(self, repositorio: int, numero: int) -> Estrutura:
        try:
            return self._estruturas[(repositorio, numero)]
        except KeyError:
            raise EstruturaNaoEncontrada(
                f"Estrutura organizacional {numero} não encontrada no repositório {repositorio}."
            ) from None

    def hierarquia(self, estrutura: Estrutura) -> list[Estrutura]:
        """Ancestors, nearest parent first."""
        ancestrais = []
        atual = estrutura
        while atual.pai is not None:
            atual = self._estruturas[(atual.repositorio, atual.pai)]
            ancestrais.append(atual)
        return ancestrais

    def estruturas(
        self,
        repositorio: int,
        *,
        apenas_ativas: bool = False,
        sigla: str | None = None,
        nome: str | None = None,
        permite_recebimento: bool = False,
        raiz: int | None = None,
    ) -> list[Estrutura]:
        if repositorio not in {r.id for r in self.semente.repositorios}:
            raise RecursoNaoEncontrado(f"Repositório de estruturas {repositorio} não encontrado.")
        encontradas = []
        for e in self.semente.estruturas:
            if e.repositorio != repositorio or (apenas_ativas and not e.ativo):
                continue
            if sigla and sigla.casefold() != e.sigla.casefold():
                continue
            if nome and nome.casefold() not in e.nome.casefold():
                continue
            if permite_recebimento and not e.apta_para_receber:
                continue
            if raiz is not None and raiz not in {a.numero for a in self.hierarquia(e)} | {e.numero}:
                continue
            encontradas.append(e)
        return encontradas

    # --- creating a trâmite -------------------------------------------------------------------
    def _exigir_unidade_do_sistema(self, sistema: str, endereco: Endereco) -> Estrutura:
        estrutura = self.estrutura(endereco.repositorio, endereco.estrutura)
        if endereco not in self.sistema(sistema).enderecos:
            raise SistemaNaoAutorizado(
                f"O sistema '{sistema}' não está autorizado a enviar pela unidade {estrutura.sigla} ({endereco})."
            )
        return estrutura

    def _endereco(self, cabecalho: dict, campo: str) -> Endereco:
        try:
            dados = cabecalho[campo]
            return Endereco(
                codigo_numerico(dados["identificacaoDoRepositorioDeEstruturas"], f"cabecalho.{campo}"),
                codigo_numerico(dados["numeroDeIdentificacaoDaEstrutura"], f"cabecalho.{campo}"),
            )
        except (KeyError, TypeError, RequisicaoInvalida):
            raise RequisicaoInvalida(
                f"Campo obrigatório ausente ou inválido: cabecalho.{campo} (informe "
                "identificacaoDoRepositorioDeEstruturas e numeroDeIdentificacaoDaEstrutura)."
            ) from None

    def criar_tramite(self, sistema: str, tipo: str, cabecalho: object, dados: object) -> TramiteSimulado:
        """`POST tramites/processo` (tipo "P") or `tramites/documento` (tipo "D")."""
        with self._trava:
            self._expirar_parados()
            if not isinstance(cabecalho, dict):
                raise RequisicaoInvalida("Campo obrigatório ausente: cabecalho.")
            remetente = self._endereco(cabecalho, "remetente")
            destinatario = self._endereco(cabecalho, "destinatario")
            origem = self._exigir_unidade_do_sistema(sistema, remetente)
            destino = self.estrutura(destinatario.repositorio, destinatario.estrutura)
            if not origem.ativo:
                raise RequisicaoInvalida(f"A unidade remetente {origem.sigla} está inativa.")
            if not destino.ativo or not destino.apta_para_receber:
                raise RequisicaoInvalida(f"A unidade destinatária {destino.sigla} não está apta a receber trâmites.")
            if remetente == destinatario:
                raise RequisicaoInvalida("A unidade remetente e a destinatária devem ser diferentes.")
            componentes = validar_protocolo(
                tipo,
                dados,
                {e.codigo for e in self.semente.especies},
                {h.identificacao for h in self.semente.hipoteses if h.ativa},
            )
            assert isinstance(dados, dict), "validar_protocolo recusa o que não é objeto"
            protocolo = str(dados["protocolo"])
            nre = self._nre_do_envio(sistema, cabecalho, protocolo)
            agora = self.relogio.agora()
            tramite = TramiteSimulado(
                idt=next(self._idts),
                nre=nre,
                tipo=tipo,
                protocolo=protocolo,
                remetente=remetente,
                destinatario=destinatario,
                sistema_remetente=sistema,
                cabecalho=cabecalho,
                dados_protocolo=dados,
                componentes=componentes,
                ticket=next(self._tickets),
                registro=agora,
            )
            tramite.mudancas.append((Situacao.INICIADO, agora))
            ja_tem = self._ja_tem.get((nre, self._sistema_de(destinatario) or ""), set())
            apenas_pendentes = bool(cabecalho.get("enviarApenasComponentesDigitaisPendentes"))
            for componente in componentes:
                if componente.retirado or componente.hash in tramite.solicitados:
                    continue
                if apenas_pendentes and componente.hash in ja_tem:
                    continue
                tramite.solicitados[componente.hash] = ComponenteRecebido(componente)
            self._tramites[tramite.idt] = tramite
            self._por_nre.setdefault(tramite.nre, []).append(tramite)
            self._por_protocolo.setdefault(tramite.protocolo, []).append(tramite)
            for participante in {sistema, self._sistema_de(destinatario)} - {None}:
                self._por_sistema.setdefault(str(participante), []).append(tramite)
            self._por_ticket[tramite.ticket] = tramite.idt
            expira = tramite.ultima_mudanca + self.prazo_cancelamento_automatico
            self._proxima_expiracao = min(expira, self._proxima_expiracao or expira)
            if not tramite.solicitados:
                self._concluir_envio(tramite, sistema)
            self._notificar(tramite)
            return tramite

    def _nre_do_envio(self, sistema: str, cabecalho: dict, protocolo: str) -> str:
        nre = cabecalho.get("NRE")
        if nre:
            anteriores = self._por_nre.get(nre, [])
            if not anteriores:
                raise RequisicaoInvalida(f"NRE {nre} desconhecido.")
        else:
            anteriores = [t for t in self._por_protocolo.get(protocolo, []) if t.sistema_remetente == sistema]
        if any(t.situacao in SITUACOES_EM_ANDAMENTO for t in anteriores):
            raise TramiteEmAndamento()
        return nre or f"{next(self._nres):016d}"

    def _sistema_de(self, endereco: Endereco) -> str | None:
        return next((s.nome for s in self.semente.sistemas if endereco in s.enderecos), None)

    # --- uploads (remetente) ------------------------------------------------------------------
    def _componente_do_ticket(self, sistema: str, ticket: int, protocolo: str, hash_: str):
        with self._trava:
            idt = self._por_ticket.get(ticket)
            if idt is None:
                raise RecursoNaoEncontrado(f"Ticket de envio de componentes {ticket} não encontrado.")
            tramite = self._tramites[idt]
            self._exigir_lado(sistema, tramite, Ator.REMETENTE, "enviar componentes digitais")
            proxima_situacao(idt, tramite.situacao, Operacao.ENVIAR_COMPONENTE)
            if protocolo not in tramite.protocolos:
                raise RequisicaoInvalida(
                    f"Protocolo '{protocolo}' não pertence ao trâmite {idt} ({', '.join(tramite.protocolos)})."
                )
            componente = tramite.solicitados.get(hash_)
            if componente is None:
                raise ComponenteInvalido(f"O componente digital de hash {hash_} não foi solicitado neste trâmite.")
            if componente.declarado.protocolo != protocolo:
                raise RequisicaoInvalida(
                    f"O componente digital de hash {hash_} é do protocolo {componente.declarado.protocolo}, não de "
                    f"'{protocolo}'."
                )
            return tramite, componente

    def enviar_componente(self, sistema: str, ticket: int, protocolo: str, hash_: str, conteudo: IO[bytes]) -> None:
        """`PUT tickets-de-envio-de-componente/{ticket}/protocolos/componentes-a-enviar`: the whole component,
        kept where it arrived and checked outside the lock."""
        with self._trava:
            self._expirar_parados()
            _tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
        with self.armazem.guardar(conteudo) as chegada:
            digest = self._hash_de(chegada.pedaco(0), hashlib.sha256())
            self._conferir_conteudo(componente.declarado, digest, chegada.tamanho)
            with self._trava:
                tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
                componente.pedacos = [chegada.adotar(0)]
                componente.digest, componente.hasheado_ate = digest, componente.declarado.tamanho
                self._componente_completo(tramite, componente, sistema)

    def enviar_parte(
        self, sistema: str, ticket: int, protocolo: str, hash_: str, inicio: int, fim: int, conteudo: IO[bytes]
    ) -> None:
        """`PUT .../componentes-a-enviar/partes/{inicio}-{fim}`: one slice, `fim` exclusive, kept where it arrived
        (other requests go on meanwhile); hashed at once, outside the lock, when it continues the hashed bytes."""
        with self._trava:
            self._expirar_parados()
            _tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
            tamanho = componente.declarado.tamanho
            if not 0 <= inicio < fim <= tamanho:
                raise RequisicaoInvalida(
                    f"Intervalo de bytes {inicio}-{fim} inválido para um componente de {tamanho} bytes."
                )
        with self.armazem.guardar(conteudo) as chegada:
            if chegada.tamanho != fim - inicio:
                raise ComponenteInvalido(
                    f"A parte {inicio}-{fim} deveria ter {fim - inicio} bytes e chegou com {chegada.tamanho}."
                )
            with self._trava:
                _tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
                if intervalos.sobrepoe(componente.partes, inicio, fim):
                    raise RequisicaoInvalida(f"A parte {inicio}-{fim} se sobrepõe a uma parte já recebida.")
                pedaco = chegada.adotar(inicio)
                bisect.insort(componente.pedacos, pedaco)
                continua = componente.digest.copy() if componente.hasheado_ate == inicio else None
        if continua is not None:
            digest = self._hash_de(pedaco, continua)
            with self._trava:
                if componente.hasheado_ate == inicio:
                    componente.digest, componente.hasheado_ate = digest, fim

    def sinalizar_termino_de_envio(self, sistema: str, ticket: int, protocolo: str, hash_: str) -> None:
        """`POST .../partes/sinalizacao-termino-envio`: check the assembled bytes and mark the component received.
        Only what was not hashed on arrival is read, outside the lock."""
        with self._trava:
            self._expirar_parados()
            _tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
            tamanho = componente.declarado.tamanho
            if not intervalos.cobre(componente.partes, tamanho):
                raise ComponenteInvalido(f"As partes recebidas do componente {hash_} não cobrem os bytes 0-{tamanho}.")
            restante = Fatia(tuple(componente.pedacos), componente.hasheado_ate, tamanho)
            digest = componente.digest.copy()
        for bloco in restante.blocos(BLOCO):
            digest.update(bloco)
        with self._trava:
            tramite, componente = self._componente_do_ticket(sistema, ticket, protocolo, hash_)
            self._conferir_conteudo(componente.declarado, digest, tamanho)
            self._componente_completo(tramite, componente, sistema)

    @staticmethod
    def _hash_de(pedaco: Pedaco, digest: Digest) -> Digest:
        for bloco in Fatia((pedaco,), pedaco.inicio, pedaco.fim).blocos(BLOCO):
            digest.update(bloco)
        return digest

    @staticmethod
    def _conferir_conteudo(declarado: ComponenteDeclarado, digest: Digest, tamanho: int) -> None:
        if tamanho != declarado.tamanho:
            raise ComponenteInvalido(
                f"Tamanho do componente digital '{declarado.nome}' não confere: declarado {declarado.tamanho} "
                f"bytes, recebido {tamanho}."
            )
        calculado = base64.b64encode(digest.digest()).decode("ascii")
        if calculado != declarado.hash:
            raise ComponenteInvalido(
                f"Hash do componente digital '{declarado.nome}' não confere: declarado {declarado.hash}, "
                f"calculado {calculado}."
            )

    def _componente_completo(self, tramite: TramiteSimulado, componente: ComponenteRecebido, sistema: str) -> None:
        componente.completo = True
        self._conteudos[(tramite.nre, componente.declarado.hash)] = tuple(componente.pedacos)
        if all(c.completo for c in tramite.solicitados.values()):
            self._concluir_envio(tramite, sistema)
            self._notificar(tramite)

    def _concluir_envio(self, tramite: TramiteSimulado, sistema: str) -> None:
        self._avancar(tramite, Operacao.CONCLUIR_ENVIO_COMPONENTES, sistema)
        tramite.data_ultimo_componente = tramite.ultima_mudanca
        self._ja_tem.setdefault((tramite.nre, sistema), set()).update(tramite.solicitados)

    # --- queries ------------------------------------------------------------------------------
    def _tramite(self, idt: int) -> TramiteSimulado:
        try:
            return self._tramites[idt]
        except KeyError:
            raise TramiteNaoEncontrado(idt) from None

    def serve(self, sistema: str, tramite: TramiteSimulado, ator: Ator) -> bool:
        if ator is Ator.REMETENTE:
            return tramite.sistema_remetente == sistema
        return tramite.destinatario in self.sistema(sistema).enderecos

    def _exigir_lado(self, sistema: str, tramite: TramiteSimulado, ator: Ator, acao: str) -> None:
        if self.serve(sistema, tramite, ator):
            return
        if self._participa(sistema, tramite):
            raise SistemaNaoAutorizado(f"Somente o {ator.value} do trâmite {tramite.idt} pode {acao}.")
        raise SistemaNaoAutorizado(f"O sistema '{sistema}' não participa do trâmite {tramite.idt}.")

    def _participa(self, sistema: str, tramite: TramiteSimulado) -> bool:
        return self.serve(sistema, tramite, Ator.REMETENTE) or self.serve(sistema, tramite, Ator.DESTINATARIO)

    def tramite_visivel(self, sistema: str, idt: int) -> TramiteSimulado:
        with self._trava:
            self._expirar_parados()
            tramite = self._tramite(idt)
            if not self._participa(sistema, tramite):
                raise SistemaNaoAutorizado(f"O sistema '{sistema}' não participa do trâmite {idt}.")
            return tramite

    def consultar_tramites(
        self,
        sistema: str,
        *,
        idt: int | None = None,
        nre: str | None = None,
        protocolo: str | None = None,
        remetente: Endereco | None = None,
        destinatario: Endereco | None = None,
    ) -> list[TramiteSimulado]:
        """`GET tramites`: only the caller's own trâmites, ascending IDT."""
        with self._trava:
            self._expirar_parados()
            encontrados = []
            for t in self._candidatos(sistema, idt, nre, protocolo):
                if not self._participa(sistema, t):
                    continue
                if (
                    (idt is not None and t.idt != idt)
                    or (nre and t.nre != nre)
                    or (protocolo and t.protocolo != protocolo)
                ):
                    continue
                if (remetente and t.remetente != remetente) or (destinatario and t.destinatario != destinatario):
                    continue
                encontrados.append(t)
            return encontrados

    def _candidatos(
        self, sistema: str, idt: int | None, nre: str | None, protocolo: str | None
    ) -> list[TramiteSimulado]:
        """The trâmites a query can match, from the narrowest index it names, ascending IDT."""
        if idt is not None:
            return [self._tramites[idt]] if idt in self._tramites else []
        if nre:
            return self._por_nre.get(nre, [])
        if protocolo:
            return self._por_protocolo.get(protocolo, [])
        return self._por_sistema.get(sistema, [])

    def listar_pendencias(self, sistema: str) -> list[TramiteSimulado]:
        """`GET tramites/pendentes`: 2–4 for the destinatário, 5 and 8 for the remetente."""
        with self._trava:
            self._expirar_parados()
            pendentes = []
            for t in (self._pendentes[idt] for idt in sorted(self._pendentes)):
                if (t.situacao in PENDENTES_DO_DESTINATARIO and self.serve(sistema, t, Ator.DESTINATARIO)) or (
                    t.situacao in PENDENTES_DO_REMETENTE and self.serve(sistema, t, Ator.REMETENTE)
                ):
                    pendentes.append(t)
            return pendentes

    # --- receiving (destinatário) -------------------------------------------------------------
    def solicitar_metadados(self, sistema: str, idt: int) -> TramiteSimulado:
        """`GET tramites/{IDT}`: the first read by the destinatário in status 2 moves it to 3."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            if tramite.situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE and self.serve(
                sistema, tramite, Ator.DESTINATARIO
            ):
                self._avancar(tramite, Operacao.LER_METADADOS, sistema)
                self._notificar(tramite)
            return tramite

    def baixar_componente(
        self, sistema: str, idt: int, protocolo: str, hash_: str, inicio: int | None = None, fim: int | None = None
    ) -> Fatia:
        """`POST tramites/{IDT}/protocolos/componentes-digitais[/partes/{inicio}-{fim}]`: the slice to serve (a
        stored component never changes, so it is read outside the lock)."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._exigir_lado(sistema, tramite, Ator.DESTINATARIO, "baixar componentes digitais")
            proxima_situacao(idt, tramite.situacao, Operacao.BAIXAR_COMPONENTE)
            if protocolo not in tramite.protocolos:
                raise RequisicaoInvalida(f"Protocolo '{protocolo}' não pertence ao trâmite {idt}.")
            pedacos = self._conteudos.get((tramite.nre, hash_))
            if pedacos is None or hash_ not in tramite.hashes_em_ordem():
                raise RecursoNaoEncontrado(f"Componente digital de hash {hash_} não encontrado no trâmite {idt}.")
            tamanho = pedacos[-1].fim
            inicio = 0 if inicio is None else inicio
            fim = tamanho if fim is None else fim
            if not 0 <= inicio < fim <= tamanho:
                raise RequisicaoInvalida(
                    f"Intervalo de bytes {inicio}-{fim} inválido para um componente de {tamanho} bytes."
                )
            faixas = tramite.downloads.setdefault(hash_, [])
            faixas.append((inicio, fim))
            if hash_ not in tramite.baixados and intervalos.cobre(faixas, tamanho):
                tramite.baixados.append(hash_)
                if (
                    tramite.situacao == Situacao.METADADOS_RECEBIDO_DESTINATARIO
                    and not tramite.hashes_pendentes_de_recebimento()
                ):
                    self._avancar(tramite, Operacao.CONCLUIR_DOWNLOAD_COMPONENTES, sistema)
                    self._notificar(tramite)
            return Fatia(pedacos, inicio, fim)

    def xml_do_recibo(self, tramite: TramiteSimulado, data_de_recebimento: str) -> str:
        return RECIBO_DE_CONCLUSAO.xml(tramite.idt, tramite.nre, data_de_recebimento, tramite.baixados)

    def enviar_recibo(self, sistema: str, idt: int, data_de_recebimento: str, assinatura: str) -> None:
        """`POST tramites/{IDT}/recibo`: 4 → 5; the signature is checked when the system's certificate is known."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._exigir_lado(sistema, tramite, Ator.DESTINATARIO, "enviar o recibo de conclusão")
            if not data_de_recebimento or not assinatura:
                raise RequisicaoInvalida("Informe dataDeRecebimento e hashDaAssinatura.")
            proxima_situacao(idt, tramite.situacao, Operacao.ENVIAR_RECIBO)
            validar_recibo_de_tramite(
                data_de_recebimento, assinatura, tramite.data_da_situacao(Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO)
            )
            certificado = self._certificados.get(sistema, "")
            xml = self.xml_do_recibo(tramite, data_de_recebimento)
            if certificado and not assinatura_confere(xml, assinatura, certificado):
                raise AssinaturaInvalida(
                    f"Falha na validação do recibo de conclusão do trâmite {idt}: a assinatura não confere com o "
                    f"certificado do sistema '{sistema}'. Recibo esperado: {xml}"
                )
            tramite.recibo = ReciboEmitido(data_de_recebimento, sorted(tramite.baixados), assinatura, certificado)
            self._ja_tem.setdefault((tramite.nre, sistema), set()).update(tramite.baixados)
            self._avancar(tramite, Operacao.ENVIAR_RECIBO, sistema)
            self._notificar(tramite)

    def recusar(self, sistema: str, idt: int, motivo: str, justificativa: str) -> None:
        """`POST tramites/{IDT}/recusa`: 2/3/4 → 8."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._exigir_lado(sistema, tramite, Ator.DESTINATARIO, "recusar o trâmite")
            try:
                motivo_ = MotivoRecusa(str(motivo))
            except ValueError:
                codigos = ", ".join(m.value for m in MotivoRecusa)
                raise RequisicaoInvalida(f"Motivo de recusa '{motivo}' desconhecido (use {codigos}).") from None
            if not justificativa or not str(justificativa).strip():
                raise RequisicaoInvalida("A justificativa da recusa é obrigatória.")
            if len(justificativa) > LIMITE_JUSTIFICATIVA_RECUSA:
                raise RequisicaoInvalida(
                    f"A justificativa da recusa tem {len(justificativa)} caracteres; o limite é "
                    f"{LIMITE_JUSTIFICATIVA_RECUSA}."
                )
            self._avancar(tramite, Operacao.RECUSAR, sistema)
            tramite.recusa = (motivo_, justificativa)
            self._notificar(tramite)

    # --- closing (remetente) ------------------------------------------------------------------
    def receber_recibo(self, sistema: str, idt: int) -> TramiteSimulado:
        """`GET tramites/{IDT}/recibo`: 5 → 6 on the first read; read again in 6."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._exigir_lado(sistema, tramite, Ator.REMETENTE, "receber o recibo de conclusão")
            if self._avancar(tramite, Operacao.RECEBER_RECIBO, sistema):
                self._notificar(tramite)
            return tramite

    def recibo_de_envio(self, sistema: str, idt: int) -> tuple[TramiteSimulado, ReciboEmitido]:
        """`GET tramites/{IDT}/recibo-de-envio`: the recibo the platform signs with its own key."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._exigir_lado(sistema, tramite, Ator.REMETENTE, "receber o recibo de envio")
            if tramite.data_ultimo_componente is None:
                raise SituacaoNaoPermite(
                    f"Recibo de envio do trâmite {idt} indisponível: os componentes digitais ainda não foram todos "
                    "recebidos."
                )
            chaves = self.chaves_de("Tramita.GOV.BR")
            data, hashes = formatar_data_recibo(tramite.data_ultimo_componente), sorted(tramite.solicitados)
            assinatura = chaves.assinar(RECIBO_DE_ENVIO.xml(idt, tramite.nre, data, hashes))
            return tramite, ReciboEmitido(data, hashes, assinatura, chaves.certificado_pem)

    def dar_ciencia(self, sistema: str, idt: int) -> None:
        """`GET tramites/{IDT}/ciencia`: 8 → 9."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._avancar(tramite, Operacao.DAR_CIENCIA, sistema)
            self._notificar(tramite)

    def cancelar(self, sistema: str, idt: int) -> None:
        """`DELETE tramites/{IDT}`: 1–4 → 7."""
        with self._trava:
            tramite = self.tramite_visivel(sistema, idt)
            self._avancar(tramite, Operacao.CANCELAR, sistema)
            self._notificar(tramite)

    # --- status changes -----------------------------------------------------------------------
    def _avancar(self, tramite: TramiteSimulado, operacao: Operacao, sistema: str | None) -> bool:
        """Applies the table's move; True when the status changed (a status read again stays)."""
        ator = TRANSICOES[operacao].ator
        if ator is not Ator.PLATAFORMA:
            self._exigir_lado(sistema or "", tramite, ator, operacao.value)
        nova = proxima_situacao(tramite.idt, tramite.situacao, operacao)
        if nova == tramite.situacao:
            return False
        tramite.situacao = nova
        tramite.mudancas.append((nova, self.relogio.agora()))
        if nova in PENDENTES_DO_DESTINATARIO | PENDENTES_DO_REMETENTE:
            self._pendentes[tramite.idt] = tramite
        else:
            self._pendentes.pop(tramite.idt, None)
        return True

    def _expirar_parados(self) -> None:
        """Status 10 for trâmites stalled in 1–4 past the deadline (counted from the last change)."""
        agora = self.relogio.agora()
        if self._proxima_expiracao is None or agora <= self._proxima_expiracao:
            return  # nothing can have expired yet: no scan on every request
        parados = []
        for tramite in self._tramites.values():
            if tramite.situacao not in SITUACOES_CANCELAVEIS:
                continue
            if agora - tramite.ultima_mudanca > self.prazo_cancelamento_automatico:
                self._avancar(tramite, Operacao.EXPIRAR, None)
                self._notificar(tramite)
            else:
                parados.append(tramite.ultima_mudanca + self.prazo_cancelamento_automatico)
        self._proxima_expiracao = min(parados, default=None)

    def expirar_parados(self) -> None:
        with self._trava:
            self._expirar_parados()

    def esgotar_prazo(self, idt: int) -> Situacao:
        """This trâmite's time runs out, as if it had stalled past the deadline (its dates move back, in order);
        the platform's rule then cancels it (10) if it stands in 1–4. The clock and every other trâmite stay."""
        with self._trava:
            tramite = self._tramite(idt)
            atraso = self.prazo_cancelamento_automatico - (self.relogio.agora() - tramite.ultima_mudanca)
            if tramite.situacao in SITUACOES_CANCELAVEIS and atraso >= timedelta(0):
                atraso += timedelta(seconds=1)
                tramite.registro -= atraso
                tramite.mudancas = [(situacao, quando - atraso) for situacao, quando in tramite.mudancas]
                self._proxima_expiracao = tramite.ultima_mudanca + self.prazo_cancelamento_automatico
                self._expirar_parados()
            return tramite.situacao

    def _notificar(self, tramite: TramiteSimulado) -> None:
        for ouvinte in self._ouvintes:
            ouvinte(tramite)
