"""The relatório as content: sections, paragraphs, tables, figures, built once from the typed record.

The HTML and the PDF both render this same document, so they say the same thing; only the layout
differs. The environment decides the title and the banner: an ensaio in the simulator cannot be taken
for a homologação, nor a homologação for produção.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from tramita_homologacao.evidencia.fluxo import desenhar_fluxo
from tramita_homologacao.evidencia.modelo import RequisitoNoResumo, Resumo, Tramite, Unidade, Verificacao
from tramita_homologacao.protocolo.dominio import DESCRICOES_MOTIVO
from tramita_homologacao.protocolo.enderecos import HOSTS_OFICIAIS
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, hora
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO
from tramita_homologacao.protocolo.situacoes import Situacao

MOTIVOS = {m.value: d for m, d in DESCRICOES_MOTIVO.items()}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
TITULO_FORA_DO_ENDERECO_OFICIAL = "Ensaio fora do endereço oficial — Tramita.GOV.BR"
TITULOS = {
    "simulador": "Ensaio no simulador — Tramita.GOV.BR",
    "homologacao": "Relatório de homologação — Tramita.GOV.BR",
    "producao": "Relatório de validação em produção — Tramita.GOV.BR",
}
FAIXAS = {
    "simulador": (
        "ENSAIO NO SIMULADOR — SEM VALOR DE HOMOLOGAÇÃO. Nenhum destes trâmites passou pelo Tramita.GOV.BR: este "
        "relatório serve para o órgão se preparar e não deve ser enviado ao PEN."
    ),
    "homologacao": (
        "Homologação: trâmites reais no ambiente de homologação do Tramita.GOV.BR, com os órgãos de teste do PEN."
    ),
    "producao": (
        "PRODUÇÃO: trâmites de teste no ambiente de produção do Tramita.GOV.BR, marcados como teste e enviados à "
        "unidade indicada pelo PEN."
    ),
}
TITULO_DO_PERFIL_ESTENDIDO = "Perfil estendido: casos além dos requisitos mínimos"
AVISO_DO_PERFIL_ESTENDIDO = (
    "o PEN não os exige e eles não entram no resultado da campanha; mostram como o SPE do órgão lida com casos que "
    "costumam falhar em produção"
)
SITUACOES_DAS_CLAUSULAS = {"comprovada": "aprovado", "violada": "reprovado", "não verificada": "nao-executado"}


@dataclass(frozen=True)
class Celula:
    texto: str
    estilo: str = ""  # a verdict's class ("aprovado", "reprovado"…); "mono" for identifiers, "hash" for long codes
    ancora: str = ""  # an id of this document to link to


@dataclass(frozen=True)
class Paragrafo:
    texto: str
    estilo: str = ""  # "nota", or a verdict's class for a banner


@dataclass(frozen=True)
class Tabela:
    id: str
    cabecalho: tuple[str, ...]
    linhas: Sequence[tuple[Celula, ...]]
    larguras: tuple[int, ...]  # relative widths (the PDF's columns; the HTML lets the browser decide)


@dataclass(frozen=True)
class Definicoes:
    itens: list[tuple[str, Celula]]


@dataclass(frozen=True)
class Figura:
    svg: str
    legenda: str


Bloco: TypeAlias = "Paragrafo | Tabela | Definicoes | Figura | Secao"


@dataclass(frozen=True)
class Secao:
    titulo: str
    id: str
    blocos: list[Bloco] = field(default_factory=list)


@dataclass(frozen=True)
class Documento:
    tipo: str
    titulo: str
    subtitulo: str
    faixa: Paragrafo
    secoes: list[Secao]
    rodape: str


def fora_do_endereco_oficial(resumo: Resumo) -> str:
    """Why a campaign whose file says homologação or produção is an ensaio: where it actually went."""
    ambiente = resumo.ambiente
    return (
        "ENSAIO — SEM VALOR DE HOMOLOGAÇÃO. O arquivo de ambiente diz "
        f"{ambiente.tipo}, mas a campanha foi executada em {ambiente.host}, e não no endereço oficial do "
        f"Tramita.GOV.BR ({HOSTS_OFICIAIS.get(ambiente.tipo, '—')}, com o certificado do servidor verificado). "
        "Nada aqui vale como evidência para o PEN."
    )


def _c(texto: object, estilo: str = "", ancora: str = "") -> Celula:
    return Celula("—" if texto is None or texto == "" else str(texto), estilo, ancora)


def classe_do_veredito(veredito: str) -> str:
    """`não se aplica` → `nao-se-aplica`: the style of a verdict."""
    return (
        veredito.replace("ã", "a").replace("ç", "c").replace("é", "e").replace("í", "i").replace(" ", "-")
        if veredito
        else ""
    )


def _unidade(unidade: Unidade | None) -> str:
    return unidade.rotulo() if unidade else "—"


def _resultado(resumo: Resumo) -> Paragrafo:
    if resumo.ensaio:
        onde = "no simulador" if resumo.ambiente.tipo == "simulador" else f"em {resumo.ambiente.host}"
        texto = (
            f"Ensaio: todos os requisitos aprovados {onde} (não vale como homologação)"
            if resumo.aprovado
            else f"Ensaio: há requisitos não aprovados {onde}"
        )
        return Paragrafo(texto, "aprovado" if resumo.aprovado else "reprovado")
    if resumo.aprovado:
        return Paragrafo("Todos os requisitos mínimos aprovados", "aprovado")
    return Paragrafo("Há requisitos mínimos ainda não aprovados", "aguardando")


def _requisitos(requisitos: list[RequisitoNoResumo], *, minimos: bool) -> Tabela:
    """The minimum requirements' table, or the extended profile's (never mixed)."""
    id_, coluna = (
        ("requisitos", "Requisito mínimo") if minimos else ("perfil-estendido-casos", "Caso do perfil estendido")
    )
    linhas = []
    for q in requisitos:
        comprovadas = sum(c.situacao == "comprovada" for c in q.clausulas)
        linhas.append(
            (
                _c(q.titulo + ("" if q.publicado_pelo_pen or not minimos else " (acrescentado pelo harness)")),
                _c(q.papel_do_orgao),
                _c(f"{q.situacao_final_esperada} — {Situacao(q.situacao_final_esperada).explicacao.significado}"),
                _c(q.veredito, classe_do_veredito(q.veredito)),
                _c(f"{comprovadas} de {len(q.clausulas)}", ancora=f"clausulas-{q.id}"),
                _c(", ".join(q.modo)),
                _c("\n".join(f"{t.idt} · NRE {t.nre}" for t in q.tramites), "mono"),
            )
        )
    return Tabela(
        id_,
        (coluna, "Papel do órgão", "Situação final esperada", "Veredito", "Cláusulas", "Modo", "Trâmites"),
        linhas,
        (34, 14, 24, 14, 12, 10, 30),
    )


def _clausulas(q: RequisitoNoResumo) -> Secao:
    return Secao(
        f"Requisito {q.id}: {q.titulo}",
        f"clausulas-{q.id}",
        [
            Tabela(
                f"tabela-clausulas-{q.id}",
                ("Cláusula", "De onde vem", "Situação", "Verificações"),
                [
                    (
                        _c(c.descricao),
                        _c(c.fonte),
                        _c(c.situacao, SITUACOES_DAS_CLAUSULAS[c.situacao]),
                        _c(c.verificacoes),
                    )
                    for c in q.clausulas
                ],
                (52, 52, 18, 16),
            )
        ],
    )


def _ambiente(resumo: Resumo) -> Definicoes:
    orgao = resumo.orgao
    modos = sorted({m for q in resumo.todos_os_requisitos for m in q.modo})
    itens = [
        ("Órgão", _c(f"{orgao.nome} ({orgao.sigla})")),
        ("Unidades do órgão", _c(f"{_unidade(orgao.envio)}; {_unidade(orgao.recebimento)}")),
        ("Ambiente", _c(f"{resumo.ambiente.nome} — {TITULOS[resumo.ambiente.tipo].split(' — ')[0]}")),
        ("Endereço da API", _c(f"{resumo.ambiente.url_base} (versão {resumo.ambiente.versao_api})", "mono")),
        (
            "Endereço alcançado",
            _c(
                f"{resumo.ambiente.host}: "
                + (
                    "endereço oficial do Tramita.GOV.BR, com o certificado do servidor verificado"
                    if resumo.ambiente.endereco_oficial
                    else "não é o endereço oficial do Tramita.GOV.BR (ensaio)"
                )
            ),
        ),
    ]
    if resumo.certificado:
        c = resumo.certificado
        itens.append(
            (
                "Certificado do sistema",
                _c(
                    f"{c.titular}; emitido por {c.emissor}; impressão digital SHA-256 {c.impressao_digital_sha256}; "
                    f"válido até {hora(c.valido_ate)}"
                ),
            )
        )
    if resumo.unidade_de_teste_de_producao:
        itens.append(("Unidade de teste (produção)", _c(_unidade(resumo.unidade_de_teste_de_producao))))
    itens += [
        ("Período da campanha", _c(f"{hora(resumo.inicio)} a {hora(resumo.fim)}")),
        ("Modo", _c(", ".join(modos) or "—")),
        ("SPE do órgão", _c(f"{resumo.spe.nome} {resumo.spe.versao}".strip() if resumo.spe else "")),
        (
            "Responsável",
            _c(
                f"{resumo.responsavel.nome}"
                + (f" ({resumo.responsavel.contato})" if resumo.responsavel and resumo.responsavel.contato else "")
                if resumo.responsavel
                else "não informado no arquivo de ambiente ([responsavel])"
            ),
        ),
        ("Executado por", _c(f"conta {resumo.executado_por} do sistema operacional" if resumo.executado_por else "")),
        (
            "Harness",
            _c(
                f"tramita-homologacao {resumo.versao_harness}"
                + (f", commit {resumo.commit_harness}" if resumo.commit_harness else "")
            ),
        ),
    ]
    return Definicoes(itens)


def _pen(resumo: Resumo) -> list[Bloco]:
    if not resumo.regra_de_adocao:
        return []
    blocos: list[Bloco] = [
        Paragrafo(resumo.regra_de_adocao, "nota"),
        Tabela(
            "pedidos",
            ("Requisito", "Cenário", "Pedido em", "Trâmite adotado"),
            [
                (
                    _c(p.requisito),
                    _c(p.cenario),
                    _c(hora(p.pedido_em)),
                    _c(p.idt or "aguardando", ancora=f"tramite-{p.idt}" if p.idt else ""),
                )
                for p in resumo.pedidos_ao_pen
            ]
            or [(_c("Nenhum processo pedido ao PEN."), _c(""), _c(""), _c(""))],
            (20, 40, 20, 20),
        ),
    ]
    if resumo.ignorados:
        blocos.append(
            Tabela(
                "ignorados",
                ("IDT não tocado", "Remetente", "Por que não foi adotado", "Visto em"),
                [(_c(i.idt), _c(i.remetente), _c(i.motivo), _c(hora(i.visto_em))) for i in resumo.ignorados],
                (14, 26, 40, 20),
            )
        )
    return blocos


def _json_curto(valor: object) -> str:
    if isinstance(valor, str) and ISO.match(valor):
        return hora(datetime.fromisoformat(valor))
    if isinstance(valor, list):
        return ", ".join(_json_curto(v) for v in valor) or "(nenhum)"
    if isinstance(valor, dict):
        return "; ".join(f"{k}: {_json_curto(v)}" for k, v in valor.items())
    return str(valor)


def _verificacoes(idt: int, verificacoes: list[Verificacao], clausulas: dict[str, str]) -> Tabela:
    return Tabela(
        f"verificacoes-{idt}",
        ("Cláusula", "Verificação", "Esperado", "Observado", "Resultado"),
        [
            (
                _c(clausulas.get(v.clausula, v.clausula)),
                _c(f"{v.nome} ({hora(v.feita_em)}): {v.mensagem}"),
                _c(_json_curto(v.esperado), "hash"),
                _c(_json_curto(v.observado), "hash"),
                _c("aprovada" if v.aprovada else "reprovada", "aprovado" if v.aprovada else "reprovado"),
            )
            for v in verificacoes
        ]
        or [(_c("Nenhuma verificação registrada para este trâmite."), _c(""), _c(""), _c(""), _c(""))],
        (20, 34, 18, 18, 10),
    )


def _tramite(q: RequisitoNoResumo, t: Tramite) -> Secao:
    itens = [
        ("IDT", _c(t.idt, "mono")),
        ("NRE", _c(t.nre, "mono")),
        ("Protocolo (NUP)", _c(t.protocolo, "mono")),
        ("Descrição do processo", _c(t.descricao)),
        ("Remetente", _c(_unidade(t.remetente))),
        ("Destinatário", _c(_unidade(t.destinatario))),
        ("Papel do órgão", _c(t.papel_do_orgao)),
        ("Situação final", _c(f"{t.situacao_final} — {t.situacao_final_descricao}")),
        (
            "Cenário",
            _c(
                t.cenario + (" (iniciado numa execução anterior e retomado)" if t.retomado_de_execucao_anterior else "")
            ),
        ),
    ]
    if t.motivo_recusa:
        itens.append(
            ("Recusa", _c(f"motivo {t.motivo_recusa} ({MOTIVOS.get(t.motivo_recusa, '')}) — {t.justificativa_recusa}"))
        )
    blocos: list[Bloco] = [
        Definicoes(itens),
        Figura(
            desenhar_fluxo(t.historico, f"Fluxo do trâmite {t.idt}"),
            f"Fluxo do trâmite {t.idt}: o caminho percorrido em azul, com a hora de cada situação; a situação final "
            "em verde e com borda grossa.",
        ),
        Tabela(
            f"situacoes-{t.idt}",
            ("Situação", "Significado", "Data e hora"),
            [(_c(h.situacao), _c(h.descricao), _c(hora(h.data_hora))) for h in t.historico],
            (12, 60, 28),
        ),
    ]
    if t.componentes:
        blocos.append(
            Tabela(
                f"componentes-{t.idt}",
                ("Componente digital", "Tamanho", "SHA-256 (base64)"),
                [
                    (_c(c.nome), _c(f"{c.tamanho_em_bytes:,} bytes".replace(",", ".")), _c(c.sha256_base64, "hash"))
                    for c in t.componentes
                ],
                (38, 16, 46),
            )
        )
    for rc in t.recibos:
        # of this trâmite, hashes and signature; the recibo de conclusão also by a recognised signer (the recibo
        # de envio is the platform's own, whose signer is not a system's)
        reconhecido = rc.signatario_reconhecido or rc.tipo != RECIBO_DE_CONCLUSAO.nome
        confere = rc.do_tramite and rc.assinatura_confere and rc.hashes_conferem and reconhecido
        blocos.append(
            Paragrafo(
                f"{rc.tipo.capitalize()} de {_json_curto(rc.data)} — {rc.veredito}",
                "aprovado" if confere else "reprovado",
            )
        )
    clausulas = {c.id: c.descricao for c in q.clausulas}
    blocos.append(_verificacoes(t.idt, t.verificacoes, clausulas))
    return Secao(f"Trâmite IDT {t.idt} — requisito {q.id}", f"tramite-{t.idt}", blocos)


def montar_documento(resumo: Resumo) -> Documento:
    tipo = "simulador" if resumo.ensaio else resumo.ambiente.tipo  # the address reached decides, not the file
    fora = resumo.ensaio and resumo.ambiente.tipo != "simulador"
    faixa = fora_do_endereco_oficial(resumo) if fora else FAIXAS[tipo]
    secoes = [
        Secao(
            "Resultado",
            "resultado",
            [
                _resultado(resumo),
                _requisitos(resumo.requisitos, minimos=True),
                Paragrafo(
                    "Relatório cumulativo da campanha neste ambiente: cada requisito mostra o último veredito dos seus "
                    "cenários, as cláusulas que eles comprovam e os trâmites que os provam, qualquer que seja a "
                    f"execução que os julgou. {AVISO_DE_FUSO}",
                    "nota",
                ),
            ],
        ),
    ]
    if resumo.perfil_estendido:
        secoes.append(
            Secao(
                TITULO_DO_PERFIL_ESTENDIDO,
                "perfil-estendido",
                [
                    Paragrafo(f"Fora do resultado acima: {AVISO_DO_PERFIL_ESTENDIDO}.", "nota"),
                    _requisitos(resumo.perfil_estendido, minimos=False),
                ],
            )
        )
    pendentes = [q for q in resumo.todos_os_requisitos if q.pendencia]
    if pendentes:
        secoes.append(
            Secao("O que falta", "pendencias", [Paragrafo(f"{q.id} ({q.veredito}): {q.pendencia}") for q in pendentes])
        )
    secoes.append(Secao("Cláusulas dos requisitos", "clausulas", [_clausulas(q) for q in resumo.todos_os_requisitos]))
    secoes.append(Secao("Ambiente e órgão", "ambiente", [_ambiente(resumo)]))
    if resumo.regra_de_adocao:
        secoes.append(Secao("Processos enviados pelo PEN", "pen", _pen(resumo)))
    if resumo.instrucoes_ao_operador:
        secoes.append(
            Secao(
                "Instruções ao operador do SPE (modo assistido)",
                "instrucoes",
                [Paragrafo(f"{i.requisito} ({hora(i.dada_em)}): {i.texto}") for i in resumo.instrucoes_ao_operador],
            )
        )
    secoes.append(
        Secao(
            "Cenários",
            "secao-cenarios",
            [
                Tabela(
                    "cenarios",
                    ("Requisito", "Cenário", "Veredito", "Julgado em", "Observação"),
                    [
                        (
                            _c(q.id),
                            _c(c.nome),
                            _c(c.veredito, classe_do_veredito(c.veredito)),
                            _c(hora(c.julgado_em)),
                            _c(c.mensagem),
                        )
                        for q in resumo.todos_os_requisitos
                        for c in q.cenarios
                    ],
                    (12, 30, 12, 16, 30),
                )
            ],
        )
    )
    secoes.append(
        Secao("Trâmites", "tramites", [_tramite(q, t) for q in resumo.todos_os_requisitos for t in q.tramites])
    )
    return Documento(
        tipo=tipo,
        titulo=TITULO_FORA_DO_ENDERECO_OFICIAL if fora else TITULOS[tipo],
        subtitulo=f"{resumo.orgao.nome} ({resumo.orgao.sigla}) · ambiente {resumo.ambiente.nome} · gerado em "
        f"{hora(resumo.fim)} (horário de Brasília)",
        faixa=Paragrafo(faixa, f"faixa-{tipo}"),
        secoes=secoes,
        rodape=f"Gerado por tramita-homologacao {resumo.versao_harness}"
        + (f" (commit {resumo.commit_harness})" if resumo.commit_harness else "")
        + " a partir de resumo.json. Cada requisição e resposta (com segredos ocultados) está nos resultados Allure.",
    )
