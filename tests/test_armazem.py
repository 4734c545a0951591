"""The simulator's store: a component kept as the parts it arrived in, read back in blocks of exactly the asked
size whatever parts a block spans (the download encodes each block to base64 on its own)."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tramita_homologacao.simulador.armazem import Armazem, Fatia


@settings(max_examples=60, deadline=None)
@given(
    tamanhos=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
    bloco=st.integers(min_value=1, max_value=17),
    recorte=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
def test_fatia_em_blocos_exatos_atraves_das_partes(tamanhos, bloco, recorte):
    armazem = Armazem()
    try:
        conteudo = os.urandom(sum(tamanhos))
        pedacos, inicio = [], 0
        for tamanho in tamanhos:
            with armazem.chegada() as chegada:
                chegada.write(conteudo[inicio : inicio + tamanho])
                pedacos.append(chegada.adotar(inicio))
            inicio += tamanho
        de, ate = sorted(int(f * len(conteudo)) for f in recorte)
        blocos = list(Fatia(tuple(pedacos), de, ate).blocos(bloco))
        assert b"".join(blocos) == conteudo[de:ate]
        assert all(len(b) == bloco for b in blocos[:-1]) and all(0 < len(b) <= bloco for b in blocos)
    finally:
        armazem.fechar()


def test_chegada_nao_adotada_some_ao_fechar():
    armazem = Armazem()
    try:
        with armazem.chegada() as recusada:
            recusada.write(b"recusada")
        with armazem.chegada() as adotada:
            adotada.write(b"adotada")
            pedaco = adotada.adotar(10)
        assert not recusada.arquivo.exists()
        assert pedaco.arquivo.read_bytes() == b"adotada" and (pedaco.inicio, pedaco.fim) == (10, 17)
    finally:
        armazem.fechar()
    assert not armazem.pasta.exists()
