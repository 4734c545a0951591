"""`reports/resumo.json`: per minimum requirement, the verdict and the trâmites that prove it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from tramita_homologacao import __version__
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.vereditos import da_execucao, do_requisito
from tramita_homologacao.orgao.registro import RegistroDeExecucao, TramiteRegistrado
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


def _certificado(certificado: CertificadoDoOrgao | None) -> dict | None:
    """Who the organ was, for PEN's technicians: subject, fingerprint, validity; never the key."""
    if certificado is None:
        return None
    return {
        "titular": certificado.titular,
        "emissor": certificado.emissor,
        "impressao_digital_sha256": certificado.impressao_digital,
        "valido_ate": certificado.valido_ate.isoformat(),
    }


def montar_resumo(
    registro: RegistroDeExecucao, ambiente: Ambiente, url_base: str, certificado: CertificadoDoOrgao | None
) -> dict:
    requisitos: list[dict[str, Any]] = []
    for requisito in REQUISITOS:
        cenarios = [r for r in registro.resultados if requisito.id in r.requisitos]
        contraparte = ambiente.contrapartes_por_requisito.get(requisito.id)
        requisitos.append(
            {
                "id": requisito.id,
                "titulo": requisito.titulo,
                "papel_do_orgao": requisito.papel,
                "situacao_final_esperada": int(requisito.situacao_final),
                "publicado_pelo_pen": requisito.publicado,
                "veredito": do_requisito(c.veredito for c in cenarios),
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
                        "duracao_segundos": round(c.duracao_segundos, 3),
                    }
                    for c in cenarios
                ],
                "tramites": [_tramite(t) for t in registro.tramites.values() if t.requisito == requisito.id],
            }
        )
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
        "certificado": _certificado(certificado),
        "unidade_de_teste_de_producao": ambiente.producao
        and ambiente.producao.model_dump(exclude={"sistema_simulado"}),
        "email_notificacao_pen": ambiente.pen.email_notificacao,
        "inicio": registro.inicio.isoformat(),
        "fim": datetime.now().astimezone().isoformat(),
        "aprovado": da_execucao(r["veredito"] for r in requisitos),
        "requisitos": requisitos,
    }


def escrever_resumo(resumo: dict, pasta: Path) -> Path:
    pasta.mkdir(parents=True, exist_ok=True)
    caminho = pasta / "resumo.json"
    caminho.write_text(json.dumps(resumo, ensure_ascii=False, indent=2), encoding="utf-8")
    return caminho


def atualizar_tramites(resumo: dict, registro: RegistroDeExecucao) -> dict:
    """The same resumo with every trâmite as the ledger now has it (after a follow-up); verdicts unchanged."""
    for requisito in resumo["requisitos"]:
        requisito["tramites"] = [
            _tramite(registro.exigir_proprio(t["idt"], "consultar")) for t in requisito["tramites"]
        ]
    resumo["acompanhado_em"] = datetime.now().astimezone().isoformat()
    return resumo
