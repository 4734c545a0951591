"""The client against the simulator over real HTTP on loopback."""

from __future__ import annotations

import base64
import os
import socket
import threading

import pytest
import requests
from flask import Flask
from werkzeug.serving import make_server

from tests.apoio.simulador import DISIS, ORGAO3, arquivos_de, cabecalho, cliente_do_sistema
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeConexao
from tramita_homologacao.protocolo.hashes import hash_de_arquivo, hash_de_bytes
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, formatar_data_recibo
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.armazem import Armazem

S = Situacao


def caminhos_chamados(cliente: ClienteTramita) -> list[str]:
    chamados: list[str] = []
    cliente.sessao.hooks["response"].append(
        lambda r, *a, **k: chamados.append(f"{r.request.method} {r.request.path_url}")
    )
    return chamados


def enviar_com_componente(remetente, processo, grande, hash_: str, tamanho: int):
    """The processo with `grande` in place of its first component, sent with every component."""
    dados = processo.como_json()
    dados["documentos"][0]["componentesDigitais"][0].update(
        nome="grande.bin", hash={"algoritmo": "SHA256", "conteudo": hash_}, tamanhoEmBytes=tamanho, mimeType="outro"
    )
    novo = remetente.enviar_processo(cabecalho(), dados)
    arquivos = arquivos_de(processo) | {hash_: grande}
    for h in novo.componentes_solicitados[processo.protocolo]:
        remetente.enviar_componente_digital(novo.ticket, processo.protocolo, h, arquivos[h])
    return novo


def enviar(cliente, processo, destinatario=ORGAO3):
    novo = cliente.enviar_processo(cabecalho(destinatario=destinatario), processo.como_json())
    arquivos = arquivos_de(processo)
    for hash_ in novo.componentes_solicitados[processo.protocolo]:
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivos[hash_])
    return novo


def test_tramite_completo_pelos_dois_lados(simulador, cliente, processo, tmp_path):
    novo = enviar(cliente, processo)
    assert len(novo.nre) == 16 and novo.componentes_solicitados == {
        processo.protocolo: tuple(c.hash for c in processo.componentes)
    }
    recibo_de_envio = cliente.receber_recibo_de_envio(novo.idt)
    assert sorted(recibo_de_envio.hashes) == sorted(c.hash for c in processo.componentes)

    destino = cliente_do_sistema(simulador, "SEI-ORGAO3")
    assert [(p.idt, p.situacao) for p in destino.listar_pendencias()] == [(novo.idt, S(2))]
    metadados = destino.solicitar_metadados(novo.idt)
    assert metadados.nre == novo.nre and metadados.tipo == "P"
    assert metadados.protocolo["descricao"].startswith("TESTE – ANEX")
    tramite = destino.consultar_tramite(novo.idt)
    assert tramite.situacao == S(3)
    assert list(tramite.hashes_pendentes) == [c.hash for c in processo.componentes]
    for componente in metadados.componentes():
        arquivo = tmp_path / componente.nome
        destino.baixar_componente_digital(novo.idt, componente.protocolo, componente.hash, componente.tamanho, arquivo)
        assert hash_de_arquivo(arquivo) == (componente.hash, componente.tamanho)
    tramite = destino.consultar_tramite(novo.idt)
    assert tramite.situacao == S(4) and tramite.hashes_pendentes == ()
    data = formatar_data_recibo(tramite.mudancas[-1].data_hora)
    xml = RECIBO_DE_CONCLUSAO.xml(novo.idt, novo.nre, data, [c.hash for c in processo.componentes])
    destino.enviar_recibo_de_tramite(novo.idt, data, simulador.plataforma.chaves_de("SEI-ORGAO3").assinar(xml))

    assert [(p.idt, p.situacao) for p in cliente.listar_pendencias()] == [(novo.idt, S(5))]
    recibo = cliente.receber_recibo_de_tramite(novo.idt)
    assert recibo.data == data and sorted(recibo.hashes) == sorted(c.hash for c in processo.componentes)
    assert recibo.cadeia_do_certificado.startswith("-----BEGIN CERTIFICATE-----")
    assert cliente.receber_recibo_de_tramite(novo.idt) == recibo  # read again in 6
    assert cliente.consultar_tramite(novo.idt).historico == [1, 2, 3, 4, 5, 6]


MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("bloco_mb", "tamanho", "partes"),
    [
        (1, 2 * MIB + 12345, ["0-1048576", "1048576-2097152", f"2097152-{2 * MIB + 12345}"]),
        (7, 14 * MIB + 1, ["0-7340032", "7340032-14680064", "14680064-14680065"]),
        (200, 200 * MIB + 3, ["0-209715200", "209715200-209715203"]),
        (500, 200 * MIB + 3, ["0-209715200", "209715200-209715203"]),  # the module's ceiling: 200 MB
        (0, MIB, ["0-1048576"]),  # and its floor: 1 MB (a component of exactly one block: one part)
    ],
    ids=["1MB", "7MB", "200MB", "acima-do-teto", "abaixo-do-piso"],
)
def test_componente_grande_vai_e_volta_em_partes(simulador, processo, tmp_path, bloco_mb, tamanho, partes):
    """Parts `[inicio, fim)` of the configured block, up and down, as the module's arithmetic (spec §2.11, §2.15)."""
    remetente = ClienteTramita(simulador.url_base, tamanho_bloco_mb=bloco_mb, tentativas=0)
    chamados = caminhos_chamados(remetente)
    grande = tmp_path / "grande.bin"
    with grande.open("wb") as arquivo:  # mostly a hole: only its ends are written, the rest reads as zeros
        arquivo.write(os.urandom(4096))
        arquivo.truncate(tamanho - 4096)
        arquivo.seek(0, os.SEEK_END)
        arquivo.write(os.urandom(4096))
    hash_, tamanho_lido = hash_de_arquivo(grande)
    assert tamanho_lido == tamanho
    novo = enviar_com_componente(remetente, processo, grande, hash_, tamanho)
    em_partes = [c.split("/partes/")[1] for c in chamados if "/partes/" in c]
    inteiros = [c for c in chamados if c.startswith("PUT") and c.endswith("/componentes-a-enviar")]
    solicitados = novo.componentes_solicitados[processo.protocolo]
    if len(partes) == 1:  # one block or less: whole, in one request, like the processo's other components
        assert em_partes == [] and len(inteiros) == len(solicitados)
    else:
        assert em_partes == [*partes, "sinalizacao-termino-envio"] and len(inteiros) == len(solicitados) - 1
    assert remetente.consultar_tramite(novo.idt).situacao == S(2)

    destino = cliente_do_sistema(simulador, "SEI-ORGAO3", tamanho_bloco_mb=bloco_mb)
    baixados = caminhos_chamados(destino)
    destino.solicitar_metadados(novo.idt)
    copia = tmp_path / "copia.bin"
    assert destino.baixar_componente_digital(novo.idt, processo.protocolo, hash_, tamanho, copia) == (hash_, tamanho)
    assert hash_de_arquivo(copia) == (hash_, tamanho)
    assert [c.rsplit("/", 1)[1] for c in baixados if "componentes-digitais" in c] == partes
    assert destino.consultar_tramite(novo.idt).hashes_pendentes == tuple(h for h in solicitados if h != hash_)


def test_multipart_como_o_modulo_php_envia(simulador, cliente, processo):
    """An unmodified SPE module: files= multipart with fixed name/type, and a default JSON Content-Type header."""
    novo = cliente.enviar_processo(cabecalho(), processo.como_json())
    url = f"{simulador.url_base}tickets-de-envio-de-componente/{novo.ticket}/protocolos/componentes-a-enviar"
    for componente in processo.componentes:
        resposta = requests.put(
            url,
            files=[
                ("conteudo", ("conteudo.html", componente.caminho.read_bytes(), "text/html")),
                ("hashDoComponenteDigital", (None, componente.hash, "text/plain")),
                ("protocolo", (None, processo.protocolo, "text/plain")),
            ],
            timeout=10,
        )
        assert resposta.status_code in (200, 204), resposta.text
    assert cliente.consultar_tramite(novo.idt).situacao == S(2)


def test_healthcheck_tolera_barra_dupla(simulador, cliente):
    cliente.healthcheck()
    assert requests.get(simulador.url_base + "/healthcheck", timeout=5).status_code == 200


def test_tabelas(cliente):
    assert {r.nome for r in cliente.listar_repositorios()} >= {"Poder Executivo Federal", "Órgãos/Entidades Legados"}
    estruturas, total = cliente.consultar_estruturas(2, registro_inicial=1, quantidade=2)
    assert total == 6 and len(estruturas) == 2  # the inactive unit is left out (apenasAtivas)
    (disis,), _ = cliente.consultar_estruturas(1, sigla="DISIS")
    assert disis.numero == DISIS.estrutura and disis.hierarquia == ("SEGES", "MGI")
    assert cliente.consultar_estrutura(1, 200110).nome == "Divisão de Gestão de Sistemas de Documentação e Informação"
    assert {"Ofício", "Despacho"} <= {e.nome for e in cliente.listar_especies()}
    assert all(h.ativa for h in cliente.listar_hipoteses_legais(ativas=True))
    assert [h.identificacao for h in cliente.listar_hipoteses_legais(ativas=False)] == [9]


