"""The requirements as data, and which scenarios prove them (from the features' tags).

This is the only list of requirements: the environment's sections, the CLI's choices, the organ's role,
the pytest markers and the evidence all derive from `REGISTRO`. Two profiles: the minimum the PEN asks for
(`REQUISITOS`, the campaign's verdict), and the extended cases that break organs in production (`ESTENDIDOS`,
run only with `--perfil estendido` and reported apart). A new requirement is an entry here, a feature file,
the scenario façade's methods and their steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gherkin.parser import Parser

from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import Ator

PREFIXO_TAG = "requisito_"
MANUAL = "Manual Técnico Operacional do Tramita.GOV.BR"
FLUXO = "Manual de Fluxo do Trâmite do Tramita.GOV.BR"
API = "Especificação da API (docs/api-tramita.md)"
MODULO = "Módulo do Tramita.GOV.BR para o SEI (mod-sei-pen)"


@dataclass(frozen=True)
class Clausula:
    """One thing a requirement demands, checked on each trâmite that proves it."""

    id: str
    descricao: str
    fonte: str


CLAUSULAS: dict[str, Clausula] = {
    c.id: c
    for c in (
        Clausula("situacao_final", "O trâmite termina na situação final do requisito", f"{MANUAL}, requisitos mínimos"),
        Clausula(
            "historico_em_ordem",
            "As situações se sucedem na ordem do fluxo, com datas e horas em ordem",
            f"{FLUXO}, figuras do fluxo (mudancasDeSituacao)",
        ),
        Clausula(
            "hashes_do_recibo_de_envio",
            "Cada hash do recibo de envio é o SHA-256 de um componente enviado, sem faltar nem sobrar",
            f"{MANUAL}, recibo de envio (GET tramites/{{IDT}}/recibo-de-envio)",
        ),
        Clausula(
            "hashes_do_recibo_de_conclusao",
            "Cada hash do recibo de conclusão é o SHA-256 de um componente enviado, sem faltar nem sobrar",
            f"{MANUAL}, recibo de conclusão do trâmite (GET tramites/{{IDT}}/recibo)",
        ),
        Clausula(
            "assinatura_do_recibo",
            "O recibo de conclusão é do trâmite (IDT e NRE) e está assinado pelo certificado do sistema destinatário, "
            "emitido pela autoridade certificadora dos sistemas",
            f"{MANUAL}, recibo de conclusão (hashDaAssinatura, cadeiaDoCertificado)",
        ),
        Clausula(
            "componentes_recebidos",
            "Cada componente recebido tem o SHA-256 declarado nos metadados, e nenhum falta",
            f"{MANUAL}, recebimento dos componentes digitais (hashDoComponenteDigital)",
        ),
        Clausula(
            "recusa_registrada",
            "A recusa fica registrada com o motivo e a justificativa enviados (até 1000 caracteres)",
            f"{MANUAL}, recusa de trâmite (motivo 01, 02, 03, 04 ou 99)",
        ),
        Clausula(
            "resposta_coerente",
            "Cada resposta do Tramita.GOV.BR é sobre o trâmite pedido (IDT, NRE) e tem os tipos da API",
            "Especificação da API (docs/api-tramita.md), formato das respostas",
        ),
        Clausula(
            "cancelamento_so_antes_da_conclusao",
            "O cancelamento é aceito nas situações 1 a 4 e recusado depois da conclusão",
            f"{FLUXO}, cancelamento de trâmite",
        ),
        Clausula(
            "documento_avulso_registrado",
            "O Tramita.GOV.BR registra o trâmite como documento avulso (tipo D), com os componentes enviados",
            f"{API}, §2.8.4 documento avulso (inferido: o {MODULO} recebe, mas nunca envia, documento avulso)",
        ),
        Clausula(
            "varios_componentes_registrados",
            "Um documento leva vários componentes digitais, e o Tramita.GOV.BR registra todos, com o hash e a "
            "ordem de cada um",
            f"{API}, §2.8.1 componentesDigitais de cada documento ({MODULO}, ExpedirProcedimentoRN)",
        ),
        Clausula(
            "componente_grande_registrado",
            "Um componente maior que o bloco de transferência, enviado em partes, fica registrado inteiro no "
            "Tramita.GOV.BR: com o tamanho e o hash do arquivo inteiro",
            f"{API}, §2.10 e §2.11 envio de componente em partes ({MODULO}: WS_TAMANHO_BLOCO_TRANSFERENCIA, 50 MB)",
        ),
        Clausula(
            "anexado_e_apensado_registrados",
            "O Tramita.GOV.BR registra o documento do processo anexado, com o número dele e na ordem dos demais, e o "
            "processo apensado, com o número e os documentos dele, cujos componentes também vão e voltam",
            f"{API}, §2.8.1 protocoloDoProcessoAnexado e processoApensado ({MODULO}, construirProcessoREST e "
            "montarDadosComponenteDigital)",
        ),
        Clausula(
            "devolucao_so_pendentes",
            "Um processo que o órgão enviou volta a ele com o mesmo NRE e um documento novo, e o Tramita.GOV.BR só "
            "transfere os componentes que o órgão ainda não tem (enviarApenasComponentesDigitaisPendentes)",
            f"{API}, §2.8.1 cabecalho.NRE e enviarApenasComponentesDigitaisPendentes ({MODULO}, "
            "ReceberProcedimentoRN: baixa só hashDosComponentesPendentesDeRecebimento)",
        ),
        Clausula(
            "recusa_automatica_registrada",
            "O destinatário recusa sozinho o que não aceita, com o motivo previsto (04 espécie não mapeada, 01 "
            "formato, 99 tamanho acima do máximo) e uma justificativa que o cita; o órgão toma ciência (situação 9)",
            f"{MODULO}, ReceberProcedimentoRN (recusas por espécie, formato e tamanho) e ProcessarPendenciasRN",
        ),
        Clausula(
            "sigilo_registrado",
            "O nível de sigilo restrito (2) e a hipótese legal do processo e dos documentos chegam ao "
            "Tramita.GOV.BR como enviados, e a hipótese é uma das ativas da plataforma",
            f"{API}, §2.6 hipóteses legais e §2.8.1 nivelDeSigilo ({MODULO}, obterNivelSigiloPEN)",
        ),
    )
}


# Clauses any scenario can break, whatever its requirement; listed with a requirement only once a check ran.
CLAUSULAS_GERAIS: tuple[str, ...] = ("resposta_coerente",)


class Perfil(StrEnum):
    """The minimum requirements the PEN asks for, or the extended cases beyond them (never in the verdict)."""

    MINIMO = "minimo"
    ESTENDIDO = "estendido"


class PerfilNaoPermitido(ProblemaConhecido):
    titulo = "Perfil estendido"


def exigir_perfil_permitido(perfil: str, tipo_do_ambiente: str, pedido_do_pen: bool) -> None:
    """The extended profile never runs in produção unless the PEN asked for it (`--pedido-do-pen`)."""
    if perfil == Perfil.ESTENDIDO and tipo_do_ambiente == "producao" and not pedido_do_pen:
        raise PerfilNaoPermitido(
            "O perfil estendido não roda em produção: o PEN não o exige ali, e cada caso dele é um trâmite a mais "
            "acompanhado pelos técnicos do PEN. Rode-o em homologação; se o PEN pedir um caso em produção, "
            "acrescente --pedido-do-pen."
        )


class Papel(StrEnum):
    """The organ's side in a requirement's trâmite: it sends it, or it is sent it (and PEN is asked to send)."""

    REMETENTE = Ator.REMETENTE.value
    DESTINATARIO = Ator.DESTINATARIO.value


@dataclass(frozen=True)
class Requisito:
    id: str
    titulo: str
    papel: Papel
    situacao_final: Situacao
    fonte: str
    publicado: bool
    clausulas: tuple[str, ...]
    # What the organ does to the processo PEN sends for it (a requirement where the organ is destinatário).
    desfecho_do_recebido: str = ""
    # Whose counterpart it uses when the environment has no [contrapartes.<id>] section of its own.
    contraparte_de: str | None = None
    # Clauses proven only by a scenario that does not apply everywhere (by environment type or mode).
    condicionais: tuple[str, ...] = ()
    perfil: Perfil = Perfil.MINIMO

    @property
    def essenciais(self) -> tuple[str, ...]:
        """The clauses an approved verdict must have proven, wherever it ran."""
        return tuple(c for c in self.clausulas if c not in self.condicionais)

    @property
    def tag(self) -> str:
        return f"{PREFIXO_TAG}{self.id}"

    @property
    def recebido(self) -> bool:
        """The organ is sent the trâmite (by PEN, outside the simulator)."""
        return self.papel is Papel.DESTINATARIO


# What a processo sent with success proves, whatever it carries.
ENVIO_COM_SUCESSO = (
    "situacao_final",
    "historico_em_ordem",
    "hashes_do_recibo_de_envio",
    "hashes_do_recibo_de_conclusao",
    "assinatura_do_recibo",
)


def _envio_estendido(id_: str, titulo: str, fonte: str, clausula: str) -> Requisito:
    """A case of the extended profile sent like the envio requirement, to its counterpart, plus its own clause."""
    return Requisito(
        id_,
        titulo,
        Papel.REMETENTE,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        fonte,
        False,
        (*ENVIO_COM_SUCESSO, clausula),
        contraparte_de="envio",
        perfil=Perfil.ESTENDIDO,
    )


def _recusado_pelo_destino(id_: str, titulo: str, fonte: str) -> Requisito:
    """A case of the extended profile the destination's SEI refuses by itself, and the organ acknowledges."""
    return Requisito(
        id_,
        titulo,
        Papel.REMETENTE,
        Situacao.CIENCIA_RECUSA,
        fonte,
        False,
        ("situacao_final", "historico_em_ordem", "recusa_automatica_registrada"),
        perfil=Perfil.ESTENDIDO,
    )


