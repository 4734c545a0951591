"""Checks the platform applies to a new trâmite's protocolo (`docs/api-tramita.md` §2.8.1, §2.8.3, §5).

Each failure is a `RequisicaoInvalida` whose message names the offending field by its JSON path,
so that an organ's developer sees exactly what to fix.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from tramita_homologacao.protocolo.dominio import ALGORITMO_HASH
from tramita_homologacao.simulador.erros import RequisicaoInvalida
from tramita_homologacao.simulador.regras import aplicar_regras

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


def _exigir(dados: object, campo: str, caminho: str):
    valor = dados.get(campo) if isinstance(dados, dict) else None
    if valor is None or valor == "" or valor == []:
        raise RequisicaoInvalida(f"Campo obrigatório ausente: {caminho}.{campo}.")
    return valor


def _tipo(valor: object, tipos: type | tuple[type, ...], caminho: str, descricao: str):
    """The value when it has the JSON type the API expects (a bool is not a number); else a 400 naming it."""
    if not isinstance(valor, tipos) or (
        isinstance(valor, bool) and bool not in (tipos if isinstance(tipos, tuple) else (tipos,))
    ):
        raise RequisicaoInvalida(f"{caminho} deve ser {descricao}.")
    return valor


def _objeto(valor: object, caminho: str) -> dict:
    return _tipo(valor, dict, caminho, "um objeto JSON")


def _lista(valor: object, caminho: str) -> list:
    return _tipo(valor, list, caminho, "uma lista")


def codigo_numerico(valor: object, caminho: str) -> int:
    """A numeric code the API sends as a number or as digits in a string ("1", 1)."""
    if isinstance(valor, bool) or not isinstance(valor, (int, str)) or not str(valor).strip().isdigit():
        raise RequisicaoInvalida(f"{caminho} deve ser um código numérico.")
    return int(valor)


def _validar_sigilo(item: dict, caminho: str, hipoteses: set[int]) -> None:
    nivel = str(_tipo(_exigir(item, "nivelDeSigilo", caminho), (str, int), f"{caminho}.nivelDeSigilo", "1, 2 ou 3"))
    if nivel not in NIVEIS_DE_SIGILO:
        raise RequisicaoInvalida(f"{caminho}.nivelDeSigilo inválido: '{nivel}' (use 1, 2 ou 3).")
    if nivel == "2":
        hipotese = _objeto(item.get("hipoteseLegal") or {}, f"{caminho}.hipoteseLegal").get("identificacao")
        if hipotese is None:
            raise RequisicaoInvalida(f"{caminho}.hipoteseLegal é obrigatória para nível de sigilo restrito (2).")
        if codigo_numerico(hipotese, f"{caminho}.hipoteseLegal.identificacao") not in hipoteses:
            raise RequisicaoInvalida(f"{caminho}.hipoteseLegal.identificacao {hipotese} desconhecida ou inativa.")


def _validar_textos(item: dict, caminho: str) -> None:
    for campo, limite in LIMITES_TEXTO.items():
        valor = item.get(campo)
        if isinstance(valor, str) and len(valor) > limite:
            raise RequisicaoInvalida(f"{caminho}.{campo} excede {limite} caracteres ({len(valor)}).")


def _componentes(documento: dict, caminho: str, protocolo: str) -> Iterator[ComponenteDeclarado]:
    componentes = _lista(_exigir(documento, "componentesDigitais", caminho), f"{caminho}.componentesDigitais")
    retirado = _tipo(documento.get("retirado", False), bool, f"{caminho}.retirado", "true ou false")
    for i, componente in enumerate(componentes, start=1):
        local = f"{caminho}.componentesDigitais[{i}]"
        componente = _objeto(componente, local)
        hash_ = _objeto(_exigir(componente, "hash", local), f"{local}.hash")
        if hash_.get("algoritmo") != ALGORITMO_HASH:
            raise RequisicaoInvalida(f"{local}.hash.algoritmo deve ser '{ALGORITMO_HASH}'.")
        conteudo = _tipo(_exigir(hash_, "conteudo", f"{local}.hash"), str, f"{local}.hash.conteudo", "um texto")
        tamanho = componente.get("tamanhoEmBytes")
        if isinstance(tamanho, bool) or not isinstance(tamanho, int) or tamanho < 0 or (tamanho == 0 and not retirado):
            raise RequisicaoInvalida(
                f"{local}.tamanhoEmBytes deve ser um inteiro maior que zero (recebido: {tamanho!r})."
            )
        yield ComponenteDeclarado(
            protocolo=protocolo,
            hash=conteudo,
            tamanho=tamanho,
            nome=_tipo(_exigir(componente, "nome", local), str, f"{local}.nome", "um texto"),
            mime_type=_tipo(componente.get("mimeType", "outro"), str, f"{local}.mimeType", "um texto"),
            retirado=retirado,
        )


def _validar_documento(documento: dict, caminho: str, especies: set[int], hipoteses: set[int]) -> None:
    _validar_sigilo(documento, caminho, hipoteses)
    _validar_textos(documento, caminho)
    especie = _objeto(_exigir(documento, "especie", caminho), f"{caminho}.especie")
    codigo = codigo_numerico(_exigir(especie, "codigo", f"{caminho}.especie"), f"{caminho}.especie.codigo")
    if codigo not in especies:
        raise RequisicaoInvalida(f"{caminho}.especie.codigo {codigo!r} não é uma espécie documental conhecida.")


def validar_protocolo(tipo: str, dados: object, especies: set[int], hipoteses: set[int]) -> list[ComponenteDeclarado]:
    """Validates a `processo` (tipo "P") or `documento` avulso (tipo "D"); returns its components."""
    nome = "processo" if tipo == "P" else "documento"
    if not isinstance(dados, dict):
        raise RequisicaoInvalida(f"Campo obrigatório ausente: {nome}.")
    protocolo = _tipo(_exigir(dados, "protocolo", nome), str, f"{nome}.protocolo", "um texto (o NUP)")
    aplicar_regras(nome, dados)
    _validar_sigilo(dados, nome, hipoteses)
    _validar_textos(dados, nome)
    if tipo == "D":
        _validar_documento(dados, nome, especies, hipoteses)
        return list(_componentes(dados, nome, protocolo))
    return _do_processo(dados, nome, protocolo, especies, hipoteses, {protocolo})


def _do_processo(
    dados: dict, caminho: str, protocolo: str, especies: set[int], hipoteses: set[int], vistos: set[str]
) -> list[ComponenteDeclarado]:
    """The components of a processo's documents (an anexado processo's among them, marked by
    `protocoloDoProcessoAnexado`), then of each apensado processo, under the apensado's own protocolo
    (`docs/api-tramita.md` §2.8.1; the module's montarDadosComponenteDigital goes down the same way)."""
    componentes: list[ComponenteDeclarado] = []
    for i, documento in enumerate(_lista(_exigir(dados, "documentos", caminho), f"{caminho}.documentos"), start=1):
        local = f"{caminho}.documentos[{i}]"
        _validar_documento(_objeto(documento, local), local, especies, hipoteses)
        anexado = documento.get("protocoloDoProcessoAnexado")
        if anexado is not None:
            _tipo(anexado, str, f"{local}.protocoloDoProcessoAnexado", "um texto (o NUP do processo anexado)")
        componentes.extend(_componentes(documento, local, protocolo))
    for j, apensado in enumerate(_lista(dados.get("processoApensado") or [], f"{caminho}.processoApensado"), 1):
        local = f"{caminho}.processoApensado[{j}]"
        apensado = _objeto(apensado, local)
        numero = _tipo(_exigir(apensado, "protocolo", local), str, f"{local}.protocolo", "um texto (o NUP)")
        if numero in vistos:
            raise RequisicaoInvalida(f"{local}.protocolo {numero} repete o de outro processo do trâmite.")
        vistos.add(numero)
        _validar_sigilo(apensado, local, hipoteses)
        _validar_textos(apensado, local)
        componentes.extend(_do_processo(apensado, local, numero, especies, hipoteses, vistos))
    return componentes


TAMANHOS_DE_ASSINATURA_RSA = (128, 256, 384, 512)  # RSA de 1024 a 4096 bits, em bytes


def validar_recibo_de_tramite(data_de_recebimento: str, assinatura: str, situacao_4: datetime | None) -> None:
    """`POST tramites/{IDT}/recibo`: a base64 RSA signature, dated at the moment the components were received.

    The official module sends `dataDeRecebimento` = the `dataHora` of situação 4 as `Y-m-d\\TH:i:s.000\\Z` and
    signs with `openssl_sign` (RSA, SHA-256) [visto no código]; that the platform refuses another date or a
    signature of another length is [inferido], kept strict here and said so.
    """
    try:
        decodificada = base64.b64decode(assinatura, validate=True)
    except (binascii.Error, ValueError):
        raise RequisicaoInvalida("hashDaAssinatura deve ser a assinatura em base64 (caracteres inválidos).") from None
    if len(decodificada) not in TAMANHOS_DE_ASSINATURA_RSA:
        raise RequisicaoInvalida(
            f"hashDaAssinatura tem {len(decodificada)} bytes: uma assinatura RSA (SHA-256) do recibo tem 128, 256, "
            "384 ou 512 bytes (regra inferida do módulo oficial, que assina com openssl_sign)."
        )
    try:
        recebida = datetime.fromisoformat(data_de_recebimento)
    except ValueError:
        recebida = None
    if recebida is None or recebida.tzinfo is None:
        raise RequisicaoInvalida(
            f"dataDeRecebimento '{data_de_recebimento}' não é uma data W3C com fuso "
            "(exemplo: 2026-11-27T13:45:10.000Z)."
        )
    if situacao_4 is not None and recebida.replace(microsecond=0) != situacao_4.replace(microsecond=0):
        esperada = situacao_4.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        raise RequisicaoInvalida(
            f"dataDeRecebimento {data_de_recebimento} difere da hora da situação 4 do trâmite ({esperada}): use o "
            "dataHora da mudança para a situação 4, como o módulo oficial (regra inferida)."
        )
