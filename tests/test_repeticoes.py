"""Retries follow the operation: reads and part downloads are repeated, what moves a trâmite is not.

A scripted server on loopback (HTTP timing is the subject): each route answers from a queue of
behaviours — an answer, a 503, or a hang longer than the client's read timeout.
"""

from __future__ import annotations

import base64
import json
import threading
from collections import defaultdict, deque

import pytest
from flask import Flask, Response
from werkzeug.serving import make_server

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeConexao, ParteInterrompida, RespostaInesperada
from tramita_homologacao.cliente.falhas import TEMPO_DE_RESPOSTA
from tramita_homologacao.cliente.repeticao import operacao_idempotente
from tramita_homologacao.evidencia.http import descrever_troca
from tramita_homologacao.protocolo.hashes import hash_de_bytes

LEITURA_SEGUNDOS = 3.0  # the client's read timeout (a loaded machine answers far faster); a hang outlasts it
PENDURAR, INDISPONIVEL = "pendurar", "indisponivel"
CORTAR, PARAR_NO_MEIO = "cortar", "parar no meio"  # a part's body: the connection drops, or goes silent, half-way


CONTEUDO = bytes(range(256)) * 8  # the component the scripted server serves in parts


def _tramite(situacao: int) -> dict:
    return {
        "tramites": [
            {
                "IDT": 7,
                "NRE": "0000000000000007",
                "situacaoAtual": situacao,
                "remetente": {"identificacaoDoRepositorioDeEstruturas": 1, "numeroDeIdentificacaoDaEstrutura": 10},
                "destinatario": {"identificacaoDoRepositorioDeEstruturas": 2, "numeroDeIdentificacaoDaEstrutura": 20},
                "dataHoraDeRegistroDoTramite": "2026-11-27T10:00:00-03:00",
            }
        ]
    }


class Roteiro:
    """What the server does at each call of a route, and how many calls each route got."""

    def __init__(self) -> None:
        self.fila: dict[str, deque] = defaultdict(deque)
        self.chamadas: dict[str, int] = defaultdict(int)
        self.situacao = 8
        self.solto = threading.Event()

    def proxima(self, rota: str):
        self.chamadas[rota] += 1
        return self.fila[rota].popleft() if self.fila[rota] else None