REGISTRO: tuple[Requisito, ...] = (
    Requisito(
        "envio",
        "Enviar ao menos um processo com sucesso",
        Papel.REMETENTE,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        f"{MANUAL}, requisitos mínimos para acesso à produção",
        True,
        ENVIO_COM_SUCESSO,
    ),
    Requisito(
        "recebimento",
        "Receber ao menos um processo com sucesso",
        Papel.DESTINATARIO,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        f"{MANUAL}, requisitos mínimos para acesso à produção",
        True,
        ("situacao_final", "historico_em_ordem", "componentes_recebidos"),
        desfecho_do_recebido="será recebido",
    ),
    Requisito(
        "recusa",
        "Recusar um processo recebido de outro órgão",
        Papel.DESTINATARIO,
        Situacao.CIENCIA_RECUSA,
        f"{MANUAL}, requisitos mínimos para acesso à produção",
        True,
        ("situacao_final", "historico_em_ordem", "recusa_registrada"),
        desfecho_do_recebido="será recusado",
    ),
    Requisito(
        "cancelamento",
        "Cancelar um trâmite iniciado, antes da conclusão pelo destinatário",
        Papel.REMETENTE,
        Situacao.CANCELADO,
        f"Acrescentado por este harness ({FLUXO}: cancelamento nas situações 1 a 4)",
        False,
        ("situacao_final", "historico_em_ordem", "cancelamento_so_antes_da_conclusao"),
        condicionais=("cancelamento_so_antes_da_conclusao",),  # its scenario: modo api, outside produção
    ),
    _envio_estendido(
        "documento_avulso",
        "Enviar um documento avulso (fora de processo) com sucesso",
        f"{API}, §2.8.4 documento avulso",
        "documento_avulso_registrado",
    ),
    _envio_estendido(
        "varios_componentes",
        "Enviar um documento com vários componentes digitais",
        f"{API}, §2.8.1 componentes digitais",
        "varios_componentes_registrados",
    ),
    _envio_estendido(
        "restrito_com_hipotese_legal",
        "Enviar um processo restrito, com hipótese legal",
        f"{API}, §2.6 hipóteses legais e nível de sigilo",
        "sigilo_registrado",
    ),
    _envio_estendido(
        "componente_em_partes",
        "Enviar um componente maior que o bloco de transferência, em partes",
        f"{API}, §2.10 e §2.11 componentes digitais em partes",
        "componente_grande_registrado",
    ),
    _envio_estendido(
        "anexado_e_apensado",
        "Enviar um processo com outro anexado e outro apensado",
        f"{API}, §2.8.1 processo anexado e processo apensado",
        "anexado_e_apensado_registrados",
    ),
    _recusado_pelo_destino(
        "nao_mapeado_no_destino",
        "Enviar o que o destino não mapeia (espécie ou formato) e tomar ciência da recusa automática",
        f"{MODULO}, ReceberProcedimentoRN: espécie não mapeada (motivo 04) e formato não aceito (motivo 01)",
    ),
    _recusado_pelo_destino(
        "acima_do_limite_do_destino",
        "Enviar um componente maior do que o destino aceita e tomar ciência da recusa automática",
        f"{MODULO}, ReceberProcedimentoRN::validaTamanhoMaximoAnexo (recusa com motivo 99)",
    ),
    Requisito(
        "devolucao_so_pendentes",
        "Receber de volta um processo enviado, só com os componentes pendentes",
        Papel.DESTINATARIO,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
        f"{API}, §2.8.1 enviarApenasComponentesDigitaisPendentes",
        False,
        ("situacao_final", "historico_em_ordem", "devolucao_so_pendentes"),
        desfecho_do_recebido="será recebido",
        contraparte_de="envio",
        perfil=Perfil.ESTENDIDO,
    ),
    Requisito(
        "cancelamento_automatico",
        "Trâmite parado além do prazo, cancelado automaticamente pelo Tramita.GOV.BR",
        Papel.REMETENTE,
        Situacao.CANCELADO_AUTOMATICAMENTE,
        f"{FLUXO}, cancelamento automático (situação 10) de trâmite parado nas situações 1 a 4",
        False,
        ("situacao_final", "historico_em_ordem"),
        contraparte_de="cancelamento",
        perfil=Perfil.ESTENDIDO,
    ),
)
POR_ID = {r.id: r for r in REGISTRO}
IDS: tuple[str, ...] = tuple(POR_ID)
REQUISITOS: tuple[Requisito, ...] = tuple(r for r in REGISTRO if r.perfil is Perfil.MINIMO)
ESTENDIDOS: tuple[Requisito, ...] = tuple(r for r in REGISTRO if r.perfil is Perfil.ESTENDIDO)


