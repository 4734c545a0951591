"""Renders the model's objects in the API's JSON shapes (`docs/api-tramita.md` §2)."""

from __future__ import annotations

from datetime import datetime

from tramita_homologacao.protocolo.recibo import TipoDeRecibo
from tramita_homologacao.simulador.modelo import Plataforma, ReciboEmitido, TramiteSimulado
from tramita_homologacao.simulador.semente import Estrutura


def data_hora(instante: datetime) -> str:
    return instante.isoformat(timespec="milliseconds")


def sem_nulos(dados: dict) -> dict:
    return {chave: valor for chave, valor in dados.items() if valor is not None}


def estrutura(plataforma: Plataforma, e: Estrutura) -> dict:
    return {
        "numeroDeIdentificacaoDaEstrutura": str(e.numero),
        "nome": e.nome,
        "sigla": e.sigla,
        "ativo": e.ativo,
        "unidadeReceptora": False,
        "aptoParaReceberTramites": e.apta_para_receber,
        "codigoNoOrgaoEntidade": "",
        "codigoUnidadeReceptora": "",
        "tipoDeTramitacao": 0,
        "hierarquia": [
            {"numeroDeIdentificacaoDaEstrutura": str(a.numero), "nome": a.nome, "sigla": a.sigla}
            for a in plataforma.hierarquia(e)
        ],
    }


def tramite(t: TramiteSimulado) -> dict:
    """One item of `GET tramites` (§2.13)."""
    motivo, justificativa = t.recusa if t.recusa else (None, None)
    return sem_nulos(
        {
            "IDT": t.idt,
            "NRE": t.nre,
            "protocolo": t.protocolo,
            "situacaoAtual": int(t.situacao),
            "remetente": t.remetente.como_json(),
            "destinatario": t.destinatario.como_json(),
            "dataHoraDeRegistroDoTramite": data_hora(t.registro),
            "hashDosComponentesPendentesDeRecebimento": t.hashes_pendentes_de_recebimento(),
            "justificativaDaRecusa": justificativa,
            "motivoDaRecusa": motivo.value if motivo else None,
            "mudancasDeSituacao": [{"situacao": int(s), "dataHora": data_hora(quando)} for s, quando in t.mudancas],
        }
    )


def metadados(t: TramiteSimulado) -> dict:
    """`GET tramites/{IDT}` (§2.14): the lower-case `nre` key is what the real service sends."""
    cabecalho = t.cabecalho
    return {
        "nre": t.nre,
        "remetente": t.remetente.como_json(),
        "destinatario": t.destinatario.como_json(),
        "urgencia": bool(cabecalho.get("urgencia", False)),
        "propriedadesAdicionais": cabecalho.get("propriedadesAdicionais", []),
        "reproducaoDeTramite": False,
        "reproducaoDeProcesso": False,
        "processo" if t.tipo == "P" else "documento": t.dados_protocolo,
    }


def recibo(tipo: TipoDeRecibo, t: TramiteSimulado, emitido: ReciboEmitido) -> dict:
    return tipo.como_json(t.idt, t.nre, emitido.data, emitido.hashes, emitido.cadeia_do_certificado, emitido.assinatura)
