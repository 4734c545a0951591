"""Whatever a client sends, the simulator answers a 4xx JSON that says what is wrong (or succeeds): never a 500.

Random JSON bodies (keys drawn from the API's own field names, so that validation goes deep), random path
numbers and query parameters, thrown at every route of the API and of the control API, in process.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.apoio.simulador import ORGAO
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.servidor import Simulador

CAMPOS = [
    "processo", "documento", "documentos", "cabecalho", "remetente", "destinatario", "protocolo", "hash", "conteudo",
    "algoritmo", "especie", "codigo", "nivelDeSigilo", "hipoteseLegal", "identificacao", "componentesDigitais",
    "tamanhoEmBytes", "nome", "mimeType", "tipoDeConteudo", "produtor", "tipo", "dataHoraDeProducao", "ordem",
    "descricao", "interessados", "identificacaoDoRepositorioDeEstruturas", "numeroDeIdentificacaoDaEstrutura",
    "motivo", "justificativa", "dataDeRecebimento", "hashDaAssinatura", "hashDoComponenteDigital", "comportamento",
    "acao", "idt", "segundos", "atrasoSegundos", "defeito", "marca", "retirado", "staTipoProtocolo",
]  # fmt: skip
SISTEMAS = [ORGAO, "SEI-ORGAO1", "SEI-ORGAO2", "SEI-MGI", "NINGUEM", ""]

folhas = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=30)
json_aleatorio = st.recursive(
    folhas,
    lambda filhos: (
        st.lists(filhos, max_size=4)
        | st.dictionaries(st.sampled_from(CAMPOS) | st.text(max_size=8), filhos, max_size=6)
    ),
    max_leaves=25,
)
numero_de_caminho = st.integers(0, 2**63).map(str) | st.sampled_from(["5001", "1", "0", "-1", "999999999999999999999"])


@pytest.fixture(scope="module")
def app():
    simulador = Simulador(sistema_padrao=ORGAO)
    yield simulador.app
    simulador.parar()


def _rotas(app) -> list[tuple[str, str]]:
    return sorted(
        (metodo, regra.rule)
        for regra in app.url_map.iter_rules()
        if regra.endpoint != "static"
        for metodo in regra.methods - {"HEAD", "OPTIONS"}
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dados=st.data())
def test_nenhuma_entrada_produz_500(app, dados):
    metodo, regra = dados.draw(st.sampled_from(_rotas(app)), label="rota")
    caminho = regra.replace("<versao>", dados.draw(st.sampled_from(["v3", "v4", "x"])))
    while "<" in caminho:
        inicio, fim = caminho.index("<"), caminho.index(">")
        variavel = caminho[inicio + 1 : fim]
        valor = dados.draw(numero_de_caminho if variavel.startswith("int:") else st.sampled_from(SISTEMAS[:4]))
        caminho = caminho[:inicio] + valor + caminho[fim + 1 :]
    parametros = dados.draw(
        st.dictionaries(st.sampled_from(["IDT", "NRE", "depois", "ativos", "todas"]), st.text(max_size=12), max_size=3)
    )
    cabecalhos = {CABECALHO_SISTEMA: dados.draw(st.sampled_from(SISTEMAS))}
    corpo = dados.draw(json_aleatorio, label="corpo")
    resposta = app.test_client().open(caminho, method=metodo, json=corpo, query_string=parametros, headers=cabecalhos)
    assert resposta.status_code < 500, (metodo, caminho, corpo, resposta.get_data(as_text=True)[:500])
    if resposta.status_code >= 400:
        assert resposta.is_json and resposta.get_json()["mensagem"], resposta.get_data(as_text=True)[:300]


def test_o_simulador_continua_respondendo(app):
    assert app.test_client().get("/interoperabilidade/rest/v3/healthcheck").status_code == 200


def _caminhos(valor, prefixo=()):
    """Every place in a JSON tree (dict keys, list indexes), the root included."""
    yield prefixo
    filhos = valor.items() if isinstance(valor, dict) else enumerate(valor) if isinstance(valor, list) else ()
    for chave, filho in filhos:
        yield from _caminhos(filho, (*prefixo, chave))


def _trocar(valor, caminho, novo):
    if not caminho:
        return novo
    copia = dict(valor) if isinstance(valor, dict) else list(valor)
    copia[caminho[0]] = _trocar(valor[caminho[0]], caminho[1:], novo)
    return copia


@pytest.fixture(scope="module")
def envio_valido(tmp_path_factory) -> dict:
    from tests.apoio.simulador import envio_valido

    return envio_valido(tmp_path_factory.mktemp("processo"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dados=st.data())
def test_um_campo_trocado_num_envio_valido_nunca_produz_500(app, envio_valido, dados):
    """Validation reached in depth: one field of a processo the platform accepts, replaced by anything."""
    caminho = dados.draw(st.sampled_from(list(_caminhos(envio_valido))), label="campo")
    corpo = _trocar(envio_valido, caminho, dados.draw(json_aleatorio, label="valor"))
    resposta = app.test_client().post("/interoperabilidade/rest/v3/tramites/processo", json=corpo)
    assert resposta.status_code < 500, (caminho, resposta.get_data(as_text=True)[:500])
    if resposta.status_code >= 400:
        assert resposta.is_json and resposta.get_json()["mensagem"]


def test_corpo_grande_demais_e_413_em_json(app):
    corpo = b'{"x": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    resposta = app.test_client().post(
        "/interoperabilidade/rest/v3/tramites/processo", data=corpo, content_type="application/json"
    )
    assert resposta.status_code == 413
    assert "Requisição grande demais (limite: 10485760 bytes)" in resposta.get_json()["mensagem"]


def test_json_aninhado_demais_e_400(app):
    corpo = b"[" * 50_000 + b"]" * 50_000
    resposta = app.test_client().post(
        "/interoperabilidade/rest/v3/tramites/processo", data=corpo, content_type="application/json"
    )
    assert resposta.status_code == 400 and "aninhado demais" in resposta.get_json()["mensagem"]


def test_ninguem_forja_uma_linha_do_log_de_acesso(app, caplog):
    caplog.set_level("INFO", logger="tramita_homologacao.simulador.acesso")
    app.test_client().get("/interoperabilidade/rest/v3/tramites%0A12:00:00 GET /forjado → HTTP 200")
    [linha] = [r.getMessage() for r in caplog.records if r.name == "tramita_homologacao.simulador.acesso"]
    assert "\n" not in linha and "tramites\\x0a12:00:00" in linha
