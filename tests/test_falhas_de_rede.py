"""Network and TLS failures classified by type and TLS reason: every way a rejection surfaces, one message.

The TLS errors are real: a handshake between two in-memory TLS endpoints (no socket, no timing), then
wrapped the way urllib3 and requests wrap them.
"""

from __future__ import annotations

import socket
import ssl
from typing import cast

import pytest
import requests
import trustme
import urllib3.connectionpool
import urllib3.exceptions

from tramita_homologacao.cliente import falhas
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDeConexao, ErroDeTls
from tramita_homologacao.cliente.falhas import classificar

SEM_POOL = cast(urllib3.connectionpool.ConnectionPool, None)  # as requests raises them when no pool is at hand


def _como_requests(erro: BaseException, tipo=requests.exceptions.SSLError) -> requests.exceptions.RequestException:
    """As requests raises it: requests error ← MaxRetryError ← urllib3 error ← the original one."""
    embrulhado: urllib3.exceptions.HTTPError
    if isinstance(erro, ssl.SSLError):
        embrulhado = urllib3.exceptions.SSLError(erro)
    else:
        embrulhado = urllib3.exceptions.ProtocolError("Connection aborted.", erro)
    embrulhado.__cause__ = erro
    return tipo(urllib3.exceptions.MaxRetryError(SEM_POOL, "/interoperabilidade/rest/v3/healthcheck", embrulhado))


def _handshake(ca_do_cliente: trustme.CA, ca_do_servidor: trustme.CA, fim: str) -> ssl.SSLError:
    """Client and server handshake in memory; the server requires a client certificate issued by its CA.

    `fim` is how the client learns of the rejection: the server's "alerta", or "eof" (the connection
    closed with the alert lost, as happens under TLS 1.3 when the server closes first).
    """
    servidor_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca_do_servidor.issue_cert("tramita.exemplo").configure_cert(servidor_ctx)
    ca_do_servidor.configure_trust(servidor_ctx)
    servidor_ctx.verify_mode = ssl.CERT_REQUIRED
    cliente_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca_do_servidor.configure_trust(cliente_ctx)
    ca_do_cliente.issue_cert("orgao.exemplo").configure_cert(cliente_ctx)
    entradas = {"cliente": ssl.MemoryBIO(), "servidor": ssl.MemoryBIO()}
    saidas = {"cliente": ssl.MemoryBIO(), "servidor": ssl.MemoryBIO()}
    cliente = cliente_ctx.wrap_bio(entradas["cliente"], saidas["cliente"], server_hostname="tramita.exemplo")
    servidor = servidor_ctx.wrap_bio(entradas["servidor"], saidas["servidor"], server_side=True)
    recusou = False
    for _ in range(10):
        for nome, lado in (("cliente", cliente), ("servidor", servidor)):
            try:
                lado.do_handshake()
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError:
                assert nome == "servidor", "o cliente não deveria falhar antes do servidor"
                recusou = True
                break
            outro = "servidor" if nome == "cliente" else "cliente"
            entradas[outro].write(saidas[nome].read())
        if recusou:
            break
    assert recusou, "o servidor deveria recusar o certificado do cliente"
    if fim == "alerta":
        entradas["cliente"].write(saidas["servidor"].read())
    else:
        entradas["cliente"].write_eof()
    try:
        cliente.read(1)
    except ssl.SSLError as erro:
        return erro
    raise AssertionError("o cliente não percebeu a recusa")


@pytest.fixture(scope="module")
def ca_do_servidor() -> trustme.CA:
    return trustme.CA()


@pytest.mark.parametrize("fim", ["alerta", "eof"])
def test_recusa_do_certificado_do_cliente_tem_uma_so_mensagem(ca_do_servidor, fim):
    erro = _handshake(trustme.CA(), ca_do_servidor, fim)
    assert isinstance(erro, ssl.SSLEOFError) == (fim == "eof")
    falha = classificar(_como_requests(erro), https=True)
    assert falha == falhas.FalhaDeRede(falhas.CERTIFICADO_DO_CLIENTE_RECUSADO, tls=True)


def test_o_alerta_real_e_um_dos_conhecidos(ca_do_servidor):
    assert _handshake(trustme.CA(), ca_do_servidor, "alerta").reason in falhas.ALERTAS_DE_CERTIFICADO_DO_CLIENTE


