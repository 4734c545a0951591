"""Whether a campaign's verdicts follow from its own checks, by the one rule (`conformidade/vereditos.py`).

A verdict is never taken as stored: every reader of `resumo.json` (relatório, mensagem, terminal,
`verificar`) and its writer (from the ledger) recompute it here from the scenarios, the clauses from
the checks, and tie each check to the trâmite it judges (IDT, NRE, situação, recibos, hashes). A stored
verdict, clause or recibo that its checks contradict is an error: an edited pack or ledger, or a defect
of the harness, never a headline.
"""

from __future__ import annotations

from tramita_homologacao.conformidade.conferencia import diferenca_de_hashes
from tramita_homologacao.conformidade.requisitos import ESTENDIDOS, POR_ID, REQUISITOS
from tramita_homologacao.conformidade.vereditos import APROVADO, COMPROVADA, da_clausula, da_execucao, do_requisito
from tramita_homologacao.evidencia.modelo import Recibo, RequisitoNoResumo, Resumo, Tramite
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO

_RECIBO_DA_CLAUSULA = {
    "hashes_do_recibo_de_envio": RECIBO_DE_ENVIO.nome,
    "hashes_do_recibo_de_conclusao": RECIBO_DE_CONCLUSAO.nome,
}


class ResumoIncoerente(ProblemaConhecido):
    titulo = "Resumo da campanha"

    def __init__(self, origem: str, contradicoes: list[str]) -> None:
        itens = "\n".join(f"  - {c}" for c in contradicoes[:12])
        mais = f"\n  (e mais {len(contradicoes) - 12})" if len(contradicoes) > 12 else ""
        super().__init__(
            f"{origem} contradiz as próprias verificações, e nenhum veredito foi mostrado:\n{itens}{mais}\n"
            "Um veredito só vale quando sai das verificações registradas: o arquivo (ou o livro de registro de "
            "onde ele sai) foi alterado, ou há um defeito do harness. Não envie este pacote ao PEN; informe a quem "
            "mantém o harness se ninguém editou os arquivos."
        )
        self.contradicoes = contradicoes


def _recibo_do_tramite(recibo: Recibo, tramite: Tramite) -> bool:
    return recibo.idt == tramite.idt and recibo.nre == tramite.nre


def _do_recibo(recibo: Recibo, tramite: Tramite) -> list[str]:
    onde = f"IDT {tramite.idt}, {recibo.tipo}"
    problemas = []
    # (a recibo kept before the harness recorded whose trâmite it was checked against has no idt_esperado)
    if recibo.idt_esperado is not None and (recibo.idt_esperado, recibo.nre_esperado) != (tramite.idt, tramite.nre):
        problemas.append(
            f"{onde}: conferido contra outro trâmite (IDT {recibo.idt_esperado}, NRE {recibo.nre_esperado})"
        )
    if recibo.do_tramite != _recibo_do_tramite(recibo, tramite):
        problemas.append(f"{onde}: diz ser do trâmite, mas traz IDT {recibo.idt}, NRE {recibo.nre}")
    faltando, sobrando = diferenca_de_hashes(recibo.hashes, (c.sha256_base64 for c in tramite.componentes))
    if (list(faltando), list(sobrando)) != (recibo.faltando, recibo.sobrando) or recibo.hashes_conferem != (
        not faltando and not sobrando
    ):
        problemas.append(f"{onde}: os hashes registrados não são a diferença entre o recibo e os componentes")
    return problemas