@pytest.fixture
def servidor():
    roteiro = Roteiro()
    app = Flask(__name__)

    def responder(rota: str, resposta):
        comportamento = roteiro.proxima(rota)
        if callable(comportamento):
            comportamento()
            return "", 204
        if comportamento == PENDURAR:
            roteiro.solto.wait(30)
            return "", 204
        if comportamento == INDISPONIVEL:
            return {"codigoErro": "0503", "mensagem": "Serviço indisponível"}, 503
        return resposta()

    @app.get("/v3/tramites")
    def consultar():
        return responder("consulta", lambda: _tramite(roteiro.situacao))

    @app.get("/v3/tramites/7/ciencia")
    def ciencia():
        return responder("ciencia", lambda: ("", 204))

    @app.post("/v3/tramites/7/recusa")
    def recusa():
        return responder("recusa", lambda: ("", 204))

    @app.post("/v3/tramites/processo")
    def processo():
        return responder("processo", lambda: {"IDT": 7, "NRE": "1", "ticketParaEnvioDeComponentesDigitais": 1})

    @app.post("/v3/tramites/7/protocolos/componentes-digitais/partes/<int:inicio>-<int:fim>")
    def parte(inicio: int, fim: int):
        corpo = b'"' + base64.b64encode(CONTEUDO[inicio:fim]) + b'"'
        comportamento = roteiro.fila["parte"][0] if roteiro.fila["parte"] else None
        if isinstance(comportamento, tuple):  # (body, content type): exactly these bytes
            roteiro.proxima("parte")
            return Response(comportamento[0], content_type=comportamento[1])
        if comportamento in (CORTAR, PARAR_NO_MEIO):
            roteiro.proxima("parte")
            return Response(_pela_metade(corpo, comportamento), headers={"Content-Length": str(len(corpo))})
        return responder("parte", lambda: Response(corpo, content_type="application/json"))

    def _pela_metade(corpo: bytes, comportamento: str):
        yield corpo[: len(corpo) // 2]
        if comportamento == PARAR_NO_MEIO:
            roteiro.solto.wait(30)
        raise ConnectionAbortedError("o servidor do teste cortou a resposta no meio")

    servidor = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=servidor.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    cliente = ClienteTramita(
        f"http://127.0.0.1:{servidor.server_port}/v3/", tentativas=2, timeout_leitura=LEITURA_SEGUNDOS
    )
    cliente.sessao.get_adapter(cliente.url_base).max_retries.backoff_factor = 0
    yield roteiro, cliente
    roteiro.solto.set()
    cliente.fechar()
    servidor.shutdown()


def _aplicar_e_pendurar(roteiro: Roteiro, situacao: int):
    """The server applies the change, then the answer is lost (it hangs past the read timeout)."""

    def aplicar():
        roteiro.situacao = situacao
        roteiro.solto.wait(30)

    return aplicar


@pytest.mark.parametrize(
    ("metodo", "caminho", "idempotente"),
    [
        ("GET", "/interoperabilidade/rest/v3/tramites?IDT=7", True),
        ("GET", "/interoperabilidade/rest/v3/tramites/7/recibo?IDT=7", True),
        ("HEAD", "/interoperabilidade/rest/v3/healthcheck", True),
        ("GET", "/interoperabilidade/rest/v3/tramites/7/ciencia?IDT=7", False),
        ("POST", "/interoperabilidade/rest/v3/tramites/7/protocolos/componentes-digitais/partes/0-1024", True),
        ("POST", "/interoperabilidade/rest/v3/tramites/processo", False),
        ("POST", "/interoperabilidade/rest/v3/tramites/7/recibo", False),
        ("POST", "/interoperabilidade/rest/v3/tramites/7/recusa", False),
        ("DELETE", "/interoperabilidade/rest/v3/tramites/7?IDT=7", False),
        ("PUT", "/v3/tickets-de-envio-de-componente/1/protocolos/componentes-a-enviar/partes/0-1024", False),
    ],
)
def test_regra_de_repeticao_por_operacao(metodo, caminho, idempotente):
    assert operacao_idempotente(metodo, caminho) is idempotente


def test_consulta_que_nao_responde_e_repetida(servidor):
    roteiro, cliente = servidor
    roteiro.fila["consulta"].append(PENDURAR)
    assert cliente.consultar_tramite(7).situacao == 8
    assert roteiro.chamadas["consulta"] == 2


def test_parte_do_componente_e_baixada_de_novo_depois_de_503_e_de_tempo_esgotado(servidor, tmp_path):
    roteiro, cliente = servidor
    cliente.tamanho_bloco = 1024
    roteiro.fila["parte"].extend([INDISPONIVEL, "ok", PENDURAR])
    destino = tmp_path / "componente"
    cliente.baixar_componente_digital(7, "P", "H", 2048, destino)
    assert destino.read_bytes() == CONTEUDO
    assert roteiro.chamadas["parte"] == 4  # 2 parts, each tried twice


def test_ciencia_aplicada_cuja_resposta_se_perdeu_nao_e_repetida(servidor):
    roteiro, cliente = servidor
    roteiro.fila["ciencia"].append(_aplicar_e_pendurar(roteiro, 9))
    cliente.dar_ciencia_da_recusa(7)
    assert roteiro.chamadas["ciencia"] == 1 and roteiro.chamadas["consulta"] == 1


def test_ciencia_nao_aplicada_e_enviada_mais_uma_vez_depois_de_conferir(servidor):
    roteiro, cliente = servidor
    roteiro.fila["ciencia"].append(PENDURAR)
    cliente.dar_ciencia_da_recusa(7)
    assert roteiro.chamadas["ciencia"] == 2 and roteiro.chamadas["consulta"] == 1


def test_ciencia_com_503_nao_e_repetida_apesar_do_verbo_get(servidor):
    roteiro, cliente = servidor
    roteiro.fila["ciencia"].append(INDISPONIVEL)
    with pytest.raises(ErroDaApi) as erro:
        cliente.dar_ciencia_da_recusa(7)
    assert erro.value.http_status == 503 and roteiro.chamadas["ciencia"] == 1


def test_recusa_aplicada_cuja_resposta_se_perdeu_nao_e_repetida(servidor):
    roteiro, cliente = servidor
    roteiro.situacao = 4
    roteiro.fila["recusa"].append(_aplicar_e_pendurar(roteiro, 8))
    cliente.recusar_tramite(7, "justificativa", "01")
    assert roteiro.chamadas["recusa"] == 1


def test_envio_de_processo_sem_resposta_nao_e_repetido_e_diz_tempo_esgotado(servidor):
    roteiro, cliente = servidor
    roteiro.fila["processo"].append(PENDURAR)
    with pytest.raises(ErroDeConexao) as erro:
        cliente.enviar_processo({}, {})
    assert roteiro.chamadas["processo"] == 1
    assert TEMPO_DE_RESPOSTA in str(erro.value)


@pytest.mark.parametrize(
    ("corpo", "tipo"),
    [
        (b'"' + base64.b64encode(bytes(range(256))) + b'"', "application/json"),  # the simulator's, the spec's
        (json.dumps(base64.b64encode(bytes(range(256))).decode()).replace("/", "\\/").encode(), "application/json"),
        (base64.b64encode(bytes(range(256))) + b"\n", "text/plain"),  # raw base64 text, also accepted
        (base64.encodebytes(bytes(range(256))), "text/plain"),  # MIME lines of 76: base64_decode ignores the breaks
    ],
    ids=["string-json", "string-json-com-barras-escapadas", "texto-cru", "texto-cru-em-linhas"],
)
def test_a_parte_baixada_e_lida_em_qualquer_forma_que_o_modulo_aceita(servidor, corpo, tipo, tmp_path):
    roteiro, cliente = servidor
    roteiro.fila["parte"].append((corpo, tipo))
    vistas = []
    cliente.observadores.append(lambda operacao, resposta: vistas.append(descrever_troca(resposta)[1]))
    assert cliente.baixar_componente_digital(7, "P", "H", 256, tmp_path / "parte") == (
        hash_de_bytes(bytes(range(256))),
        256,
    )
    assert (tmp_path / "parte").read_bytes() == bytes(range(256))
    assert "gravada em disco à medida que chegou" in vistas[0]  # the evidence never holds the part


@pytest.mark.parametrize("comportamento", [CORTAR, PARAR_NO_MEIO])
def test_parte_cortada_no_meio_e_pedida_de_novo_e_o_arquivo_fica_inteiro(servidor, tmp_path, comportamento):
    roteiro, cliente = servidor
    cliente.tamanho_bloco = 1024
    roteiro.fila["parte"].extend(["ok", comportamento])
    destino = tmp_path / "componente"
    assert cliente.baixar_componente_digital(7, "P", "H", 2048, destino) == (hash_de_bytes(CONTEUDO), 2048)
    assert destino.read_bytes() == CONTEUDO
    assert roteiro.chamadas["parte"] == 3  # the second part, twice


def test_parte_cortada_todas_as_vezes_diz_o_que_fazer(servidor, tmp_path):
    roteiro, cliente = servidor
    roteiro.fila["parte"].extend([CORTAR] * 3)
    with pytest.raises(ParteInterrompida) as erro:
        cliente.baixar_componente_digital(7, "P", "H", 2048, tmp_path / "componente")
    assert roteiro.chamadas["parte"] == 3  # the first try and the client's 2 repetitions
    assert "interrompido no meio da resposta 3 vez(es)" in str(erro.value)
    assert "diminua tamanho_bloco_mb" in str(erro.value)


@pytest.mark.parametrize(
    ("corpo", "motivo"),
    [
        (b'"' + base64.b64encode(CONTEUDO[:1000]) + b'"', "a parte veio com 1000 bytes, e não os 2048 pedidos"),
        (b'"<html>erro</html>"', "não está em base64"),
        (b'"' + base64.b64encode(CONTEUDO)[:-2], "a string JSON não foi fechada"),
    ],
    ids=["parte-curta", "html", "resposta-cortada-sem-aspas"],
)
def test_parte_fora_do_esperado_e_recusada_com_o_motivo(servidor, tmp_path, corpo, motivo):
    roteiro, cliente = servidor
    roteiro.fila["parte"].append((corpo, "application/json"))
    with pytest.raises(RespostaInesperada) as erro:
        cliente.baixar_componente_digital(7, "P", "H", 2048, tmp_path / "componente")
    assert motivo in str(erro.value)