@pytest.mark.parametrize(
    "original",
    [
        ConnectionResetError(10054, "Uma conexão existente foi forçadamente cancelada pelo host remoto"),
        ConnectionAbortedError(10053, "Uma conexão estabelecida foi anulada pelo software no computador host"),
        ConnectionResetError(104, "Connection reset by peer"),
    ],
    ids=["windows-reset", "windows-abortada", "linux-reset"],
)
def test_conexao_segura_derrubada_pelo_servidor_e_a_mesma_recusa(original):
    erro = _como_requests(original, requests.exceptions.ConnectionError)
    assert classificar(erro, https=True) == falhas.FalhaDeRede(falhas.CERTIFICADO_DO_CLIENTE_RECUSADO, tls=True)
    assert classificar(erro, https=False) == falhas.FalhaDeRede(falhas.CONEXAO_ENCERRADA, tls=False)


def _verificacao_do_servidor(codigo: int) -> ssl.SSLCertVerificationError:
    erro = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    erro.verify_code = codigo
    erro.reason = "CERTIFICATE_VERIFY_FAILED"
    return erro


@pytest.mark.parametrize(
    ("codigo", "detalhe"),
    [(20, falhas.SERVIDOR_NAO_CONFIAVEL), (10, falhas.SERVIDOR_EXPIRADO), (62, falhas.SERVIDOR_OUTRO_NOME)],
)
def test_certificado_do_servidor_recusado_pelo_cliente(codigo, detalhe):
    erro = _como_requests(_verificacao_do_servidor(codigo))
    assert classificar(erro, https=True) == falhas.FalhaDeRede(detalhe, tls=True)


def test_outro_erro_tls_diz_o_motivo():
    original = ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number")
    original.reason = "WRONG_VERSION_NUMBER"
    falha = classificar(_como_requests(original), https=True)
    assert falha == falhas.FalhaDeRede("erro na negociação TLS (WRONG_VERSION_NUMBER)", tls=True)


@pytest.mark.parametrize(
    ("erro", "detalhe"),
    [
        (
            requests.exceptions.ConnectTimeout(
                urllib3.exceptions.MaxRetryError(SEM_POOL, "/", urllib3.exceptions.ConnectTimeoutError(None, "x"))
            ),
            falhas.TEMPO_DE_CONEXAO,
        ),
        (requests.exceptions.ReadTimeout("Read timed out."), falhas.TEMPO_DE_RESPOSTA),
        (
            requests.exceptions.ConnectionError(
                urllib3.exceptions.MaxRetryError(SEM_POOL, "/", urllib3.exceptions.ReadTimeoutError(SEM_POOL, "/", "x"))
            ),
            falhas.TEMPO_DE_RESPOSTA,
        ),
        (
            _como_requests(ConnectionRefusedError(10061, "Nenhuma conexão pôde ser feita"), requests.ConnectionError),
            falhas.CONEXAO_RECUSADA,
        ),
        (_como_requests(socket.gaierror(-2, "Name or service not known"), requests.ConnectionError), falhas.DNS),
        (requests.exceptions.ConnectionError("desconhecida"), "falha de rede (ConnectionError)"),
    ],
    ids=["tempo-de-conexao", "tempo-de-leitura", "tempo-de-leitura-embrulhado", "recusada-windows", "dns", "outra"],
)
def test_falhas_de_rede_sem_tls(erro, detalhe):
    assert classificar(erro, https=True) == falhas.FalhaDeRede(detalhe, tls=False)


def test_conexao_recusada_de_verdade_e_dns_de_verdade():
    with socket.socket() as livre:
        livre.bind(("127.0.0.1", 0))
        porta = livre.getsockname()[1]
    with pytest.raises(ErroDeConexao) as recusada:
        ClienteTramita(f"http://127.0.0.1:{porta}/", tentativas=0).healthcheck()
    assert not isinstance(recusada.value, ErroDeTls)
    assert falhas.CONEXAO_RECUSADA in str(recusada.value)
    with pytest.raises(ErroDeConexao, match=r"nome do servidor não encontrado \(DNS\)"):
        ClienteTramita("http://servidor-inexistente.invalid/", tentativas=0).healthcheck()