def _do_tramite(tramite: Tramite) -> list[str]:
    onde = f"IDT {tramite.idt}"
    problemas = [p for r in tramite.recibos for p in _do_recibo(r, tramite)]
    if tramite.historico and tramite.historico[-1].situacao != tramite.situacao_final:
        problemas.append(
            f"{onde}: situação final {tramite.situacao_final}, mas o histórico termina na "
            f"{tramite.historico[-1].situacao}"
        )
    for v in tramite.verificacoes:
        if v.clausula == "situacao_final" and (
            v.observado != tramite.situacao_final or v.aprovada != (v.esperado == v.observado)
        ):
            problemas.append(
                f"{onde}: a verificação '{v.nome}' observou {v.observado} (esperado {v.esperado}, "
                f"{'aprovada' if v.aprovada else 'reprovada'}), mas o trâmite está na situação {tramite.situacao_final}"
            )
        if not v.aprovada:
            continue
        if v.clausula in _RECIBO_DA_CLAUSULA and not any(
            r.tipo == _RECIBO_DA_CLAUSULA[v.clausula] and _recibo_do_tramite(r, tramite) and r.hashes_conferem
            for r in tramite.recibos
        ):
            problemas.append(
                f"{onde}: '{v.nome}' aprovada sem um {_RECIBO_DA_CLAUSULA[v.clausula]} do trâmite que a sustente"
            )
        if v.clausula == "assinatura_do_recibo" and not any(
            r.tipo == RECIBO_DE_CONCLUSAO.nome
            and _recibo_do_tramite(r, tramite)
            and r.assinatura_confere
            and r.signatario_reconhecido
            for r in tramite.recibos
        ):
            problemas.append(
                f"{onde}: '{v.nome}' aprovada sem um recibo de conclusão do trâmite assinado e reconhecido"
            )
    return problemas


def _do_requisito(requisito: RequisitoNoResumo) -> list[str]:
    onde = f"requisito '{requisito.id}'"
    problemas = [p for t in requisito.tramites for p in _do_tramite(t)]
    recalculado = do_requisito((c.veredito for c in requisito.cenarios), tramites=bool(requisito.tramites))
    if requisito.veredito != recalculado:
        problemas.append(f"{onde}: registrado como '{requisito.veredito}', mas seus cenários dão '{recalculado}'")
    if requisito.id not in POR_ID or POR_ID[requisito.id].publicado != requisito.publicado_pelo_pen:
        problemas.append(f"{onde}: não é um requisito desta versão do harness, ou mudou de publicação")
    for clausula in requisito.clausulas:
        feitas = [v.aprovada for t in requisito.tramites for v in t.verificacoes if v.clausula == clausula.id]
        recalculada = da_clausula(feitas)
        if (clausula.situacao, clausula.verificacoes) != (recalculada, len(feitas)):
            problemas.append(
                f"{onde}: cláusula '{clausula.id}' registrada como '{clausula.situacao}' "
                f"({clausula.verificacoes} verificações), mas as verificações dão '{recalculada}' ({len(feitas)})"
            )
    if requisito.veredito != APROVADO:
        return problemas
    exigidas = set(POR_ID[requisito.id].essenciais) if requisito.id in POR_ID else set()
    presentes = {c.id for c in requisito.clausulas if c.situacao == COMPROVADA}
    for id_ in sorted(exigidas - presentes):
        problemas.append(f"{onde}: aprovado sem a cláusula '{id_}' comprovada")
    if not any(
        t.situacao_final == requisito.situacao_final_esperada and all(v.aprovada for v in t.verificacoes)
        for t in requisito.tramites
    ):
        problemas.append(
            f"{onde}: aprovado sem um trâmite que chegou à situação {requisito.situacao_final_esperada} com todas as "
            "verificações aprovadas"
        )
    return problemas


def contradicoes(resumo: Resumo) -> list[str]:
    """What in the resumo its own checks contradict (nothing, for one the harness wrote from an untouched ledger)."""
    problemas = [p for r in resumo.todos_os_requisitos for p in _do_requisito(r)]
    ids, minimos = [r.id for r in resumo.requisitos], [r.id for r in REQUISITOS]
    if sorted(ids) != sorted(minimos):
        problemas.append(
            f"os requisitos mínimos registrados ({', '.join(ids)}) não são os desta versão ({', '.join(minimos)})"
        )
    estendidos = [r.id for r in resumo.perfil_estendido]
    if len(set(estendidos)) != len(estendidos) or not set(estendidos) <= {r.id for r in ESTENDIDOS}:
        problemas.append(f"os casos do perfil estendido registrados ({', '.join(estendidos)}) não são desta versão")
    if resumo.aprovado != da_execucao((r.veredito, r.publicado_pelo_pen) for r in resumo.requisitos):
        problemas.append(
            f"a campanha está registrada como {'aprovada' if resumo.aprovado else 'não aprovada'}, mas os vereditos "
            "dos requisitos dizem o contrário"
        )
    return problemas


def exigir_coerencia(resumo: Resumo, origem: str) -> Resumo:
    problemas = contradicoes(resumo)
    if problemas:
        raise ResumoIncoerente(origem, problemas)
    return resumo
