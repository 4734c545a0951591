"""What the platform's record of a sent trâmite (`GET tramites/{IDT}`) must show for a case of the extended
profile: a documento avulso, several components in a document, a restricted processo with its hipótese legal, a
component larger than the transfer block, a processo with another anexado and another apensado, a processo sent
back to the organ with only the pending components.

Each function reads the metadata as the platform keeps them and says what it expected, what it saw and what
is wrong; `Verificador.metadados` records it against the case's clause.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from tramita_homologacao.cliente.tipos import Metadados
from tramita_homologacao.conformidade.conferencia import descrever_diferenca, diferenca_de_hashes


@dataclass(frozen=True)
class Avaliacao:
    nome: str
    esperado: object
    observado: object
    comprovado: str  # what the metadata prove, when nothing is wrong
    problemas: list[str] = field(default_factory=list)


def _documentos(metadados: Metadados) -> list[dict]:
    return metadados.protocolo.get("documentos", []) if metadados.tipo == "P" else [metadados.protocolo]


def _hashes(documento: dict) -> list[str]:
    return [str(c.get("hash", {}).get("conteudo", "")) for c in documento.get("componentesDigitais", [])]


def _componentes(documento: dict) -> list[tuple[dict, str]]:
    return list(zip(documento.get("componentesDigitais", []), _hashes(documento), strict=True))


def _conferir_enviados(metadados: Metadados, enviados: Collection[str], problemas: list[str]) -> None:
    registrados = sorted(h for d in _documentos(metadados) for h in _hashes(d))
    if enviados and registrados != sorted(enviados):
        problemas.append(f"os componentes registrados ({len(registrados)}) não são os enviados ({len(enviados)})")


def documento_avulso(metadados: Metadados, enviados: Collection[str]) -> Avaliacao:
    """Registered as a documento avulso (`documento`, not `processo`), carrying the components sent."""
    problemas = [] if metadados.tipo == "D" else ["o Tramita.GOV.BR registrou um processo, não um documento avulso"]
    _conferir_enviados(metadados, enviados, problemas)
    return Avaliacao(
        "Registro do documento avulso",
        {"tipo": "D (documento avulso)", "componentes": sorted(enviados)},
        {"tipo": metadados.tipo, "componentes": sorted(h for d in _documentos(metadados) for h in _hashes(d))},
        f"IDT {metadados.idt}: registrado como documento avulso, protocolo {metadados.protocolo.get('protocolo')}",
        problemas,
    )


def varios_componentes(metadados: Metadados, minimo: int, enviados: Collection[str]) -> Avaliacao:
    """A document carries at least `minimo` components, each with its own hash and order 1..n."""
    por_documento = {
        int(d.get("ordem", i)): [(int(c.get("ordem", 0)), h) for c, h in _componentes(d)]
        for i, d in enumerate(_documentos(metadados), start=1)
        if d.get("componentesDigitais")
    }
    maior = max(por_documento.items(), key=lambda item: len(item[1]), default=(0, []))
    ordem, componentes = maior
    problemas = []
    if len(componentes) < minimo:
        problemas.append(f"nenhum documento tem {minimo} componentes digitais (o maior tem {len(componentes)})")
    elif sorted(o for o, _ in componentes) != list(range(1, len(componentes) + 1)):
        problemas.append(f"as ordens dos componentes do documento {ordem} não são 1 a {len(componentes)}")
    elif len({h for _, h in componentes}) != len(componentes):
        problemas.append(f"o documento {ordem} repete um componente (mesmo hash)")
    _conferir_enviados(metadados, enviados, problemas)
    return Avaliacao(
        "Vários componentes digitais num documento",
        {"componentes_num_documento": f"ao menos {minimo}, com ordens 1 a n e hashes distintos"},
        {f"documento {o}": [{"ordem": c, "hash": h} for c, h in lista] for o, lista in por_documento.items()},
        f"IDT {metadados.idt}: o documento {ordem} tem {len(componentes)} componentes digitais, todos registrados",
        problemas,
    )


def _sigilo(item: dict) -> tuple[str, int | None]:
    hipotese = (item.get("hipoteseLegal") or {}).get("identificacao")
    return str(item.get("nivelDeSigilo", "")), int(hipotese) if hipotese is not None else None


def sigilo_restrito(metadados: Metadados, ativas: Mapping[int, str], enviada: int | None) -> Avaliacao:
    """The processo (or documento avulso) is restrito (2) under an active hipótese legal, at least one document
    is restrito too, and every restrito item names an active hipótese (the one sent, when the harness sent it)."""
    itens = {"processo": metadados.protocolo} if metadados.tipo == "P" else {}
    itens |= {f"documento {d.get('ordem', i)}": d for i, d in enumerate(_documentos(metadados), start=1)}
    observado = {onde: _sigilo(item) for onde, item in itens.items()}
    problemas = []
    nivel_do_protocolo = next(iter(observado.values()), ("", None))[0]
    if nivel_do_protocolo != "2":
        problemas.append(f"o protocolo tem nível de sigilo {nivel_do_protocolo or 'nenhum'}, não 2 (restrito)")
    if metadados.tipo == "P" and not any(nivel == "2" for onde, (nivel, _) in observado.items() if onde != "processo"):
        problemas.append("nenhum documento é restrito")
    for onde, (nivel, hipotese) in observado.items():
        if nivel != "2":
            continue
        if hipotese not in ativas:
            problemas.append(f"{onde}: a hipótese legal {hipotese} não é uma das ativas do Tramita.GOV.BR")
        elif enviada is not None and hipotese != enviada:
            problemas.append(f"{onde}: hipótese legal {hipotese}, mas foi enviada a {enviada}")
    hipoteses = sorted({h for n, h in observado.values() if n == "2" and h is not None})
    return Avaliacao(
        "Sigilo restrito e hipótese legal",
        {"nivelDeSigilo": "2", "hipoteseLegal": enviada if enviada is not None else "uma das ativas"},
        {onde: {"nivelDeSigilo": nivel, "hipoteseLegal": hipotese} for onde, (nivel, hipotese) in observado.items()},
        f"IDT {metadados.idt}: restrito, com a hipótese legal "
        + ", ".join(f"{h} ({ativas.get(h, '?')})" for h in hipoteses),
        problemas,
    )


def componente_grande(metadados: Metadados, bloco: int, enviado: str | None) -> Avaliacao:
    """A component larger than the transfer block (`bloco` bytes) is recorded whole: its size, and the hash of the
    file sent (when the harness sent it)."""
    componentes = {h: int(c.get("tamanhoEmBytes", 0)) for d in _documentos(metadados) for c, h in _componentes(d)}
    grandes = {h: t for h, t in componentes.items() if t > bloco}
    problemas = []
    if not grandes:
        maior = max(componentes.values(), default=0)
        problemas.append(f"nenhum componente é maior que o bloco de {bloco} bytes (o maior tem {maior})")
    elif enviado is not None and enviado not in grandes:
        problemas.append("o componente grande registrado não é o enviado (outro hash)")
    return Avaliacao(
        "Componente maior que o bloco de transferência",
        {"maior_que_o_bloco": bloco, "hash": enviado or "o do arquivo inteiro"},
        {"componentes": [{"hash": h, "tamanhoEmBytes": t} for h, t in componentes.items()]},
        f"IDT {metadados.idt}: "
        + "; ".join(
            f"componente de {t} bytes (bloco de {bloco}) registrado inteiro, hash {h}" for h, t in grandes.items()
        ),
        problemas,
    )


def anexado_e_apensado(metadados: Metadados, anexado: str | None, apensado: str | None) -> Avaliacao:
    """A document came from an anexado processo (`protocoloDoProcessoAnexado`, its NUP), numbered in order with the
    rest, and another processo is apensado (`processoApensado`, under its own NUP, with documents); `anexado` and
    `apensado`: the NUPs sent, when the harness sent them."""
    principal = metadados.protocolo
    documentos = principal.get("documentos", []) if metadados.tipo == "P" else []
    anexados = sorted({str(d["protocoloDoProcessoAnexado"]) for d in documentos if d.get("protocoloDoProcessoAnexado")})
    apensados = {
        str(a.get("protocolo")): len(a.get("documentos") or []) for a in principal.get("processoApensado") or []
    }
    ordens = [int(d.get("ordem", 0)) for d in documentos]
    problemas = []
    if not anexados:
        problemas.append("nenhum documento traz protocoloDoProcessoAnexado (o número do processo anexado)")
    elif anexado is not None and anexado not in anexados:
        problemas.append(f"o processo anexado registrado ({', '.join(anexados)}) não é o enviado ({anexado})")
    if ordens != list(range(1, len(ordens) + 1)):
        problemas.append(f"as ordens dos documentos, com os do anexado, não são 1 a {len(ordens)}: {ordens}")
    if not apensados:
        problemas.append("o processo não traz processoApensado (o processo apensado)")
    elif apensado is not None and apensado not in apensados:
        problemas.append(f"o processo apensado registrado ({', '.join(apensados)}) não é o enviado ({apensado})")
    problemas += [f"o processo apensado {n} não tem documentos" for n, quantos in apensados.items() if not quantos]
    if principal.get("protocolo") in apensados:
        problemas.append("o processo apensado tem o número do próprio processo")
    return Avaliacao(
        "Processo anexado e processo apensado",
        {"anexado": anexado or "algum", "apensado": apensado or "algum"},
        {"anexados": anexados, "apensados": apensados, "ordens": ordens},
        f"IDT {metadados.idt}: documento do processo anexado {', '.join(anexados)} e processo apensado "
        f"{', '.join(apensados)} registrados",
        problemas,
    )


def devolucao(
    metadados: Metadados, nre_anterior: str, anteriores: Collection[str], pendentes: Collection[str]
) -> Avaliacao:
    """A processo the organ sent (NRE `nre_anterior`, components `anteriores`) came back with new components: the
    same NRE, and the platform asked for (`pendentes`) only the new ones, which the organ lacks."""
    todos = [h for d in _documentos(metadados) for h in _hashes(d)]
    novos = sorted(set(todos) - set(anteriores))
    problemas = []
    if metadados.nre != nre_anterior:
        problemas.append(f"a devolução tem o NRE {metadados.nre}, não o do processo enviado ({nre_anterior})")
    if not novos:
        problemas.append("a devolução não trouxe componente novo")
    if sorted(pendentes) != novos:
        problemas.append(
            f"o Tramita.GOV.BR pediu {len(pendentes)} componente(s) na devolução, e os novos são {len(novos)}: "
            + "; ".join(descrever_diferenca(*diferenca_de_hashes(sorted(pendentes), novos)))
        )
    return Avaliacao(
        "Devolução só com os componentes pendentes",
        {"NRE": nre_anterior, "pendentes": novos},
        {"NRE": metadados.nre, "pendentes": sorted(pendentes), "componentes_da_devolucao": len(todos)},
        f"IDT {metadados.idt}: o processo voltou com o NRE {metadados.nre} e {len(todos)} componentes, dos quais o "
        f"órgão só precisou baixar os {len(novos)} novos",
        problemas,
    )


def documento_a_mais(metadados: Metadados, especie: int, extensao: str, tamanho_minimo: int) -> Avaliacao:
    """The trâmite carries the document a destination refuses: of espécie `especie`, with a `.extensao` file of at
    least `tamanho_minimo` bytes (what the organ was to send, for the destination to refuse it)."""
    achados = [
        (int((d.get("especie") or {}).get("codigo", 0)), str(c.get("nome", "")), int(c.get("tamanhoEmBytes", 0)))
        for d in _documentos(metadados)
        for c in d.get("componentesDigitais", [])
    ]
    leva = any(
        e == especie and n.lower().endswith(f".{extensao.lower()}") and t >= tamanho_minimo for e, n, t in achados
    )
    esperado = f"espécie {especie}, arquivo .{extensao}" + (
        f" de ao menos {tamanho_minimo} bytes" if tamanho_minimo else ""
    )
    return Avaliacao(
        "Documento que o destino recusa",
        {"documento": esperado},
        {"documentos": [{"especie": e, "arquivo": n, "tamanhoEmBytes": t} for e, n, t in achados]},
        f"IDT {metadados.idt}: o processo leva o documento que o destino recusa ({esperado})",
        [] if leva else [f"o processo não leva o documento que o destino recusaria ({esperado})"],
    )