def test_erros_da_api_trazem_codigo_mensagem_e_corpo(cliente):
    with pytest.raises(ErroDaApi) as erro:
        cliente.consultar_estrutura(1, 999999)
    assert (erro.value.http_status, erro.value.codigo_erro) == (404, "0055")
    assert "999999" in erro.value.mensagem and '"codigoErro"' in erro.value.corpo
    assert str(erro.value).startswith(
        "Consulta de estrutura organizacional: o Tramita.GOV.BR respondeu HTTP 404: 0055 - "
    )
    with pytest.raises(ErroDaApi) as erro:
        cliente.cancelar_tramite(424242)
    assert (erro.value.http_status, erro.value.codigo_erro) == (404, "0004")


def test_versao_da_api_configuravel(simulador):
    cliente_v4 = ClienteTramita(simulador.url_raiz + "interoperabilidade/rest/v4/", tentativas=0)
    with pytest.raises(ErroDaApi, match="Versão da API 'v4' não disponível"):
        cliente_v4.healthcheck()


def _porta_fechada() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_endpoint_inalcancavel_da_mensagem_clara():
    cliente = ClienteTramita(
        f"http://127.0.0.1:{_porta_fechada()}/interoperabilidade/rest/v3/", tentativas=0, timeout_conexao=2
    )
    with pytest.raises(ErroDeConexao) as erro:
        cliente.healthcheck()
    mensagem = str(erro.value)
    assert "Não foi possível conectar ao Tramita.GOV.BR" in mensagem and "conexão recusada" in mensagem
    assert "Verifique o endereço (url_api)" in mensagem


@pytest.fixture
def servidor_instavel():
    """Answers 503 twice to every path, then 200: counts the calls it received."""
    app = Flask("instavel")
    chamadas = {"GET": 0, "POST": 0}

    @app.route("/<path:caminho>", methods=["GET", "POST"])
    def qualquer(caminho):
        from flask import request

        chamadas[request.method] += 1
        if chamadas[request.method] <= 2:
            return {"codigoErro": "0503", "mensagem": "Serviço indisponível"}, 503
        return {"estruturas": [], "totalDeRegistros": 0}

    servidor = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=servidor.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{servidor.server_port}/", chamadas
    servidor.shutdown()


def test_repete_leituras_em_falha_transitoria_mas_nao_envios(servidor_instavel):
    url, chamadas = servidor_instavel
    cliente = ClienteTramita(url, tentativas=3)
    cliente.sessao.get_adapter(url).max_retries.backoff_factor = 0
    assert cliente.consultar_estruturas(1) == ([], 0)
    assert chamadas["GET"] == 3
    with pytest.raises(ErroDaApi) as erro:
        cliente.enviar_processo(cabecalho(), {})
    assert erro.value.http_status == 503 and chamadas["POST"] == 1


def test_documento_avulso_vai_e_e_lido_como_documento(simulador, cliente, processo, tmp_path):
    documento = processo.documentos[0]
    novo = cliente.enviar_documento(
        cabecalho(), documento.como_json(1) | {"protocolo": documento.protocolo, "staTipoProtocolo": "D"}
    )
    assert novo.componentes_solicitados == {documento.protocolo: (documento.componentes[0].hash,)}
    cliente.enviar_componente_digital(
        novo.ticket, documento.protocolo, documento.componentes[0].hash, documento.componentes[0].caminho
    )
    destino = cliente_do_sistema(simulador, "SEI-ORGAO3")
    metadados = destino.solicitar_metadados(novo.idt)
    assert metadados.tipo == "D"
    assert [c.hash for c in metadados.componentes()] == [documento.componentes[0].hash]


def test_controle_do_relogio_cancela_automaticamente(simulador, cliente, processo):
    novo = enviar(cliente, processo)
    resposta = requests.post(
        simulador.url_raiz + "_simulador/relogio/avancar", json={"segundos": 8 * 86400 + 1}, timeout=5
    )
    assert resposta.status_code == 204
    tramite = cliente.consultar_tramite(novo.idt)
    assert tramite.situacao == S.CANCELADO_AUTOMATICAMENTE and tramite.historico == [1, 2, 10]
    with pytest.raises(ErroDaApi, match="já se encontra cancelado"):
        cliente.cancelar_tramite(novo.idt)


