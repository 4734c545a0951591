"""Checks the platform applies to a new trâmite's protocolo (`docs/api-tramita.md` §2.8.1, §2.8.3, §5).

Each failure is a `RequisicaoInvalida` whose message names the offending field by its JSON path,
so that an organ's developer sees exactly what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tramita_homologacao.protocolo.dominio import ALGORITMO_HASH
from tramita_homologacao.simulador.erros import RequisicaoInvalida

NIVEIS_DE_SIGILO = {"1", "2", "3"}
LIMITES_TEXTO = {"descricao": 100, "processoDeNegocio": 100}


@dataclass(frozen=True)
class ComponenteDeclarado:
    protocolo: str
    hash: str
    tamanho: int
    nome: str
    mime_type: str
    retirado: bool


def _exigir(dados: dict, campo: str, caminho: str):
    valor = dados.get(campo) if isinstance(dados, dict) else None
    if valor in (None, "", []):
        raise RequisicaoInvalida(f"Campo obrigatório ausente: {caminho}.{campo}.")
    return valor


def _validar_sigilo(item: dict, caminho: str, hipoteses: set[int]) -> None:
    nivel = str(_exigir(item, "nivelDeSigilo", caminho))
    if nivel not in NIVEIS_DE_SIGILO:
        raise RequisicaoInvalida(f"{caminho}.nivelDeSigilo inválido: '{nivel}' (use 1, 2 ou 3).")
    if nivel == "2":
        hipotese = (item.get("hipoteseLegal") or {}).get("identificacao")
        if hipotese is None:
            raise RequisicaoInvalida(f"{caminho}.hipoteseLegal é obrigatória para nível de sigilo restrito (2).")
        if int(hipotese) not in hipoteses:
            raise RequisicaoInvalida(f"{caminho}.hipoteseLegal.identificacao {hipotese} desconhecida.")


def _validar_textos(item: dict, caminho: str) -> None:
    for campo, limite in LIMITES_TEXTO.items():
        valor = item.get(campo)
        if isinstance(valor, str) and len(valor) > limite:
            raise RequisicaoInvalida(f"{caminho}.{campo} excede {limite} caracteres ({len(valor)}).")


def _componentes(documento: dict, caminho: str, protocolo: str) -> Iterator[ComponenteDeclarado]:
    componentes = _exigir(documento, "componentesDigitais", caminho)
    retirado = bool(documento.get("retirado", False))
    for i, componente in enumerate(componentes, start=1):
        local = f"{caminho}.componentesDigitais[{i}]"
        hash_ = _exigir(componente, "hash", local)
        if hash_.get("algoritmo") != ALGORITMO_HASH:
            raise RequisicaoInvalida(f"{local}.hash.algoritmo deve ser '{ALGORITMO_HASH}'.")
        conteudo = _exigir(hash_, "conteudo", f"{local}.hash")
        tamanho = componente.get("tamanhoEmBytes")
        if not isinstance(tamanho, int) or tamanho < 0 or (tamanho == 0 and not retirado):
            raise RequisicaoInvalida(
                f"{local}.tamanhoEmBytes deve ser um inteiro maior que zero (recebido: {tamanho!r})."
            )
        yield ComponenteDeclarado(
            protocolo=protocolo,
            hash=conteudo,
            tamanho=tamanho,
            nome=str(_exigir(componente, "nome", local)),
            mime_type=str(componente.get("mimeType", "outro")),
            retirado=retirado,
        )


def _validar_documento(documento: dict, caminho: str, especies: set[int], hipoteses: set[int]) -> None:
    _validar_sigilo(documento, caminho, hipoteses)
    _validar_textos(documento, caminho)
    especie = _exigir(documento, "especie", caminho)
    codigo = especie.get("codigo") if isinstance(especie, dict) else None
    if codigo is None or int(codigo) not in especies:
        raise RequisicaoInvalida(f"{caminho}.especie.codigo {codigo!r} não é uma espécie documental conhecida.")


def validar_protocolo(tipo: str, dados: object, especies: set[int], hipoteses: set[int]) -> list[ComponenteDeclarado]:
    """Validates a `processo` (tipo "P") or `documento` avulso (tipo "D"); returns its components."""
    nome = "processo" if tipo == "P" else "documento"
    if not isinstance(dados, dict):
        raise RequisicaoInvalida(f"Campo obrigatório ausente: {nome}.")
    protocolo = str(_exigir(dados, "protocolo", nome))
    _validar_sigilo(dados, nome, hipoteses)
    _validar_textos(dados, nome)
    if tipo == "D":
        _validar_documento(dados, nome, especies, hipoteses)
        return list(_componentes(dados, nome, protocolo))
    componentes: list[ComponenteDeclarado] = []
    for i, documento in enumerate(_exigir(dados, "documentos", nome), start=1):
        caminho = f"processo.documentos[{i}]"
        _validar_documento(documento, caminho, especies, hipoteses)
        componentes.extend(_componentes(documento, caminho, protocolo))
    return componentes
