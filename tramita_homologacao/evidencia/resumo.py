"""`resumo.json`: the campaign, rebuilt from its ledger: per requirement, the verdict and the trâmites behind it."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from tramita_homologacao import __version__
from tramita_homologacao.campanha.adocao import regra_de_adocao
from tramita_homologacao.campanha.unidades import NomesDasUnidades
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.requisitos import CLAUSULAS, CLAUSULAS_GERAIS, ESTENDIDOS, REQUISITOS, Requisito
from tramita_homologacao.conformidade.vereditos import (
    AGUARDANDO,
    INCONCLUSIVO,
    NAO_EXECUTADO,
    NAO_SE_APLICA,
    da_clausula,
    da_execucao,
    do_requisito,
)
from tramita_homologacao.evidencia.autoria import commit_do_harness, usuario_do_sistema
from tramita_homologacao.evidencia.coerencia import exigir_coerencia
from tramita_homologacao.evidencia.modelo import (
    AmbienteNoResumo,
    Cenario,
    CertificadoNoResumo,
    ClausulaNoResumo,
    Componente,
    Ignorado,
    Instrucao,
    Mudanca,
    OrgaoNoResumo,
    Pedido,
    Pessoa,
    Recibo,
    RequisitoNoResumo,
    Resumo,
    SpeNoResumo,
    Tramite,
    Unidade,
    Verificacao,
)
from tramita_homologacao.livro.livro import ABANDONADO, Livro, VereditoRegistrado
from tramita_homologacao.orgao.registro import TramiteRegistrado, tramite_do_livro
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.enderecos import e_endereco_oficial, host_da_url
from tramita_homologacao.protocolo.situacoes import Situacao


def _unidade(nomes: NomesDasUnidades, endereco: Endereco) -> Unidade:
    return Unidade(repositorio=endereco.repositorio, estrutura=endereco.estrutura, descricao=nomes.nome(endereco))


def _data(texto: str) -> datetime:
    return datetime.fromisoformat(texto)


def _tramite(livro: Livro, t: TramiteRegistrado, nomes: NomesDasUnidades) -> Tramite:
    return Tramite(
        idt=t.idt,
        nre=t.nre,
        protocolo=t.protocolo,
        descricao=t.descricao,
        papel_do_orgao=t.papel,
        remetente=_unidade(nomes, t.remetente) if t.remetente else None,
        destinatario=_unidade(nomes, t.destinatario) if t.destinatario else None,
        retomado_de_execucao_anterior=t.retomado,
        cenario=t.cenario,
        situacao_final=int(t.situacao),
        situacao_final_descricao=t.situacao.explicacao.significado,
        historico=[
            Mudanca(
                situacao=int(m.situacao),
                descricao=Situacao(m.situacao).explicacao.significado,
                data_hora=m.data_hora,
            )
            for m in t.mudancas
        ],
        motivo_recusa=t.motivo_recusa,
        justificativa_recusa=t.justificativa_recusa,
        componentes=[
            Componente(nome=c.nome, tamanho_em_bytes=c.tamanho, sha256_base64=c.hash, mime_type=c.mime_type)
            for c in t.componentes
        ],
        recibos=[Recibo.model_validate(r.como_json()) for r in t.recibos],
        verificacoes=[
            Verificacao.model_validate({**dados, "feita_em": feita_em}) for dados, feita_em in livro.verificacoes(t.idt)
        ],
    )


def _tramites_do_requisito(
    livro: Livro, requisito: str, cenarios: list[VereditoRegistrado], nomes: NomesDasUnidades
) -> list[Tramite]:
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
    return [_tramite(livro, tramite_do_livro(livro, linha, retomado=linha.idt in retomados), nomes) for linha in linhas]


def _clausulas(requisito: Requisito, tramites: list[Tramite]) -> list[ClausulaNoResumo]:
    """Each clause of the requirement, and whether the checks on its trâmites prove it, break it or never ran."""
    clausulas = []
    verificadas = {v.clausula for t in tramites for v in t.verificacoes}
    for id_ in (*requisito.clausulas, *(c for c in CLAUSULAS_GERAIS if c in verificadas)):
        clausula = CLAUSULAS[id_]
        feitas = [v.aprovada for t in tramites for v in t.verificacoes if v.clausula == id_]
        clausulas.append(
            ClausulaNoResumo.model_validate(
                {
                    "id": id_,
                    "descricao": clausula.descricao,
                    "fonte": clausula.fonte,
                    "situacao": da_clausula(feitas),
                    "verificacoes": len(feitas),
                }
            )
        )
    return clausulas


def _requisito(
    livro: Livro,
    ambiente: Ambiente,
    requisito: Requisito,
    vereditos: list[VereditoRegistrado],
    nomes: NomesDasUnidades,
) -> RequisitoNoResumo:
    cenarios = [v for v in vereditos if v.requisito == requisito.id]
    contraparte = ambiente.contraparte_configurada(requisito.id)
    tramites = _tramites_do_requisito(livro, requisito.id, cenarios, nomes)
    veredito = do_requisito((c.veredito for c in cenarios), tramites=bool(tramites))
    pendencia = " ".join(c.mensagem for c in cenarios if c.veredito == veredito and c.mensagem)
    if not cenarios and tramites:  # a run stopped (Ctrl-C) before judging what it had started
        pendencia = " ".join(
            f"O trâmite {t.idt} está em aberto (situação {t.situacao_final}: {t.situacao_final_descricao}) "
            "e ainda não foi julgado."
            for t in tramites
        )
    return RequisitoNoResumo(
        id=requisito.id,
        titulo=requisito.titulo,
        papel_do_orgao=requisito.papel,
        situacao_final_esperada=int(requisito.situacao_final),
        publicado_pelo_pen=requisito.publicado,
        veredito=veredito,
        pendencia=pendencia if veredito in (AGUARDANDO, INCONCLUSIVO) else "",
        julgado_em=max((_data(c.julgado_em) for c in cenarios), default=None),
        modo=sorted({c.modo for c in cenarios if c.veredito != NAO_SE_APLICA}),
        contraparte=_unidade(nomes, contraparte.endereco) if contraparte else None,
        clausulas=_clausulas(requisito, tramites),
        cenarios=[
            Cenario(
                nome=c.cenario,
                veredito=c.veredito,
                mensagem=c.mensagem,
                duracao_segundos=round(c.duracao, 3),
                julgado_em=_data(c.julgado_em),
                modo=c.modo,
            )
            for c in cenarios
        ],
        tramites=tramites,
    )


def montar_resumo(livro: Livro, ambiente: Ambiente, url_base: str) -> Resumo:
    """The campaign as the ledger has it: every requirement's current verdict and the trâmites behind it."""
    vereditos = livro.vereditos()
    nomes = NomesDasUnidades.da_campanha(ambiente, livro)
    requisitos = [_requisito(livro, ambiente, requisito, vereditos, nomes) for requisito in REQUISITOS]
    estendidos = [_requisito(livro, ambiente, requisito, vereditos, nomes) for requisito in ESTENDIDOS]
    agora = datetime.now().astimezone()
    certificado, inicio = livro.ler("certificado"), livro.ler("inicio")
    resumo = Resumo(
        versao_harness=__version__,
        commit_harness=commit_do_harness(),
        executado_por=usuario_do_sistema(),
        responsavel=Pessoa.model_validate(ambiente.responsavel.model_dump()) if ambiente.responsavel else None,
        ambiente=AmbienteNoResumo(
            nome=ambiente.nome,
            tipo=ambiente.tipo,
            url_base=url_base,
            versao_api=ambiente.versao_api,
            host=host_da_url(url_base),
            endereco_oficial=e_endereco_oficial(
                ambiente.tipo, url_base, servidor_verificado=ambiente.conexao.verificar_servidor
            ),
        ),
        orgao=OrgaoNoResumo.model_validate(
            {
                **ambiente.orgao.model_dump(),
                "envio": _unidade(nomes, ambiente.orgao.endereco_envio),
                "recebimento": _unidade(nomes, ambiente.orgao.endereco_recebimento),
            }
        ),
        certificado=CertificadoNoResumo.model_validate(certificado) if certificado else None,
        unidade_de_teste_de_producao=_unidade(nomes, ambiente.producao.endereco) if ambiente.producao else None,
        email_notificacao_pen=ambiente.pen.email_notificacao,
        spe=SpeNoResumo(
            nome=ambiente.spe.nome,
            versao=ambiente.spe.versao,
            perfil=ambiente.spe.perfil,
            formato_recusado=ambiente.spe.formato_recusado if ambiente.spe.sei else "",
        )
        if ambiente.spe
        else None,
        instrucoes_ao_operador=[
            Instrucao(requisito=requisito, texto=texto, dada_em=_data(dada_em))
            for requisito, texto, dada_em in livro.instrucoes()
        ],
        inicio=_data(str(inicio)) if inicio else agora,
        fim=agora,
        aprovado=da_execucao((r.veredito, r.publicado_pelo_pen) for r in requisitos),
        requisitos=requisitos,
        perfil_estendido=[r for r in estendidos if r.veredito != NAO_EXECUTADO],  # only the cases it ran
        regra_de_adocao=regra_de_adocao(ambiente),
        pedidos_ao_pen=[
            Pedido(requisito=p.requisito, cenario=p.cenario, pedido_em=_data(p.pedido_em), idt=p.idt)
            for p in livro.pedidos()
        ],
        ignorados=[
            Ignorado(idt=i.idt, remetente=i.remetente, motivo=i.motivo, visto_em=_data(i.visto_em))
            for i in livro.ignorados()
        ],
    )
    return exigir_coerencia(resumo, f"O livro de registro da campanha '{ambiente.nome}'")


