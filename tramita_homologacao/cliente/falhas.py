"""Network and TLS failures classified by exception type and TLS reason, never by the message's text.

A server that rejects the client certificate shows up, depending on timing and platform, as a TLS
alert (`TLSV1_ALERT_UNKNOWN_CA`, …), as an EOF after the handshake (in TLS 1.3 the server checks the
client certificate after the client has finished its side) or as a reset connection (Windows,
WSAECONNRESET): all of them give the same message.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

import requests
import urllib3.exceptions

# OpenSSL reasons of the alerts a server sends when it does not accept the client certificate.
ALERTAS_DE_CERTIFICADO_DO_CLIENTE = frozenset(
    {
        "TLSV1_ALERT_UNKNOWN_CA",
        "SSLV3_ALERT_BAD_CERTIFICATE",
        "SSLV3_ALERT_CERTIFICATE_EXPIRED",
        "SSLV3_ALERT_CERTIFICATE_REVOKED",
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN",
        "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
        "TLSV13_ALERT_CERTIFICATE_REQUIRED",
        "TLSV1_ALERT_ACCESS_DENIED",
        "SSLV3_ALERT_HANDSHAKE_FAILURE",
        "PEER_DID_NOT_RETURN_A_CERTIFICATE",
    }
)
# X.509 verification codes of the server's certificate (OpenSSL's X509_V_ERR_*).
_SERVIDOR_EXPIRADO = 10
_SERVIDOR_OUTRO_NOME = 62

CERTIFICADO_DO_CLIENTE_RECUSADO = (
    "o servidor recusou o certificado digital do cliente e encerrou a conexão segura (certificado ausente, "
    "expirado, revogado ou emitido por uma autoridade que o servidor não aceita)"
)
SERVIDOR_NAO_CONFIAVEL = "o certificado do servidor não é confiável para a CA configurada"
SERVIDOR_EXPIRADO = "o certificado do servidor está expirado"
SERVIDOR_OUTRO_NOME = "o certificado do servidor não corresponde ao endereço configurado"
TEMPO_DE_CONEXAO = "tempo de conexão esgotado"
TEMPO_DE_RESPOSTA = "o servidor não respondeu dentro do tempo limite"
CONEXAO_RECUSADA = "conexão recusada (o serviço não está escutando nesse endereço e porta)"
CONEXAO_ENCERRADA = "o servidor encerrou a conexão antes de responder"
DNS = "nome do servidor não encontrado (DNS)"
RESPOSTA_CORTADA = "a resposta foi cortada no caminho (a conexão caiu antes de ela chegar inteira)"


@dataclass(frozen=True)
class FalhaDeRede:
    detalhe: str
    tls: bool


def cadeia(erro: BaseException) -> Iterator[BaseException]:
    """The error and everything it wraps: causes, contexts, and the errors urllib3 keeps in args/reason."""
    pendentes, vistos = [erro], set()
    while pendentes:
        atual = pendentes.pop(0)
        if id(atual) in vistos:
            continue
        vistos.add(id(atual))
        yield atual
        embrulhados = [atual.__cause__, atual.__context__, getattr(atual, "reason", None), *atual.args]
        pendentes += [e for e in embrulhados if isinstance(e, BaseException)]


def classificar(erro: BaseException, *, https: bool) -> FalhaDeRede:
    """What went wrong, in Portuguese, and whether it was the TLS layer."""
    erros = list(cadeia(erro))

    def primeiro(*tipos: type[BaseException]) -> BaseException | None:
        return next((e for e in erros if isinstance(e, tipos)), None)

    # Before the timeouts: urllib3's NewConnectionError (refused, DNS) is a ConnectTimeoutError.
    if primeiro(ConnectionRefusedError):
        return FalhaDeRede(CONEXAO_RECUSADA, tls=False)
    if primeiro(socket.gaierror, urllib3.exceptions.NameResolutionError):
        return FalhaDeRede(DNS, tls=False)
    if primeiro(requests.exceptions.ConnectTimeout, urllib3.exceptions.ConnectTimeoutError):
        return FalhaDeRede(TEMPO_DE_CONEXAO, tls=False)
    if primeiro(requests.exceptions.ReadTimeout, urllib3.exceptions.ReadTimeoutError, TimeoutError):
        return FalhaDeRede(TEMPO_DE_RESPOSTA, tls=False)
    verificacao = primeiro(ssl.SSLCertVerificationError)
    if isinstance(verificacao, ssl.SSLCertVerificationError):
        codigo = verificacao.verify_code
        detalhe = {_SERVIDOR_EXPIRADO: SERVIDOR_EXPIRADO, _SERVIDOR_OUTRO_NOME: SERVIDOR_OUTRO_NOME}.get(
            codigo, SERVIDOR_NAO_CONFIAVEL
        )
        return FalhaDeRede(detalhe, tls=True)
    if any(isinstance(e, ssl.SSLError) and e.reason in ALERTAS_DE_CERTIFICADO_DO_CLIENTE for e in erros):
        return FalhaDeRede(CERTIFICADO_DO_CLIENTE_RECUSADO, tls=True)
    if primeiro(ssl.SSLEOFError, ssl.SSLZeroReturnError):
        return FalhaDeRede(CERTIFICADO_DO_CLIENTE_RECUSADO, tls=True)
    if primeiro(http.client.IncompleteRead, requests.exceptions.ChunkedEncodingError):
        return FalhaDeRede(RESPOSTA_CORTADA, tls=False)
    encerrada = primeiro(ConnectionResetError, ConnectionAbortedError, BrokenPipeError)
    if encerrada is not None:
        return FalhaDeRede(CERTIFICADO_DO_CLIENTE_RECUSADO if https else CONEXAO_ENCERRADA, tls=https)
    tls = primeiro(ssl.SSLError)
    if isinstance(tls, ssl.SSLError):
        return FalhaDeRede(f"erro na negociação TLS ({tls.reason or type(tls).__name__})", tls=True)
    return FalhaDeRede(f"falha de rede ({type(erro).__name__})", tls=False)