def marcadores() -> list[str]:
    """The pytest markers of the requirements (`requisito_<id>: título`)."""
    return [f"{r.tag}: {r.titulo} (situação {int(r.situacao_final)})" for r in REGISTRO]


def requisitos_das_tags(tags: set[str] | list[str]) -> list[Requisito]:
    nomes = {t.lstrip("@") for t in tags}
    return [r for r in REGISTRO if r.tag in nomes]


def cobertura(pasta_features: Path) -> dict[str, list[str]]:
    """Requirement id → names of the scenarios tagged with it (feature and scenario tags count)."""
    resultado: dict[str, list[str]] = {r.id: [] for r in REGISTRO}
    for arquivo in sorted(pasta_features.rglob("*.feature")):
        documento: dict = Parser().parse(arquivo.read_text(encoding="utf-8"))  # type: ignore[assignment]
        funcionalidade = documento["feature"]
        tags_da_funcionalidade = {t["name"] for t in funcionalidade["tags"]}
        for filho in funcionalidade["children"]:
            cenario = filho.get("scenario")
            if cenario is None:
                continue
            tags = tags_da_funcionalidade | {t["name"] for t in cenario["tags"]}
            for requisito in requisitos_das_tags(tags):
                resultado[requisito.id].append(cenario["name"])
    return resultado
