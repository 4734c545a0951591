"""The run record: the trâmites this run created, was sent or took up again, and every scenario's verdict.

It writes through to the ledger (`livro/`), which outlives the run: the harness acts only on the
trâmites recorded there (its ownership record), and a later run takes up what this one left open.
It is the ledger's only writer during a run (a test holds everything else to reading it).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite, ler_data
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.livro.livro import RECEBIDO, Linha, Livro, Pedido
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao


class ErroDePropriedade(Exception):
    """The harness was asked to act on a trâmite it did not create nor was sent."""

    def __init__(self, idt: int, acao: str):
        super().__init__(
            f"Ação bloqueada ({acao}): o trâmite IDT {idt}, que não foi criado nem recebido pelo harness, não está no "
            "livro de registro. O harness só age sobre os próprios trâmites de teste, para não interferir em "
            "processos reais do órgão."
        )


@dataclass(frozen=True)
class ComponenteRegistrado:
    nome: str
    tamanho: int
    hash: str
    mime_type: str

    def como_json(self) -> dict:
        return {"nome": self.nome, "tamanho": self.tamanho, "hash": self.hash, "mime_type": self.mime_type}


@dataclass
class TramiteRegistrado:
    requisito: str
    cenario: str
    papel: str
    idt: int
    nre: str
    protocolo: str
    situacao: Situacao = Situacao.INICIADO
    mudancas: tuple[MudancaDeSituacao, ...] = ()
    motivo_recusa: str | None = None
    justificativa_recusa: str | None = None
    componentes: tuple[ComponenteRegistrado, ...] = ()
    recibos: list[ConferenciaDeRecibo] = field(default_factory=list)
    retomado: bool = False  # taken up from an earlier run's ledger
    descricao: str = ""  # the processo's description
    remetente: Endereco | None = None
    destinatario: Endereco | None = None

    @property
    def hashes_enviados(self) -> tuple[str, ...]:
        return tuple(sorted(c.hash for c in self.componentes))

    def recibo(self, tipo: str) -> ConferenciaDeRecibo | None:
        return next((r for r in reversed(self.recibos) if r.tipo == tipo), None)


def tramite_do_livro(livro: Livro, linha: Linha, *, retomado: bool = False) -> TramiteRegistrado:
    """A ledger row with its statuses and recibos, as the run record and the evidence pack use it."""
    idt = linha.idt
    assert idt is not None, "só trâmites com IDT ficam em memória"
    descricao, remetente, destinatario = livro.detalhes(idt)
    return TramiteRegistrado(
        linha.requisito,
        linha.cenario,
        linha.papel,
        idt,
        str(linha.nre),
        linha.protocolo,
        Situacao(linha.situacao) if linha.situacao is not None else Situacao.INICIADO,
        tuple(MudancaDeSituacao(Situacao(s), ler_data(d)) for s, d in livro.situacoes(idt)),
        linha.motivo_recusa,
        linha.justificativa_recusa,
        tuple(ComponenteRegistrado(**c) for c in linha.componentes),
        [ConferenciaDeRecibo.de_json(r) for r in livro.recibos(idt)],
        retomado,
        descricao,
        Endereco(remetente["repositorio"], remetente["estrutura"]) if remetente else None,
        Endereco(destinatario["repositorio"], destinatario["estrutura"]) if destinatario else None,
    )


def _unidade(endereco: Endereco) -> dict:
    return {"repositorio": endereco.repositorio, "estrutura": endereco.estrutura}


@dataclass
class ResultadoDeCenario:
    cenario: str
    requisitos: tuple[str, ...]
    veredito: str
    mensagem: str = ""
    duracao_segundos: float = 0.0
    modo: str = "api"


@dataclass
class RegistroDeExecucao:
    livro: Livro = field(default_factory=lambda: Livro(None))
    inicio: datetime = field(default_factory=lambda: datetime.now().astimezone())
    tramites: dict[int, TramiteRegistrado] = field(default_factory=dict)
    resultados: list[ResultadoDeCenario] = field(default_factory=list)
    _trava: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def registrar_intencao(
        self, requisito: str, cenario: str, papel: str, protocolo: str, componentes: tuple[ComponenteRegistrado, ...]
    ) -> int:
        """Written before the request that creates the trâmite: a crash in between is then recoverable."""
        return self.livro.registrar_intencao(requisito, cenario, papel, protocolo, [c.como_json() for c in componentes])

    def vincular(self, id_: int, idt: int, nre: str, etapa: str) -> TramiteRegistrado:
        self.livro.vincular(id_, idt, nre, etapa)
        linha = self.livro.por_idt(idt)
        assert linha is not None, "a linha acabou de ser gravada"
        return self._em_memoria(linha, retomado=False)

    def registrar(
        self, requisito: str, cenario: str, papel: str, idt: int, nre: str, protocolo: str, etapa: str = RECEBIDO
    ) -> TramiteRegistrado:
        """A trâmite sent to the organ (or, in assisted mode, found), recorded as the campaign's."""
        id_ = self.registrar_intencao(requisito, cenario, papel, protocolo, ())
        return self.vincular(id_, idt, nre, etapa)

    def retomar(self, linha: Linha) -> TramiteRegistrado:
        """A trâmite an earlier run left open, taken up by this one."""
        return self._em_memoria(linha, retomado=True)

    def _em_memoria(self, linha: Linha, *, retomado: bool) -> TramiteRegistrado:
        registrado = tramite_do_livro(self.livro, linha, retomado=retomado)
        with self._trava:
            self.tramites[registrado.idt] = registrado
        return registrado

    def exigir_proprio(self, idt: int, acao: str) -> TramiteRegistrado:
        if idt in self.tramites:
            return self.tramites[idt]
        linha = self.livro.por_idt(idt)
        if linha is None:
            raise ErroDePropriedade(idt, acao)
        return self.retomar(linha)

    def atualizar(self, tramite: Tramite) -> None:
        registrado = self.tramites.get(tramite.idt)
        if registrado is None:
            return
        if registrado.remetente is None:
            registrado.remetente, registrado.destinatario = tramite.remetente, tramite.destinatario
            self.livro.salvar_detalhes(
                tramite.idt, remetente=_unidade(tramite.remetente), destinatario=_unidade(tramite.destinatario)
            )
        registrado.situacao = tramite.situacao
        registrado.mudancas = tramite.mudancas
        registrado.motivo_recusa = tramite.motivo_recusa
        registrado.justificativa_recusa = tramite.justificativa_recusa
        self.livro.salvar_situacao(
            tramite.idt,
            int(tramite.situacao),
            [(int(m.situacao), m.data_hora.isoformat()) for m in tramite.mudancas],
            tramite.motivo_recusa,
            tramite.justificativa_recusa,
        )

    def definir_descricao(self, registrado: TramiteRegistrado, descricao: str) -> None:
        registrado.descricao = descricao
        self.livro.salvar_detalhes(registrado.idt, descricao=descricao)

    def definir_componentes(self, registrado: TramiteRegistrado, componentes: tuple[ComponenteRegistrado, ...]) -> None:
        registrado.componentes = componentes
        self.livro.salvar_componentes(registrado.idt, [c.como_json() for c in componentes])

    def anexar_recibo(self, registrado: TramiteRegistrado, conferencia: ConferenciaDeRecibo) -> None:
        registrado.recibos.append(conferencia)
        self.livro.salvar_recibo(registrado.idt, conferencia.tipo, conferencia.como_json())

    # --- what the campaign keeps beside its trâmites -------------------------------------------
    def iniciar(self, modo: str, certificado: CertificadoDoOrgao | None) -> None:
        """Since when the campaign runs, who the organ was (so that a pack rebuilt later, with no password, still
        says it) and the mode it last ran in (the follow-up judges in it)."""
        self.livro.guardar_se_ausente("inicio", datetime.now().astimezone().isoformat())
        if certificado is not None:
            self.livro.guardar(
                "certificado",
                {
                    "titular": certificado.titular,
                    "emissor": certificado.emissor,
                    "impressao_digital_sha256": certificado.impressao_digital,
                    "valido_ate": certificado.valido_ate.isoformat(),
                },
            )
        self.livro.guardar("modo", modo)

    def guardar(self, chave: str, valor: object) -> None:
        self.livro.guardar(chave, valor)

    def codigo_da_campanha(self) -> str:
        return self.livro.codigo_da_campanha()

    def deixar_de_retomar(self, motivo: str, requisitos: tuple[str, ...] | None = None) -> None:
        self.livro.deixar_de_retomar(motivo, requisitos)

    def marcar(
        self, idt: int, *, etapa: str | None = None, espera: str | None = None, avaliado: bool | None = None
    ) -> None:
        self.livro.marcar(idt, etapa=etapa, espera=espera, avaliado=avaliado)

    def abandonar(self, linha: Linha, motivo: str) -> None:
        self.livro.abandonar(linha.id, motivo)

    def registrar_verificacao(self, requisito: str, cenario: str, verificacao: Verificacao) -> None:
        self.livro.registrar_verificacao(requisito, cenario, verificacao.idt, verificacao.como_json())

    # --- what was asked of PEN, of the operator, and what was seen and left alone ----------------
    def registrar_pedido(self, requisito: str, cenario: str, pedido_em: datetime) -> Pedido:
        return self.livro.registrar_pedido(requisito, cenario, pedido_em)

    def atender_pedido(self, pedido: Pedido, idt: int) -> None:
        self.livro.atender_pedido(pedido.requisito, pedido.cenario, idt)

    def ignorar(self, idt: int, remetente: str, motivo: str) -> None:
        self.livro.ignorar(idt, remetente, motivo)

    def registrar_instrucao(
        self, requisito: str, cenario: str, acao: str, texto: str, idt: int | None, dada_em: datetime
    ) -> None:
        self.livro.registrar_instrucao(requisito, cenario, acao, texto, idt, dada_em)

    def envio_encontrado(self, requisito: str, cenario: str, idt: int) -> None:
        self.livro.envio_encontrado(requisito, cenario, idt)

    def do_cenario(self, cenario: str) -> list[TramiteRegistrado]:
        return [t for t in self.tramites.values() if t.cenario == cenario]

    def concluir_cenario(self, resultado: ResultadoDeCenario, *, julgado: bool) -> None:
        """A judged scenario (passed or failed) closes its trâmites in the ledger; a waiting one keeps them open."""
        with self._trava:
            self.resultados.append(resultado)
        tramites = self.do_cenario(resultado.cenario)
        for requisito in resultado.requisitos:
            self.livro.registrar_veredito(
                requisito,
                resultado.cenario,
                resultado.veredito,
                resultado.mensagem,
                resultado.duracao_segundos,
                [t.idt for t in tramites],
                [t.idt for t in tramites if t.retomado],
                resultado.modo,
            )
        if julgado:
            for registrado in self.do_cenario(resultado.cenario):
                self.livro.marcar(registrado.idt, avaliado=True)
