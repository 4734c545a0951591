"""The simulator rejects what the platform would, rule by rule, and names the field, the rule and its source.

A processo the platform accepts (the harness's own) with one field changed: every rule of the table gets a
violating value, and the lenient cases found before (sigiloso, dates like "ontem", unknown producer types…) each
have a row. The harness's own processos passing every feature is the other half (the whole suite).
"""

from __future__ import annotations

import copy

import pytest

from tests.apoio.simulador import ORGAO, envio_valido
from tramita_homologacao.simulador.regras import INFERIDO, REGRAS, Regra
from tramita_homologacao.simulador.semente import ARQUIVO_PADRAO
from tramita_homologacao.simulador.servidor import Simulador

CANDIDATOS = ["3", "ontem", "marciano", -1, "x" * 501, 1.5, ["lista"], {"objeto": 1}, True, "", 2**40]


@pytest.fixture(scope="module")
def simulador():
    with Simulador(sistema_padrao=ORGAO) as simulador:
        yield simulador


@pytest.fixture(scope="module")
def envio(tmp_path_factory) -> dict:
    return envio_valido(tmp_path_factory.mktemp("processo"))


def _enviar(simulador, corpo: dict):
    return simulador.app.test_client().post("/interoperabilidade/rest/v3/tramites/processo", json=corpo)


def _caminho_concreto(regra: Regra) -> list[str | int]:
    """The rule's path in the processo, every list at its first item (`*` is the processo itself)."""
    partes: list[str | int] = []
    for parte in regra.campo.split("."):
        nome = "processo" if parte == "*" else parte.removesuffix("[]")
        partes.append(nome)
        if parte.endswith("[]"):
            partes.append(0)
    return partes


def _trocar(corpo: dict, caminho: list[str | int], valor: object) -> dict:
    copia = copy.deepcopy(corpo)
    alvo = copia
    for parte in caminho[:-1]:
        alvo = alvo[parte]
    if valor is _APAGAR:
        del alvo[caminho[-1]]
    else:
        alvo[caminho[-1]] = valor
    return copia


_APAGAR = object()


def test_o_envio_de_base_e_aceito(simulador, envio):
    assert _enviar(simulador, envio).status_code == 200


@pytest.mark.parametrize("regra", REGRAS, ids=lambda r: r.campo)
def test_cada_regra_recusa_o_que_a_viola(simulador, envio, regra):
    caminho = _caminho_concreto(regra)
    valor = next(c for c in CANDIDATOS if not regra.aceita(c))
    resposta = _enviar(simulador, _trocar(envio, caminho, valor))
    assert resposta.status_code == 400, resposta.get_data(as_text=True)
    mensagem = resposta.get_json()["mensagem"]
    assert regra.regra in mensagem and regra.fonte in mensagem and regra.etiqueta in mensagem
    assert ("regra inferida" in mensagem) is (regra.etiqueta == INFERIDO)
    if regra.obrigatorio:
        ausente = _enviar(simulador, _trocar(envio, caminho, _APAGAR))
        assert ausente.status_code == 400 and "campo obrigatório ausente" in ausente.get_json()["mensagem"]


DOC = ["processo", "documentos", 0]
COMP = [*DOC, "componentesDigitais", 0]


@pytest.mark.parametrize(
    ("caminho", "valor", "trecho"),
    [
        (["processo", "nivelDeSigilo"], "3", "processo.nivelDeSigilo: valor fora da regra"),
        ([*COMP, "mimeType"], "application/x-inexistente", "componentesDigitais[1].mimeType: valor fora da regra"),
        ([*COMP, "tipoDeConteudo"], "zip", "tipoDeConteudo: valor fora da regra"),
        ([*DOC, "produtor"], _APAGAR, "processo.documentos[1].produtor.nome: campo obrigatório ausente"),
        ([*DOC, "dataHoraDeProducao"], _APAGAR, "documentos[1].dataHoraDeProducao: campo obrigatório ausente"),
        ([*DOC, "ordem"], _APAGAR, "processo.documentos[1].ordem: campo obrigatório ausente"),
        (["processo", "dataHoraDeProducao"], "ontem", "processo.dataHoraDeProducao: valor fora da regra"),
        (["processo", "dataHoraDeProducao"], "31/02/2026", "processo.dataHoraDeProducao: valor fora da regra"),
        (["processo", "dataHoraDeProducao"], "2026-02-31T10:00:00-03:00", "dataHoraDeProducao: valor fora da regra"),
        ([*COMP, "nome"], "a" * 500 + ".pdf", "componentesDigitais[1].nome: valor fora da regra"),
        (["processo", "produtor", "tipo"], "marciano", "processo.produtor.tipo: valor fora da regra"),
        ([*COMP, "hash", "conteudo"], 12345, "hash.conteudo deve ser um texto"),
        (["processo", "protocolo"], {"numero": 1}, "processo.protocolo deve ser um texto"),
        ([*COMP, "tamanhoEmBytes"], 2**40, "tamanhoEmBytes: valor fora da regra; deve ser inteiro de até"),
    ],
    ids=[
        "sigiloso", "mime-inexistente", "tipo-de-conteudo", "sem-produtor", "sem-data", "sem-ordem", "data-ontem",
        "data-brasileira", "31-de-fevereiro", "nome-de-500", "produtor-marciano", "hash-numero", "protocolo-objeto",
        "tamanho-declarado-de-1-TiB",
    ],
)  # fmt: skip
def test_casos_que_o_simulador_aceitava(simulador, envio, caminho, valor, trecho):
    resposta = _enviar(simulador, _trocar(envio, caminho, valor))
    assert resposta.status_code == 400 and trecho in resposta.get_json()["mensagem"], resposta.get_data(as_text=True)


def test_hipotese_legal_inativa_e_recusada(envio, tmp_path):
    semente = tmp_path / "semente.toml"
    semente.write_text(
        ARQUIVO_PADRAO.read_text(encoding="utf-8")
        + '\n[[hipoteses]]\nidentificacao = 99\nnome = "Revogada"\nbase_legal = "—"\nativa = false\n',
        encoding="utf-8",
    )
    with Simulador(semente=semente, sistema_padrao=ORGAO) as simulador:
        restrito = _trocar(envio, ["processo", "nivelDeSigilo"], "2")
        restrito = _trocar(restrito, ["processo", "hipoteseLegal"], {"identificacao": 99})
        resposta = _enviar(simulador, restrito)
    assert resposta.status_code == 400
    assert "processo.hipoteseLegal.identificacao 99 desconhecida ou inativa" in resposta.get_json()["mensagem"]
