"""The messages to PEN, ready to send from an institutional address. After a campaign's commands: what PEN
must do (per trâmite and per processo to send), the trâmites to look up and, last, the request itself. In
produção, also the aviso de início written before the first processo leaves. An ensaio in the simulator has
nothing to tell PEN and gets no message.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from tramita_homologacao.campanha.adocao import o_que_sera_feito
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.vereditos import APROVADO
from tramita_homologacao.evidencia.documento import (
    AVISO_DO_PERFIL_ESTENDIDO,
    TITULO_DO_PERFIL_ESTENDIDO,
    fora_do_endereco_oficial,
)
from tramita_homologacao.evidencia.modelo import RequisitoNoResumo, Resumo, Tramite, Unidade
from tramita_homologacao.evidencia.relatorio import nome_do_relatorio
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, hora
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import Ator, quem_move

ARQUIVO_DA_MENSAGEM = "mensagem-pen.txt"
# A requirement that ends so needs its trâmite left unreceived: PEN is never asked to receive it.
NUNCA_RECEBER = frozenset({Situacao.CANCELADO, Situacao.CANCELADO_AUTOMATICAMENTE})
FASES = {"homologacao": "em homologação", "producao": "em produção"}


class _Quem(Protocol):
    nome: str
    contato: str


def _assinatura(responsavel: _Quem | None, orgao: str) -> list[str]:
    """Signed by the environment's `[responsavel]`, with contact; else by the role."""
    if responsavel is None:
        return ["Atenciosamente,", "", f"Gestor(a) de protocolo — {orgao}"]
    return ["Atenciosamente,", "", responsavel.nome, *([responsavel.contato] if responsavel.contato else []), orgao]


# The request that ends each message, by phase: when every requirement is approved, and while PEN still acts.
PEDIDO_FINAL = {
    "homologacao": (
        "a análise das evidências anexas e a liberação do acesso do órgão ao ambiente de produção do Tramita.GOV.BR",
        "o relatório final com o pedido de liberação para produção",
    ),
    "producao": (
        "a análise das evidências anexas e a confirmação de que a integração do órgão ao Tramita.GOV.BR está concluída",
        "o relatório final com o pedido de confirmação da integração",
    ),
}


def gerar_mensagem(resumo: Resumo) -> str:
    """For PEN: what they must do (numbered, per trâmite and per processo to send), where each requirement stands,
    and, last, the request itself."""
    orgao, fase = resumo.orgao, FASES[resumo.ambiente.tipo]
    a_enviar = _processos_a_enviar(resumo)
    providencias = _nos_tramites(resumo) + a_enviar
    assunto = "pedido de liberação para produção" if resumo.ambiente.tipo == "homologacao" else "pedido de conclusão"
    linhas = [
        f"Para: {resumo.email_notificacao_pen}",
        f"Assunto: {orgao.sigla} — testes dos requisitos mínimos do Tramita.GOV.BR {fase}: "
        + (
            assunto
            if resumo.aprovado and not resumo.ensaio
            else "ensaio"
            if resumo.aprovado
            else "providências do PEN"
            if providencias
            else "andamento"
        ),
        "",
        *([f"ATENÇÃO: {fora_do_endereco_oficial(resumo)}", ""] if resumo.ensaio else []),
        "Prezada equipe do Processo Eletrônico Nacional,",
        "",
        f"O órgão {orgao.nome} ({orgao.sigla}) executa {fase} os testes dos requisitos mínimos de integração ao "
        f"Tramita.GOV.BR desde {hora(resumo.inicio)}. {AVISO_DE_FUSO}",
    ]
    if resumo.unidade_de_teste_de_producao:
        linhas.append(
            f'Os processos de teste, descritos como "{marca_de_teste(orgao.sigla)}", vão para a unidade '
            f"{resumo.unidade_de_teste_de_producao.rotulo()}."
        )
    if providencias:
        linhas += ["", "Providências que pedimos ao PEN:", ""]
        linhas += [f"{n}. {texto}" for n, texto in enumerate(providencias, 1)]
        if a_enviar:
            linhas += ["", resumo.regra_de_adocao]
    linhas += ["", "Situação de cada requisito e trâmites para consulta no Painel de Controle:", ""]
    linhas += _situacao(resumo.requisitos)
    if resumo.perfil_estendido:
        linhas += ["", f"{TITULO_DO_PERFIL_ESTENDIDO} ({AVISO_DO_PERFIL_ESTENDIDO}):", ""]
        linhas += _situacao(resumo.perfil_estendido)
    linhas += ["", f"Unidades do órgão: {orgao.envio.rotulo()} e {orgao.recebimento.rotulo()}."]
    if resumo.certificado:
        linhas.append(
            f"Certificado do sistema: {resumo.certificado.titular} "
            f"(SHA-256 {resumo.certificado.impressao_digital_sha256})."
        )
    if resumo.spe:
        linhas.append(f"SPE do órgão: {resumo.spe.nome} {resumo.spe.versao}".rstrip() + ".")
    linhas += [
        f"Segue anexo o relatório ({nome_do_relatorio(resumo)}.pdf), com o histórico e as "
        "verificações de cada trâmite.",
        "",
        _pedido_final(resumo, len(providencias)),
        "",
        *_assinatura(resumo.responsavel, orgao.nome),
    ]
    return "\n".join(linhas) + "\n"