def test_cada_tramite_parado_expira_no_seu_prazo(simulador, cliente, processo, faker_teste, tmp_path):
    """The sweep runs only when something can have expired, yet each trâmite still expires at its own time."""
    from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste

    def avancar(dias: float) -> None:
        url = simulador.url_raiz + "_simulador/relogio/avancar"
        assert requests.post(url, json={"segundos": dias * 86400}, timeout=5).status_code == 204

    primeiro = enviar(cliente, processo)
    avancar(5)
    outro = gerar_processo_de_teste(faker_teste, tmp_path / "outro", unidade="Protocolo", sigla_unidade="ANEX")
    segundo = enviar(cliente, outro)
    avancar(3.5)  # the first has waited 8.5 days, the second 3.5
    assert cliente.consultar_tramite(primeiro.idt).situacao == S.CANCELADO_AUTOMATICAMENTE
    assert cliente.consultar_tramite(segundo.idt).situacao == S.COMPONENTES_ENVIADOS_REMETENTE
    assert [t.idt for t in cliente.consultar_tramites(nre=cliente.consultar_tramite(segundo.idt).nre)] == [segundo.idt]
    avancar(5)
    assert cliente.consultar_tramite(segundo.idt).situacao == S.CANCELADO_AUTOMATICAMENTE


def test_parte_recusada_nao_deixa_arquivo_e_a_aceita_fica_onde_chegou(simulador, cliente, processo, monkeypatch):
    """The multipart file is written once, where the simulator keeps it: removed when the platform refuses the
    part, kept (and never copied) when it takes it."""
    chegadas = []
    original = Armazem.chegada

    def registrar(armazem):
        chegadas.append(original(armazem))
        return chegadas[-1]

    monkeypatch.setattr(Armazem, "chegada", registrar)
    novo = cliente.enviar_processo(cabecalho(), processo.como_json())
    componente = processo.componentes[0]
    url = f"{simulador.url_base}tickets-de-envio-de-componente/{novo.ticket}/protocolos/componentes-a-enviar"

    def enviar(hash_: str) -> requests.Response:
        return requests.put(
            url,
            files=[
                ("conteudo", ("conteudo.html", componente.caminho.read_bytes(), "text/html")),
                ("hashDoComponenteDigital", (None, hash_, "text/plain")),
                ("protocolo", (None, processo.protocolo, "text/plain")),
            ],
            timeout=10,
        )

    nao_solicitada = enviar(hash_de_bytes(b"outro"))  # refused before the platform looks at the bytes
    assert nao_solicitada.status_code == 400 and "não foi solicitado" in nao_solicitada.json()["mensagem"]
    recusada = enviar(processo.componentes[1].hash)  # the other component's hash: its size does not match
    assert recusada.status_code == 400 and "não confere" in recusada.json()["mensagem"]
    aceita = enviar(componente.hash)
    assert aceita.status_code in (200, 204), aceita.text
    assert [c.arquivo.exists() for c in chegadas] == [False, False, True]
    assert chegadas[2].arquivo.read_bytes() == componente.caminho.read_bytes()


@pytest.mark.parametrize("bloco_do_destino", [7, 2, None], ids=["7MB", "2MB", "inteiro"])
def test_download_com_bloco_diferente_do_envio(simulador, processo, tmp_path, bloco_do_destino):
    """The remetente's parts (1 MB, not a multiple of 3 bytes) and the destinatário's differ: a downloaded part
    spans several stored parts and is still one valid base64 string."""
    remetente = ClienteTramita(simulador.url_base, tamanho_bloco_mb=1, tentativas=0)
    grande = tmp_path / "grande.bin"
    grande.write_bytes(os.urandom(5 * 1024 * 1024 + 7))
    hash_, tamanho = hash_de_arquivo(grande)
    novo = enviar_com_componente(remetente, processo, grande, hash_, tamanho)
    destino = cliente_do_sistema(simulador, "SEI-ORGAO3", tamanho_bloco_mb=bloco_do_destino or 1)
    destino.solicitar_metadados(novo.idt)
    if bloco_do_destino is None:  # the whole-component endpoint, without /partes/
        resposta = destino.sessao.post(
            f"{simulador.url_base}tramites/{novo.idt}/protocolos/componentes-digitais",
            json={"hashDoComponenteDigital": hash_, "protocolo": processo.protocolo},
            timeout=30,
        )
        assert base64.b64decode(resposta.json(), validate=True) == grande.read_bytes()
    else:
        copia = tmp_path / "copia.bin"
        assert destino.baixar_componente_digital(novo.idt, processo.protocolo, hash_, tamanho, copia) == (
            hash_,
            tamanho,
        )
