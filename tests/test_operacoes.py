"""The API is written once: the operation table is the documentation's, and client and simulator are built on it."""

from __future__ import annotations

import re

import pytest

from tests.apoio.cobertura_da_api import ARQUIVO, RAIZ, gerar, servidas_pelo_simulador, usadas_pelo_cliente
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.protocolo.operacoes import OPERACOES, chamada

LINHA = re.compile(r"^\| (2\.[\d.]+) \| (GET|POST|PUT|DELETE) \| (.+?) \| .+\|$", re.MULTILINE)
FORA_DA_API = {"2.23": "serviço de pendências, outro servidor"}


def _da_documentacao() -> set[tuple[str, str, str]]:
    """(seção, método, caminho com cada parâmetro como {}) de cada linha da tabela §2 de docs/api-tramita.md."""
    texto = (RAIZ / "docs" / "api-tramita.md").read_text(encoding="utf-8")
    linhas = set()
    for secao, metodo, celula in LINHA.findall(texto):
        if secao in FORA_DA_API:
            continue
        caminhos = re.findall(r"`([^`]+)`", celula)
        for caminho in caminhos:
            caminho = caminho.replace("...", caminhos[0])
            linhas.add((secao, metodo, re.sub(r"\{\w+\}", "{}", caminho)))
    return linhas


def test_a_tabela_de_operacoes_e_a_da_documentacao():
    documentadas = _da_documentacao()
    assert len(documentadas) >= 22
    assert {(o.secao, o.metodo, o.forma) for o in OPERACOES.values()} == documentadas


def test_cada_rota_da_api_do_simulador_e_uma_operacao_da_tabela():
    servidas = servidas_pelo_simulador()
    assert servidas <= set(OPERACOES)
    assert "reproduzir_ultimo_tramite" not in servidas  # não implementada: está na cobertura como tal
    assert {"enviar_processo", "receber_recibo_de_tramite", "cancelar_tramite"} <= servidas


def test_o_cliente_so_chama_operacoes_da_tabela():
    assert usadas_pelo_cliente() <= set(OPERACOES)
    assert len(usadas_pelo_cliente()) >= 20


def test_a_cobertura_publicada_esta_em_dia():
    assert ARQUIVO.read_text(encoding="utf-8") == gerar(), "rode: python -m tests.apoio.cobertura_da_api"


def test_chamada_preenche_o_caminho_e_o_nome():
    parte = chamada("baixar_parte_de_componente_digital", idt=7, inicio=0, fim=10)
    assert (parte.metodo, parte.caminho) == ("POST", "tramites/7/protocolos/componentes-digitais/partes/0-10")
    assert parte.nome == "Recebimento da parte 0-10 do componente digital"
    with pytest.raises(KeyError):
        chamada("solicitar_metadados")  # falta o IDT


def test_operacao_fora_da_versao_nao_existe_no_simulador(simulador, monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(OPERACOES, "listar_especies", replace(OPERACOES["listar_especies"], versoes=("v4",)))
    cliente = ClienteTramita(simulador.url_raiz + "interoperabilidade/rest/v3/", tentativas=0)
    with pytest.raises(ErroDaApi, match="não existe na versão 'v3'") as erro:
        cliente.listar_especies()
    assert erro.value.http_status == 404
    assert cliente.listar_hipoteses_legais()  # as outras continuam
