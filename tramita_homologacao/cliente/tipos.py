"""Typed results of the client's operations, read from the API's JSON (`docs/api-tramita.md` §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.recibo import TipoDeRecibo
from tramita_homologacao.protocolo.situacoes import Situacao


def ler_data(texto: str) -> datetime:
    return datetime.fromisoformat(texto)


class CampoInvalido(ValueError):
    """A field of the API's answer with another type or value (the message, in Portuguese, names it)."""


def inteiro(valor: object, campo: str) -> int:
    """A JSON number without decimals, as the API writes identifiers and statuses: "6" or true is not 6."""
    if isinstance(valor, bool) or not isinstance(valor, int):
        raise CampoInvalido(f"{campo} deveria ser um número inteiro e veio {valor!r}")
    return valor


def situacao(valor: object, campo: str) -> Situacao:
    numero = inteiro(valor, campo)
    try:
        return Situacao(numero)
    except ValueError:
        raise CampoInvalido(f"{campo} {numero} não é uma situação do Tramita.GOV.BR (1 a 10)") from None


@dataclass(frozen=True)
class Repositorio:
    id: int
    nome: str
    ativo: bool

    @classmethod
    def de_json(cls, d: dict) -> Repositorio:
        return cls(int(d["id"]), d["nome"], bool(d.get("ativo", True)))


@dataclass(frozen=True)
class Estrutura:
    repositorio: int
    numero: int
    nome: str
    sigla: str
    ativo: bool
    apta_para_receber: bool
    hierarquia: tuple[str, ...]

    @classmethod
    def de_json(cls, repositorio: int, d: dict) -> Estrutura:
        return cls(
            repositorio,
            int(d["numeroDeIdentificacaoDaEstrutura"]),
            d["nome"],
            d.get("sigla", ""),
            bool(d.get("ativo", True)),
            bool(d.get("aptoParaReceberTramites", False)),
            tuple(h.get("sigla", "") for h in d.get("hierarquia") or []),
        )


@dataclass(frozen=True)
class Especie:
    codigo: int
    nome: str


@dataclass(frozen=True)
class HipoteseLegal:
    identificacao: int
    nome: str
    ativa: bool


@dataclass(frozen=True)
class NovoTramite:
    """Answer of `POST tramites/processo`: what to upload, and with which ticket."""

    idt: int
    nre: str
    ticket: int
    data_registro: datetime
    componentes_solicitados: dict[str, tuple[str, ...]]

    @classmethod
    def de_json(cls, d: dict) -> NovoTramite:
        return cls(
            inteiro(d["IDT"], "IDT"),
            str(d["NRE"]),
            inteiro(d["ticketParaEnvioDeComponentesDigitais"], "ticketParaEnvioDeComponentesDigitais"),
            ler_data(d["dataHoraDeRegistroDoTramite"]),
            {
                item["protocolo"]: tuple(item.get("hashes") or [])
                for item in d.get("processosComComponentesDigitaisSolicitados") or []
            },
        )


@dataclass(frozen=True)
class MudancaDeSituacao:
    situacao: Situacao
    data_hora: datetime


@dataclass(frozen=True)
class Tramite:
    """One item of `GET tramites`."""

    idt: int
    nre: str
    protocolo: str
    situacao: Situacao
    remetente: Endereco
    destinatario: Endereco
    data_registro: datetime
    hashes_pendentes: tuple[str, ...]
    mudancas: tuple[MudancaDeSituacao, ...]
    motivo_recusa: str | None
    justificativa_recusa: str | None
    bruto: dict = field(default_factory=dict, compare=False, repr=False)  # the answer as received (evidence)

    @property
    def historico(self) -> list[int]:
        return [int(m.situacao) for m in self.mudancas]

    @classmethod
    def de_json(cls, d: dict) -> Tramite:
        return cls(
            inteiro(d["IDT"], "IDT"),
            str(d["NRE"]),
            str(d.get("protocolo", "")),
            situacao(d["situacaoAtual"], "situacaoAtual"),
            Endereco.de_json(d["remetente"]),
            Endereco.de_json(d["destinatario"]),
            ler_data(d["dataHoraDeRegistroDoTramite"]),
            tuple(d.get("hashDosComponentesPendentesDeRecebimento") or []),
            tuple(
                MudancaDeSituacao(situacao(m["situacao"], "mudancasDeSituacao.situacao"), ler_data(m["dataHora"]))
                for m in d.get("mudancasDeSituacao") or []
            ),
            d.get("motivoDaRecusa"),
            d.get("justificativaDaRecusa"),
            d,
        )


