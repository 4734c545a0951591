"""A downloaded part decoded as it arrives: whatever the form the module accepts and wherever the network cuts it,
the bytes are the original; what is not base64 is refused with the reason."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tramita_homologacao.cliente.base64_da_parte import Base64Invalido, decodificar


def _em_pedacos(corpo: bytes, cortes: list[int]) -> list[bytes]:
    pontos = sorted({min(c, len(corpo)) for c in cortes})
    return [corpo[a:b] for a, b in zip([0, *pontos], [*pontos, len(corpo)], strict=True)]


@st.composite
def _corpos(draw) -> tuple[bytes, bytes]:
    """(original bytes, a body the module would decode to them)."""
    original = draw(st.binary(max_size=3000))
    texto = base64.b64encode(original).decode()
    if draw(st.booleans()):
        texto = "\r\n".join(texto[i : i + 76] for i in range(0, len(texto), 76))  # MIME lines
    forma = draw(st.sampled_from(["json", "json-barras", "json-unicode", "cru"]))
    if forma == "json":
        corpo = json.dumps(texto)
    elif forma == "json-barras":
        corpo = json.dumps(texto).replace("/", "\\/")  # PHP's json_encode escapes slashes
    elif forma == "json-unicode":
        corpo = json.dumps(texto).replace("+", "\\u002B")
    else:
        corpo = texto
    espacos = st.text(alphabet=" \r\n\t", max_size=3)
    return original, (draw(espacos) + corpo + draw(espacos)).encode("ascii")


@given(_corpos(), st.lists(st.integers(min_value=0, max_value=4200), max_size=12))
def test_os_bytes_saem_iguais_onde_quer_que_a_rede_corte(caso, cortes):
    original, corpo = caso
    assert b"".join(decodificar(_em_pedacos(corpo, cortes))) == original


@pytest.mark.parametrize(
    ("texto", "motivo"),
    [
        ('"QUJD*EVG"', "fora do alfabeto base64"),
        ('"QUJD" "RE"', "texto depois do fim da string JSON"),
        ('"QUJDREVG', "não foi fechada"),
        ("QUJDREV", "sobraram 3 caracteres"),
        ('"QUJD\\"REVG"', "depois do fim da string JSON|sobraram"),  # an escaped quote is not base64
        ('"QUJ\\bD"', r"sequência de escape \\b"),
        ("QU\\/JD", "barra invertida num base64 que não está entre aspas"),
        ('"QUJD\\u00e9REVG"', r"sequência de escape \\u00e9"),
    ],
)
def test_o_que_nao_e_base64_e_recusado_com_o_motivo(texto, motivo):
    corpo = texto.encode("ascii")
    for tamanho in (1, 3, len(corpo)):
        with pytest.raises(Base64Invalido, match=motivo):
            list(decodificar(corpo[i : i + tamanho] for i in range(0, len(corpo), tamanho)))
