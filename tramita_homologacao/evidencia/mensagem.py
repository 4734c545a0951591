"""The messages to PEN, ready to send from an institutional address: after a campaign's commands, what it
still needs and the trâmites to look up; in produção, also the aviso de início written before the first
processo leaves. An ensaio in the simulator has nothing to tell PEN and gets no message.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from tramita_homologacao.campanha.adocao import o_que_sera_feito
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.evidencia.documento import fora_do_endereco_oficial
from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.evidencia.relatorio import nome_do_relatorio
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, hora

FASES = {"homologacao": "em homologação", "producao": "em produção"}


class _Quem(Protocol):
    nome: str
    contato: str


def _assinatura(responsavel: _Quem | None, orgao: str) -> list[str]:
    """Signed by the environment's `[responsavel]`, with contact; else by the role."""
    if responsavel is None:
        return ["Atenciosamente,", "", f"Gestor(a) de protocolo — {orgao}"]
    return ["Atenciosamente,", "", responsavel.nome, *([responsavel.contato] if responsavel.contato else []), orgao]


def gerar_mensagem(resumo: Resumo) -> str:
    orgao, fase = resumo.orgao, FASES[resumo.ambiente.tipo]
    linhas = [
        f"Para: {resumo.email_notificacao_pen}",
        f"Assunto: {orgao.sigla} — testes dos requisitos mínimos do Tramita.GOV.BR {fase}",
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
    linhas += _pedidos(resumo)
    linhas += ["", "Situação de cada requisito e trâmites para consulta no Painel de Controle:", ""]
    for requisito in resumo.requisitos:
        linhas.append(f"- {requisito.titulo}: {requisito.veredito}")
        for t in requisito.tramites:
            linhas.append(
                f"    IDT {t.idt} | NRE {t.nre} | protocolo {t.protocolo} | situação {t.situacao_final} "
                f"({t.situacao_final_descricao}) desde {hora(t.historico[-1].data_hora) if t.historico else '—'}"
            )
        if not requisito.tramites:
            linhas.append("    (nenhum trâmite ainda)")
    linhas += [
        "",
        f"Unidades do órgão: {orgao.envio.rotulo()} e {orgao.recebimento.rotulo()}.",
    ]
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
        *_assinatura(resumo.responsavel, orgao.nome),
    ]
    return "\n".join(linhas) + "\n"


def _pedidos(resumo: Resumo) -> list[str]:
    """Exactly what the campaign still needs from PEN: one processo per open request, and the adoption rule."""
    abertos = [p for p in resumo.pedidos_ao_pen if not p.idt]
    if not abertos:
        return []
    linhas = [
        "",
        f"Para concluir, solicitamos o envio de {len(abertos)} processo(s) de teste à unidade "
        f"{resumo.orgao.recebimento.rotulo()}:",
    ]
    for pedido in abertos:
        requisito = resumo.requisito(pedido.requisito)
        # the resumo names a refused format only for the SEI profile
        o_que = o_que_sera_feito(pedido.requisito, resumo.spe.formato_recusado if resumo.spe else None)
        remetente = requisito.contraparte.rotulo() if requisito.contraparte else "um órgão de teste do PEN"
        linhas.append(
            f'- para o requisito "{requisito.titulo}": um processo enviado por {remetente}, {o_que} '
            f"(pedido em {hora(pedido.pedido_em)});"
        )
    return [*linhas, "", resumo.regra_de_adocao]


def escrever_mensagem(resumo: Resumo, pasta: Path) -> Path | None:
    """`mensagem-pen.txt`; none in the simulator (and an old one is removed)."""
    caminho = pasta / "mensagem-pen.txt"
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