def escrever_resumo(resumo: Resumo, pasta: Path) -> Path:
    """Written whole or not at all (a stopped run never leaves half a resumo.json)."""
    pasta.mkdir(parents=True, exist_ok=True)
    caminho = pasta / "resumo.json"
    provisorio = pasta / "resumo.json.gravando"
    provisorio.write_text(resumo.model_dump_json(indent=2), encoding="utf-8")
    os.replace(provisorio, caminho)
    return caminho


class ResumoIlegivel(ProblemaConhecido):
    titulo = "Resumo da campanha"


def ler_resumo(caminho: Path) -> Resumo:
    """resumo.json as written by escrever_resumo; a truncated, old or hand-edited one is explained, not rendered."""
    return exigir_coerencia(ler_resumo_sem_julgar(caminho), f"O arquivo {caminho}")


def ler_resumo_sem_julgar(caminho: Path) -> Resumo:
    """resumo.json in the model's shape, its verdicts not yet recomputed (only `verificar` reads it so, to report
    every contradiction beside everything else)."""
    refazer = (
        "Ele é refeito do livro de registro por: tramita-homologacao relatorio (ou executar, no simulador embutido)."
    )
    try:
        return Resumo.model_validate_json(caminho.read_bytes())
    except ValidationError as erro:
        if any(e["type"] == "json_invalid" for e in erro.errors()):
            raise ResumoIlegivel(
                f"O arquivo {caminho} está corrompido ou incompleto (JSON inválido). {refazer}"
            ) from None
        campos = sorted({".".join(str(p) for p in e["loc"]) for e in erro.errors()})
        raise ResumoIlegivel(
            f"O arquivo {caminho} não tem a forma do resumo desta versão (campos: {', '.join(campos[:8])}). {refazer}"
        ) from None
