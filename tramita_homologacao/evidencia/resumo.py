"""`resumo.json`: the campaign, rebuilt from its ledger: per requirement, the verdict and the trâmites behind it."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from tramita_homologacao import __version__
from tramita_homologacao.campanha.adocao import REGRA_DE_ADOCAO
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.conformidade.requisitos import REQUISITOS, Requisito
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    INCONCLUSIVO,
    NAO_EXECUTADO,
    da_execucao,
    do_requisito,
)
from tramita_homologacao.orgao.livro import ABANDONADO, Livro, VereditoRegistrado
from tramita_homologacao.orgao.registro import TramiteRegistrado, tramite_do_livro
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.situacoes import Situacao


def _tramite(t: TramiteRegistrado) -> dict:
    return {
        "idt": t.idt,
        "nre": t.nre,
        "protocolo": t.protocolo,
        "papel_do_orgao": t.papel,
        "retomado_de_execucao_anterior": t.retomado,
        "cenario": t.cenario,
        "situacao_final": int(t.situacao),
        "situacao_final_descricao": t.situacao.explicacao.significado,
        "historico": [
            {
                "situacao": int(m.situacao),
                "descricao": Situacao(m.situacao).explicacao.significado,
                "data_hora": m.data_hora.isoformat(),
            }
            for m in t.mudancas
        ],
        "motivo_recusa": t.motivo_recusa,
        "justificativa_recusa": t.justificativa_recusa,
        "componentes": [
            {"nome": c.nome, "tamanho_em_bytes": c.tamanho, "sha256_base64": c.hash, "mime_type": c.mime_type}
            for c in t.componentes
        ],
        "recibos": [r.como_json() for r in t.recibos],
    }


def _tramites_do_requisito(livro: Livro, requisito: str, cenarios: list[VereditoRegistrado]) -> list[dict]:
    """The trâmites behind the requirement's current verdicts, and its open ones still being followed."""
    idts_julgados = {i for c in cenarios for i in c.idts}
    retomados = {i for c in cenarios for i in c.retomados}
    linhas = [
        linha
        for linha in livro.todos()
        if linha.idt is not None
        and linha.requisito == requisito
        and (linha.idt in idts_julgados or (not linha.avaliado and linha.etapa != ABANDONADO))
    ]
    return [_tramite(tramite_do_livro(livro, linha, retomado=linha.idt in retomados)) for linha in linhas]


def _requisito(livro: Livro, ambiente: Ambiente, requisito: Requisito, vereditos: list[VereditoRegistrado]) -> dict:
    cenarios = [v for v in vereditos if v.requisito == requisito.id]
    contraparte = ambiente.contrapartes_por_requisito.get(requisito.id)
    tramites = _tramites_do_requisito(livro, requisito.id, cenarios)
    veredito = do_requisito(c.veredito for c in cenarios)
    pendencia = " ".join(c.mensagem for c in cenarios if c.veredito == veredito and c.mensagem)
    if veredito == NAO_EXECUTADO and tramites:  # a run stopped (Ctrl-C) before judging what it had started
        veredito = AGUARDANDO
        pendencia = " ".join(
            f"O trâmite {t['idt']} está em aberto (situação {t['situacao_final']}: {t['situacao_final_descricao']}) "
            "e ainda não foi julgado."
            for t in tramites
        )
    return {
        "id": requisito.id,
        "titulo": requisito.titulo,
        "papel_do_orgao": requisito.papel,
        "situacao_final_esperada": int(requisito.situacao_final),
        "publicado_pelo_pen": requisito.publicado,
        "veredito": veredito,
        "pendencia": pendencia if veredito in (AGUARDANDO, INCONCLUSIVO) else "",
        "julgado_em": max((c.julgado_em for c in cenarios), default=None),
        "modo": sorted({c.modo for c in cenarios if c.veredito != "não se aplica"}),
        "contraparte": contraparte
        and {
            "descricao": contraparte.descricao,
            "repositorio": contraparte.repositorio,
            "estrutura": contraparte.estrutura,
        },
        "cenarios": [
            {
                "nome": c.cenario,
                "veredito": c.veredito,
                "mensagem": c.mensagem,
                "duracao_segundos": round(c.duracao, 3),
                "julgado_em": c.julgado_em,
                "modo": c.modo,
            }
            for c in cenarios
        ],
        "tramites": tramites,
    }


def lembrar_certificado(livro: Livro, certificado: CertificadoDoOrgao | None) -> None:
    """Who the organ was, kept in the campaign so that a pack rebuilt later (no password) still says it."""
    livro.guardar_se_ausente("inicio", datetime.now().astimezone().isoformat())
    if certificado is not None:
        livro.guardar(
            "certificado",
            {
                "titular": certificado.titular,
                "emissor": certificado.emissor,
                "impressao_digital_sha256": certificado.impressao_digital,
                "valido_ate": certificado.valido_ate.isoformat(),
            },
        )


