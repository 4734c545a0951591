"""The rules a new trâmite's protocolo must follow, as data: which field, what rule, where it comes from.

Each rule names its source in `docs/api-tramita.md` (the shared API spec) and how sure we are of it:
`visto no código` (the official module sends or checks it), `visto em mock` (the module's tests), `inferido`
(kept strict, and the rejection says so). Applied after the structural checks of `validacao.py`; a rejection
is a 400 whose `mensagem` names the field path, the rule and its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from tramita_homologacao.simulador.erros import RequisicaoInvalida

VISTO_NO_CODIGO, VISTO_EM_MOCK, INFERIDO = "visto no código", "visto em mock", "inferido"

MIME_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.formula",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "text/xml", "text/rtf", "text/html", "text/plain", "text/csv",
        "image/gif", "image/jpeg", "image/png", "image/svg+xml", "image/tiff", "image/bmp",
        "audio/mp4", "audio/midi", "audio/ogg", "audio/vnd.wave",
        "video/avi", "video/mpeg", "video/mp4", "video/ogg", "video/webm",
        "outro",
    }
)  # fmt: skip
TAMANHO_MAXIMO_DECLARADO = 10 * 1024**3  # 10 GiB: the API states no limit; a declared 2^40 is a mistake
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")


@dataclass(frozen=True)
class Regra:
    campo: str  # a path: `[]` is every item of a list, `*` the processo or documento avulso itself
    regra: str  # what is required, in words
    fonte: str  # section of docs/api-tramita.md
    etiqueta: str
    aceita: Callable[[object], bool]
    obrigatorio: bool = True  # absent is a violation (else only a present value is checked)


def _texto_ate(limite: int) -> Callable[[object], bool]:
    return lambda valor: isinstance(valor, str) and len(valor.strip()) > 0 and len(valor) <= limite


def _um_de(permitidos: frozenset[str] | tuple[str, ...]) -> Callable[[object], bool]:
    return lambda valor: isinstance(valor, str) and valor in permitidos


def _data_w3c(valor: object) -> bool:
    if not isinstance(valor, str) or not W3C.match(valor):
        return False
    try:
        datetime.fromisoformat(valor)
    except ValueError:  # 31/02, 25:00…
        return False
    return True


def _inteiro_positivo(valor: object) -> bool:
    return isinstance(valor, int) and not isinstance(valor, bool) and valor >= 1


def _tamanho_declarado(valor: object) -> bool:
    return isinstance(valor, int) and _inteiro_positivo(valor) and valor <= TAMANHO_MAXIMO_DECLARADO


DOCUMENTOS = "processo.documentos[]"
COMPONENTES = "componentesDigitais[]"
REGRAS: tuple[Regra, ...] = (
    Regra("*.nivelDeSigilo", "1 (público) ou 2 (restrito): processo sigiloso (3) não tramita", "§2.8.1", INFERIDO,
          lambda v: isinstance(v, (str, int)) and not isinstance(v, bool) and str(v) in ("1", "2")),
    Regra("*.dataHoraDeProducao", "data e hora W3C com fuso (2026-11-27T10:00:00-03:00)", "§2.8.1", VISTO_NO_CODIGO,
          _data_w3c),
    Regra("*.produtor.nome", "texto de 1 a 150 caracteres", "§2.8.1, §5", VISTO_NO_CODIGO, _texto_ate(150)),
    Regra("*.produtor.tipo", "fisica, juridica ou orgaopublico", "§2.8.1, §5", VISTO_NO_CODIGO,
          _um_de(("fisica", "juridica", "orgaopublico"))),
    Regra("*.produtor.unidade.nome", "texto de 1 a 150 caracteres", "§2.8.1, §5", VISTO_NO_CODIGO, _texto_ate(150),
          obrigatorio=False),
    Regra("*.interessados[].nome", "texto de 1 a 150 caracteres", "§2.8.1, §5", VISTO_NO_CODIGO, _texto_ate(150)),
    Regra(f"{DOCUMENTOS}.ordem", "inteiro a partir de 1", "§2.8.1", VISTO_NO_CODIGO,
          _inteiro_positivo),
    Regra(f"{DOCUMENTOS}.dataHoraDeProducao", "data e hora W3C com fuso", "§2.8.1", VISTO_NO_CODIGO, _data_w3c),
    Regra(f"{DOCUMENTOS}.produtor.nome", "texto de 1 a 150 caracteres", "§2.8.1, §5", VISTO_NO_CODIGO,
          _texto_ate(150)),
    Regra(f"{DOCUMENTOS}.produtor.tipo", "fisica, juridica ou orgaopublico", "§2.8.1, §5", VISTO_NO_CODIGO,
          _um_de(("fisica", "juridica", "orgaopublico"))),
    Regra(f"{DOCUMENTOS}.{COMPONENTES}.nome", "texto de 1 a 100 caracteres", "§2.8.1, §5 (coluna nome)",
          VISTO_NO_CODIGO, _texto_ate(100)),
    Regra(f"{DOCUMENTOS}.{COMPONENTES}.ordem", "inteiro a partir de 1", "§2.8.1", VISTO_NO_CODIGO, _inteiro_positivo,
          obrigatorio=False),
    Regra(f"{DOCUMENTOS}.{COMPONENTES}.tamanhoEmBytes", f"inteiro de até {TAMANHO_MAXIMO_DECLARADO} bytes (10 GiB)",
          "§2.8.3, §5", INFERIDO, _tamanho_declarado, obrigatorio=False),
    Regra(f"{DOCUMENTOS}.{COMPONENTES}.mimeType", "um dos tipos da lista do módulo, ou outro", "§2.8.1",
          VISTO_NO_CODIGO, _um_de(MIME_TYPES)),
    Regra(f"{DOCUMENTOS}.{COMPONENTES}.tipoDeConteudo", "txt, img, aud, vid ou out", "§2.8.1, §5", VISTO_NO_CODIGO,
          _um_de(("txt", "img", "aud", "vid", "out")), obrigatorio=False),
)  # fmt: skip


def _valores(dados: object, partes: list[str], caminho: str) -> Iterator[tuple[str, object, bool]]:
    """(path, value, present) of every place a rule's path reaches in `dados`."""
    if not partes:
        yield caminho, dados, True
        return
    parte, resto = partes[0], partes[1:]
    lista = parte.endswith("[]")
    nome = parte.removesuffix("[]")
    if not isinstance(dados, dict):
        return
    if nome not in dados:
        if not lista:  # the rule's whole path, so that the message says which field is missing
            yield ".".join([caminho, nome, *(p.removesuffix("[]") for p in resto)]), None, False
        return
    valor = dados[nome]
    if not lista:
        yield from _valores(valor, resto, f"{caminho}.{nome}")
        return
    for i, item in enumerate(valor if isinstance(valor, list) else [], start=1):
        yield from _valores(item, resto, f"{caminho}.{nome}[{i}]")


def aplicar_regras(nome: str, dados: dict) -> None:
    """Every rule, on the processo (`nome` "processo") or documento avulso ("documento")."""
    for regra in REGRAS:
        partes = regra.campo.split(".")
        if partes[0] == "*":
            partes = partes[1:]
        elif partes[0] != nome:
            continue
        else:
            partes = partes[1:]
        for caminho, valor, presente in _valores(dados, partes, nome):
            if (presente or regra.obrigatorio) and not (presente and regra.aceita(valor)):
                problema = "campo obrigatório ausente" if not presente else "valor fora da regra"
                inferida = " — regra inferida, mantida estrita" if regra.etiqueta == INFERIDO else ""
                raise RequisicaoInvalida(
                    f"{caminho}: {problema}; deve ser {regra.regra} ({regra.fonte} da especificação da API, "
                    f"{regra.etiqueta}{inferida})."
                )