def _situacao(requisitos: list[RequisitoNoResumo]) -> list[str]:
    linhas = []
    for requisito in requisitos:
        linhas.append(f"- {requisito.titulo}: {requisito.veredito}")
        linhas += [f"    {_identificacao(t)}" for t in requisito.tramites]
        if not requisito.tramites:
            linhas.append("    (nenhum trâmite ainda)")
    return linhas


def _identificacao(t: Tramite) -> str:
    """How PEN finds a trâmite in the Painel de Controle, and where it stands."""
    desde = hora(t.historico[-1].data_hora) if t.historico else "—"
    return (
        f"IDT {t.idt} | NRE {t.nre} | protocolo {t.protocolo} | situação {t.situacao_final} "
        f"({t.situacao_final_descricao}) desde {desde}"
    )


def _nos_tramites(resumo: Resumo) -> list[str]:
    """What PEN's side must do for a trâmite of a requirement not yet approved to go on: receive what the organ
    sent (2–4), fetch the recibo of what the organ received (5), acknowledge what the organ refused (8). A trâmite
    the organ must cancel is never asked to be received."""
    providencias = []
    for requisito in resumo.todos_os_requisitos:
        if requisito.veredito == APROVADO:
            continue
        for t in requisito.tramites:
            texto = _o_que_o_pen_faz(requisito, t)
            if texto:
                providencias.append(f'{texto}, para o requisito "{requisito.titulo}": {_identificacao(t)}.')
    return providencias


def _o_que_o_pen_faz(requisito: RequisitoNoResumo, t: Tramite) -> str | None:
    """PEN's side, when it is the one that must act (the status machine says who moves each status)."""
    situacao = Situacao(t.situacao_final)
    if requisito.situacao_final_esperada in NUNCA_RECEBER or quem_move(situacao) in (
        None,
        Ator(requisito.papel_do_orgao),
    ):
        return None
    if situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO:
        return (
            f"Obter, no sistema da unidade {_rotulo(t.remetente)}, o recibo de conclusão do processo que o órgão "
            "recebeu"
        )
    if situacao == Situacao.RECUSADO:
        return f"Dar ciência, no sistema da unidade {_rotulo(t.remetente)}, da recusa do processo que o órgão recusou"
    return f"Receber, na unidade {_rotulo(t.destinatario)}, o processo que o órgão enviou"


def _rotulo(unidade: Unidade | None) -> str:
    return unidade.rotulo() if unidade else "de teste do PEN"