@dataclass(frozen=True)
class Pendencia:
    idt: int
    situacao: Situacao


@dataclass(frozen=True)
class ComponenteDosMetadados:
    protocolo: str
    hash: str
    tamanho: int
    nome: str
    mime_type: str


@dataclass(frozen=True)
class Metadados:
    """`GET tramites/{IDT}`: the processo (or documento avulso) as the remetente sent it."""

    idt: int
    nre: str
    remetente: Endereco
    destinatario: Endereco
    tipo: str
    protocolo: dict

    @classmethod
    def de_json(cls, idt: int, d: dict) -> Metadados:
        tipo = "P" if "processo" in d else "D"
        return cls(
            idt,
            str(d["nre"]),
            Endereco.de_json(d["remetente"]),
            Endereco.de_json(d["destinatario"]),
            tipo,
            d["processo"] if tipo == "P" else d["documento"],
        )

    def componentes(self) -> list[ComponenteDosMetadados]:
        """Live components in order, each under its protocolo: the processo's, then each apensado processo's
        (`processoApensado`, recursively); a documento avulso is its own single document."""
        return _componentes_do_protocolo(self.protocolo, processo=self.tipo == "P")


def _componentes_do_protocolo(protocolo: dict, *, processo: bool) -> list[ComponenteDosMetadados]:
    documentos = protocolo.get("documentos", []) if processo else [protocolo]
    proprios = [
        ComponenteDosMetadados(
            protocolo["protocolo"], c["hash"]["conteudo"], int(c["tamanhoEmBytes"]), c["nome"], c.get("mimeType", "")
        )
        for documento in documentos
        if not documento.get("retirado")
        for c in documento.get("componentesDigitais", [])
    ]
    apensados = protocolo.get("processoApensado") or [] if processo else []
    return proprios + [c for apensado in apensados for c in _componentes_do_protocolo(apensado, processo=True)]


@dataclass(frozen=True)
class ReciboAssinado:
    """A recibo as the platform hands it back: the signed data, the signer's certificate and signature."""

    tipo: TipoDeRecibo
    idt: int
    nre: str
    data: str
    hashes: tuple[str, ...]
    cadeia_do_certificado: str
    hash_da_assinatura: str
    bruto: dict = field(default_factory=dict, compare=False, repr=False)  # the answer as received (evidence)

    @classmethod
    def de_json(cls, tipo: TipoDeRecibo, d: dict) -> ReciboAssinado:
        recibo = d[tipo.elemento]
        return cls(
            tipo,
            inteiro(recibo["IDT"], "IDT"),
            str(recibo["NRE"]),
            recibo[tipo.campo_data],
            tuple(recibo.get("hashesDosComponentesDigitais") or []),
            d.get("cadeiaDoCertificado", ""),
            d.get("hashDaAssinatura", ""),
            d,
        )

    def como_json(self) -> dict:
        """As received; one the organ signed itself, as it sent it."""
        return self.bruto or self.tipo.como_json(
            self.idt, self.nre, self.data, self.hashes, self.cadeia_do_certificado, self.hash_da_assinatura
        )

    def xml(self) -> str:
        """The text the signature covers, rebuilt from the recibo's own fields."""
        return self.tipo.xml(self.idt, self.nre, self.data, self.hashes)
