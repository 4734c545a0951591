"""A downloaded part's body decoded as it arrives (`docs/api-tramita.md` §2.15): the base64 of the bytes, as a JSON
string or as raw text. Like the module's `base64_decode`, line breaks and spaces are ignored; JSON escapes (`\\/`,
`\\u002F`, `\\n`) are undone; anything else that is not base64 is an error."""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Iterator

import pybase64

ESPACOS = b" \t\r\n"
_CADA_ESPACO = [bytes([c]) for c in ESPACOS]  # looked for one at a time (fast), removed only when present
_ESCAPE = re.compile(rb"\\(u[0-9a-fA-F]{4}|[^u])")
_ESCAPES_SIMPLES = {b"/": b"/", b"n": b"", b"r": b"", b"t": b""}


class Base64Invalido(ValueError):
    """The body is not the base64 of a part."""


def _desfazer_escape(encontrado: re.Match[bytes]) -> bytes:
    codigo = encontrado.group(1)
    if codigo[:1] == b"u":
        caractere = chr(int(codigo[1:], 16))
        if caractere.isascii():
            return caractere.encode("ascii")
    elif codigo in _ESCAPES_SIMPLES:
        return _ESCAPES_SIMPLES[codigo]
    raise Base64Invalido(f"sequência de escape {encontrado.group(0).decode('ascii', 'replace')} no meio do base64")


def _escape_incompleto(texto: bytes) -> int:
    """Where an escape cut by the end of a piece starts (len(texto) when none is)."""
    barra = texto.rfind(b"\\", max(len(texto) - 5, 0))
    if barra < 0 or (texto[barra + 1 : barra + 2] != b"u" and barra < len(texto) - 1):
        return len(texto)
    return barra if len(texto) - barra < 6 else len(texto)


class _Decodificador:
    def __init__(self) -> None:
        self._pendente = b""  # clean base64 short of 4 characters, then perhaps an escape cut in half
        self._comecou = False
        self._entre_aspas = False
        self._terminou = False

    def alimentar(self, pedaco: bytes) -> bytes:
        if self._terminou:
            if pedaco.strip(ESPACOS):
                raise Base64Invalido("há texto depois do fim da string JSON")
            return b""
        texto = self._pendente + pedaco
        if not self._comecou:
            texto = texto.lstrip(ESPACOS)
            if not texto:
                return b""
            self._comecou = True
            if texto[:1] == b'"':
                self._entre_aspas, texto = True, texto[1:]
        if self._entre_aspas and b'"' in texto:
            texto, _, depois = texto.partition(b'"')
            self._terminou = True
            if depois.strip(ESPACOS):
                raise Base64Invalido("há texto depois do fim da string JSON")
        cauda = b""
        if b"\\" in texto:
            if not self._entre_aspas:
                raise Base64Invalido("barra invertida num base64 que não está entre aspas")
            corte = _escape_incompleto(texto)
            texto, cauda = _ESCAPE.sub(_desfazer_escape, texto[:corte]), texto[corte:]
        limpo = texto.translate(None, ESPACOS) if any(e in texto for e in _CADA_ESPACO) else texto
        inteiro = len(limpo) - len(limpo) % 4
        self._pendente = limpo[inteiro:] + cauda
        try:
            return pybase64.b64decode(memoryview(limpo)[:inteiro], validate=True)
        except binascii.Error as erro:
            raise Base64Invalido(f"caractere fora do alfabeto base64 ({erro})") from None

    def terminar(self) -> None:
        if self._entre_aspas and not self._terminou:
            raise Base64Invalido("a string JSON não foi fechada (resposta cortada?)")
        if self._pendente:
            raise Base64Invalido(f"sobraram {len(self._pendente)} caracteres no fim (resposta cortada?)")


def decodificar(pedacos: Iterable[bytes]) -> Iterator[bytes]:
    """The decoded bytes of a body that arrives in pieces cut anywhere."""
    decodificador = _Decodificador()
    for pedaco in pedacos:
        if dados := decodificador.alimentar(pedaco):
            yield dados
    decodificador.terminar()