def _processos_a_enviar(resumo: Resumo) -> list[str]:
    """One processo per open request, from the requirement's counterpart to the organ's receiving unit."""
    providencias = []
    for pedido in (p for p in resumo.pedidos_ao_pen if not p.idt):
        requisito = resumo.requisito(pedido.requisito)
        # the resumo names a refused format only for the SEI profile
        o_que = o_que_sera_feito(pedido.requisito, resumo.spe.formato_recusado if resumo.spe else None)
        remetente = requisito.contraparte.rotulo() if requisito.contraparte else "um órgão de teste do PEN"
        providencias.append(
            f"Enviar, da unidade {remetente} à unidade {resumo.orgao.recebimento.rotulo()}, um processo de teste "
            f'para o requisito "{requisito.titulo}", {o_que} (pedido em {hora(pedido.pedido_em)}).'
        )
    return providencias


def _pedido_final(resumo: Resumo, providencias: int) -> str:
    """The request itself: what this message asks PEN for, now."""
    fase = resumo.ambiente.tipo
    pedido, depois = PEDIDO_FINAL[fase]
    if resumo.aprovado and resumo.ensaio:  # approved where nothing counts: nothing to ask for
        return f"Ensaio: os requisitos foram aprovados fora do endereço oficial, o que não vale {FASES[fase]}."
    if resumo.aprovado:
        return f"Todos os requisitos mínimos foram aprovados {FASES[fase]}. Solicitamos {pedido}."
    if providencias:
        quais = (
            f"as {providencias} providências acima. Quando forem atendidas"
            if providencias > 1
            else ("a providência acima. Quando for atendida")
        )
        return f"Solicitamos {quais}, os testes seguem e enviaremos {depois}."
    faltam = "; ".join(f"{r.titulo}: {r.veredito}" for r in resumo.requisitos if r.veredito != APROVADO)
    return (
        f"Não há providência a pedir ao PEN neste momento: o órgão conclui o que falta ({faltam}) e enviará {depois}."
    )


def escrever_mensagem(resumo: Resumo, pasta: Path) -> Path | None:
    """`mensagem-pen.txt`; none in the simulator (and an old one is removed)."""
    caminho = pasta / ARQUIVO_DA_MENSAGEM
    if resumo.ambiente.tipo == "simulador":
        caminho.unlink(missing_ok=True)
        return None
    caminho.write_text(gerar_mensagem(resumo), encoding="utf-8")
    return caminho


def escrever_aviso_de_inicio(ambiente: Ambiente, pasta: Path, agora: datetime) -> Path | None:
    """Produção: the aviso de início PEN asks for, written once, before the first processo is sent."""
    caminho = pasta / "aviso-inicio-producao.txt"
    if ambiente.tipo != "producao" or caminho.exists():
        return None
    orgao, unidade = ambiente.orgao, ambiente.unidade_de_teste
    linhas = [
        f"Para: {ambiente.pen.email_notificacao}",
        f"Assunto: {orgao.sigla} — início dos testes de produção no Tramita.GOV.BR",
        "",
        "Prezada equipe do Processo Eletrônico Nacional,",
        "",
        f"O órgão {orgao.nome} ({orgao.sigla}) inicia em {hora(agora)} (horário de Brasília) os testes de produção "
        "dos requisitos mínimos de integração ao Tramita.GOV.BR.",
        f'Os processos de teste serão descritos como "{marca_de_teste(orgao.sigla)}" e enviados à unidade '
        f"{unidade.descricao or 'de teste'} (repositório {unidade.repositorio}, estrutura {unidade.estrutura}), "
        f"a partir da unidade {orgao.unidade_envio} do repositório {orgao.repositorio}.",
        "Pedimos que acompanhem os trâmites; ao final enviaremos o relatório com os IDT de cada um.",
        "",
        *_assinatura(ambiente.responsavel, orgao.nome),
    ]
    pasta.mkdir(parents=True, exist_ok=True)
    caminho.write_text("\n".join(linhas) + "\n", encoding="utf-8")
    return caminho
