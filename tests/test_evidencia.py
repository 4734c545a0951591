"""HTTP evidence: secrets redacted, component bytes summarised, identical polls counted once."""

import contextlib
import json

import pytest
import requests
from requests_toolbelt import MultipartEncoder

from tramita_homologacao.evidencia import http
from tramita_homologacao.evidencia.http import AnexadorHttp, descrever_troca, redigir


def resposta_falsa(corpo: bytes | str | None, cabecalhos: dict, texto: str = '{"ok": true}') -> requests.Response:
    preparada = requests.Request("POST", "https://exemplo.gov.br/api/tramites", headers=cabecalhos).prepare()
    preparada.body = corpo
    resposta = requests.Response()
    resposta.request, resposta.status_code, resposta.reason = preparada, 200, "OK"
    resposta.headers["Content-Type"] = "application/json"
    resposta._content = texto.encode()
    return resposta


def test_segredos_nunca_aparecem():
    corpo = json.dumps({"cabecalho": {"senha_certificado": "s3nh4-f0rt3", "nested": [{"token": "abc123"}]}}).encode()
    requisicao, _ = descrever_troca(resposta_falsa(corpo, {"Authorization": "Bearer abc123", "Cookie": "x=abc123"}))
    assert "s3nh4-f0rt3" not in requisicao and "abc123" not in requisicao
    assert requisicao.count("***") == 4
    assert redigir({"privateKey": "k", "nome": "ANEX"}) == {"privateKey": "***", "nome": "ANEX"}


def test_conteudo_do_componente_e_resumido():
    corpo = MultipartEncoder(
        fields=[("conteudo", ("conteudo.html", b"%PDF" * 1000, "text/html")), ("protocolo", "123")]
    )
    requisicao, _ = descrever_troca(resposta_falsa(corpo, {}))
    assert "%PDF" not in requisicao and "bytes no total" in requisicao and "protocolo: 123" in requisicao


@pytest.fixture
def anexos(monkeypatch) -> list[tuple[str, str]]:
    """What the anexador attaches, outside any Allure test (its steps become no-ops)."""
    feitos: list[tuple[str, str]] = []
    monkeypatch.setattr(http.allure, "attach", lambda corpo, name, attachment_type: feitos.append((name, corpo)))
    monkeypatch.setattr(http.allure, "step", lambda titulo: contextlib.nullcontext())
    return feitos


def test_consultas_identicas_sao_contadas(anexos):
    anexador = AnexadorHttp()
    for texto in ['{"s": 2}', '{"s": 2}', '{"s": 2}', '{"s": 3}']:
        anexador("Consulta de trâmites", resposta_falsa(b"{}", {}, texto))
    assert len(anexos) == 4  # two exchanges, request + response each
    assert [nome for nome, _ in anexos[:2]] == [
        "requisição: Consulta de trâmites",
        "resposta: Consulta de trâmites (HTTP 200)",
    ]
    assert "se repetiu antes 2 vez(es)" in anexos[-1][1]


def test_cada_cenario_comeca_sem_a_contagem_do_anterior(anexos):
    anexador = AnexadorHttp()
    for _ in range(3):
        anexador("Consulta de trâmites", resposta_falsa(b"{}", {}, '{"s": 2}'))
    anexador.reiniciar()
    anexador("Consulta de trâmites", resposta_falsa(b"{}", {}, '{"s": 2}'))
    assert len(anexos) == 4 and "se repetiu" not in anexos[-1][1]
