"""Every HTTP exchange as Allure evidence, with secrets redacted (a response hook on the client's session)."""

from __future__ import annotations

import json
import re

import allure
import requests
from requests_toolbelt import MultipartEncoder

CABECALHOS_SIGILOSOS = {"authorization", "cookie", "set-cookie", "proxy-authorization"}
CHAVES_SIGILOSAS = re.compile(r"senha|password|secret|private|chave_privada|token", re.IGNORECASE)
LIMITE_CORPO = 20_000
REDIGIDO = "***"


def redigir(valor: object) -> object:
    """A copy of a JSON value with secret-looking keys replaced by ***."""
    if isinstance(valor, dict):
        return {k: REDIGIDO if CHAVES_SIGILOSAS.search(str(k)) else redigir(v) for k, v in valor.items()}
    if isinstance(valor, list):
        return [redigir(v) for v in valor]
    return valor


def _texto_json(texto: str) -> str:
    try:
        dados = json.loads(texto)
    except ValueError:
        return texto
    return json.dumps(redigir(dados), ensure_ascii=False, indent=2)


def _limitar(texto: str) -> str:
    if len(texto) <= LIMITE_CORPO:
        return texto
    return f"{texto[:LIMITE_CORPO]}\n… ({len(texto) - LIMITE_CORPO} caracteres omitidos)"


def _corpo_da_requisicao(corpo: object) -> str:
    if corpo is None:
        return ""
    if isinstance(corpo, MultipartEncoder):
        partes = []
        for nome, valor in corpo.fields:
            if nome == "conteudo":
                partes.append(f"{nome}: <conteúdo binário do componente digital, {corpo.len} bytes no total>")
            else:
                partes.append(f"{nome}: {valor[1] if isinstance(valor, tuple) else valor}")
        return "multipart/form-data\n" + "\n".join(partes)
    texto = corpo.decode("utf-8", "replace") if isinstance(corpo, bytes) else str(corpo)
    return _texto_json(texto)


def descrever_troca(resposta: requests.Response) -> tuple[str, str]:
    """(request, response) as readable text, secrets redacted."""
    req = resposta.request
    cabecalhos = "\n".join(
        f"{k}: {REDIGIDO if k.lower() in CABECALHOS_SIGILOSOS else v}" for k, v in req.headers.items()
    )
    requisicao = f"{req.method} {req.url}\n{cabecalhos}\n\n{_limitar(_corpo_da_requisicao(req.body))}"
    return requisicao, f"HTTP {resposta.status_code} {resposta.reason}\n\n{_corpo_da_resposta(resposta)}"


def _corpo_da_resposta(resposta: requests.Response) -> str:
    try:
        conteudo = resposta.content
    except RuntimeError:  # consumed as a stream by the client (a component's part): it went to disk, not here
        tamanho = resposta.headers.get("Content-Length", "?")
        return f"<parte do componente digital em base64, {tamanho} bytes: gravada em disco à medida que chegou>"
    grande = len(conteudo) > LIMITE_CORPO  # cut, never parsed and re-indented whole
    corpo = (
        _texto_json(resposta.text)
        if "json" in resposta.headers.get("Content-Type", "") and not grande
        else resposta.text
    )
    return _limitar(corpo)


class AnexadorHttp:
    """An observer of the client: each API call as a step named by its operation, with the request and the
    response attached; a poll that repeats the previous exchange word for word is counted, not attached."""

    def __init__(self) -> None:
        self.reiniciar()

    def reiniciar(self) -> None:
        """A new scenario: nothing of the previous one's polls carries over."""
        self._anterior: tuple[str, str] | None = None
        self._repeticoes = 0

    def __call__(self, operacao: str, resposta: requests.Response) -> None:
        troca = descrever_troca(resposta)
        if troca == self._anterior:
            self._repeticoes += 1
            return
        requisicao, resposta_texto = troca
        if self._repeticoes:
            resposta_texto += f"\n\n(a mesma consulta se repetiu antes {self._repeticoes} vez(es) com a mesma resposta)"
        self._anterior, self._repeticoes = troca, 0
        texto = allure.attachment_type.TEXT
        with allure.step(f"{operacao} — HTTP {resposta.status_code}"):
            allure.attach(requisicao, name=f"requisição: {operacao}", attachment_type=texto)
            allure.attach(
                resposta_texto, name=f"resposta: {operacao} (HTTP {resposta.status_code})", attachment_type=texto
            )