def montar_resumo(livro: Livro, ambiente: Ambiente, url_base: str) -> dict:
    """The campaign as the ledger has it: every requirement's current verdict and the trâmites behind it."""
    vereditos = livro.vereditos()
    requisitos = [_requisito(livro, ambiente, requisito, vereditos) for requisito in REQUISITOS]
    agora = datetime.now().astimezone().isoformat()
    return {
        "versao_harness": __version__,
        "ambiente": {
            "nome": ambiente.nome,
            "tipo": ambiente.tipo,
            "url_base": url_base,
            "versao_api": ambiente.versao_api,
        },
        "orgao": {
            "nome": ambiente.orgao.nome,
            "sigla": ambiente.orgao.sigla,
            "repositorio": ambiente.orgao.repositorio,
            "unidade_envio": ambiente.orgao.unidade_envio,
            "unidade_recebimento": ambiente.orgao.unidade_recebimento,
        },
        "certificado": livro.ler("certificado"),
        "unidade_de_teste_de_producao": ambiente.producao
        and ambiente.producao.model_dump(exclude={"sistema_simulado"}),
        "email_notificacao_pen": ambiente.pen.email_notificacao,
        "spe": ambiente.spe and ambiente.spe.model_dump(),
        "instrucoes_ao_operador": [
            {"requisito": requisito, "texto": texto, "dada_em": dada_em}
            for requisito, texto, dada_em in livro.instrucoes()
        ],
        "inicio": livro.ler("inicio") or agora,
        "fim": agora,
        "aprovado": da_execucao((r["veredito"], r["publicado_pelo_pen"]) for r in requisitos),
        "requisitos": requisitos,
        "regra_de_adocao": REGRA_DE_ADOCAO if ambiente.tipo != "simulador" else "",
        "pedidos_ao_pen": [
            {"requisito": p.requisito, "cenario": p.cenario, "pedido_em": p.pedido_em, "idt": p.idt}
            for p in livro.pedidos()
        ],
        "ignorados": [
            {"idt": i.idt, "remetente": i.remetente, "motivo": i.motivo, "visto_em": i.visto_em}
            for i in livro.ignorados()
        ],
    }


def escrever_resumo(resumo: dict, pasta: Path) -> Path:
    """Written whole or not at all (a stopped run never leaves half a resumo.json)."""
    pasta.mkdir(parents=True, exist_ok=True)
    caminho = pasta / "resumo.json"
    provisorio = pasta / "resumo.json.gravando"
    provisorio.write_text(json.dumps(resumo, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(provisorio, caminho)
    return caminho


# What the outputs read from resumo.json (a test keeps these equal to what montar_resumo writes).
CAMPOS_DO_RESUMO = frozenset(
    {
        "versao_harness", "ambiente", "orgao", "certificado", "unidade_de_teste_de_producao", "email_notificacao_pen",
        "spe", "instrucoes_ao_operador", "inicio", "fim", "aprovado", "requisitos", "regra_de_adocao",
        "pedidos_ao_pen", "ignorados",
    }
)  # fmt: skip
CAMPOS_DO_REQUISITO = frozenset(
    {
        "id", "titulo", "papel_do_orgao", "situacao_final_esperada", "publicado_pelo_pen", "veredito", "pendencia",
        "julgado_em", "modo", "contraparte", "cenarios", "tramites",
    }
)  # fmt: skip


class ResumoIlegivel(ProblemaConhecido):
    titulo = "Resumo da campanha"


def ler_resumo(caminho: Path) -> dict:
    """resumo.json as written by escrever_resumo; a truncated or hand-edited one is explained, not rendered."""
    refazer = (
        "Ele é refeito do livro de registro por: tramita-homologacao relatorio (ou executar, no simulador embutido)."
    )
    try:
        resumo = json.loads(caminho.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as erro:
        raise ResumoIlegivel(f"O arquivo {caminho} está corrompido ou incompleto ({erro}). {refazer}") from None
    faltam = sorted(CAMPOS_DO_RESUMO - set(resumo)) if isinstance(resumo, dict) else ["(não é um objeto JSON)"]
    if not faltam:
        requisitos = resumo["requisitos"] if isinstance(resumo["requisitos"], list) else [None]
        faltam = sorted({f"requisitos[].{campo}" for r in requisitos for campo in CAMPOS_DO_REQUISITO - set(r or ())})
    if faltam:
        raise ResumoIlegivel(f"O arquivo {caminho} está incompleto: faltam {', '.join(faltam)}. {refazer}")
    return resumo
