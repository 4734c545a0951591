"""Errors the client raises; every message is in Portuguese and says what to do.

ErroTramita
 ├── ErroDeConexao        the endpoint could not be reached (DNS, refused, timeout)
 │    └── ErroDeTls        the TLS handshake failed (server or client certificate)
 ├── ErroDaApi            the service answered non-2xx: `http_status`, `codigo_erro`, `mensagem`, `corpo`
 └── RespostaInesperada   a 2xx answer that is not in the API's shape (not JSON: a fault on the way)
      └── RespostaIncoerente  JSON that contradicts the request or the API's types (another IDT, "6" for 6)
"""

from __future__ import annotations

from tramita_homologacao.problemas import ProblemaConhecido


class ErroTramita(ProblemaConhecido):
    """Base of every error of the client."""

    titulo = "Erro na comunicação com o Tramita.GOV.BR"


class ErroDeConexao(ErroTramita):
    def __init__(self, url: str, detalhe: str):
        super().__init__(
            f"Não foi possível conectar ao Tramita.GOV.BR em {url}: {detalhe}. Verifique o endereço (url_api) "
            "do ambiente, a rede e o proxy."
        )
        self.url = url


class ParteInterrompida(ErroDeConexao):
    def __init__(self, url: str, detalhe: str, vezes: int):
        ErroTramita.__init__(
            self,
            f"O download de {url} foi interrompido no meio da resposta {vezes} vez(es) seguidas ({detalhe}). "
            "Execute de novo; se continuar, diminua tamanho_bloco_mb na seção [conexao] do ambiente (partes "
            "menores) ou aumente timeout_leitura_segundos.",
        )
        self.url = url


class ErroDeTls(ErroDeConexao):
    def __init__(self, url: str, detalhe: str):
        ErroTramita.__init__(
            self,
            f"Falha na conexão segura (TLS) com {url}: {detalhe}. Verifique o certificado do órgão, a senha e a "
            "cadeia de certificação (CA) configurados no ambiente.",
        )
        self.url = url


class ErroDaApi(ErroTramita):
    """The service refused the request; keeps its HTTP status, `codigoErro`, `mensagem` and raw body."""

    def __init__(self, operacao: str, http_status: int, codigo_erro: str | None, mensagem: str, corpo: str):
        codigo = f"{codigo_erro} - " if codigo_erro else ""
        super().__init__(f"{operacao}: o Tramita.GOV.BR respondeu HTTP {http_status}: {codigo}{mensagem}")
        self.operacao = operacao
        self.http_status = http_status
        self.codigo_erro = codigo_erro
        self.mensagem = mensagem
        self.corpo = corpo


class RespostaInesperada(ErroTramita):
    def __init__(self, operacao: str, detalhe: str):
        super().__init__(f"{operacao}: resposta fora do formato esperado da API ({detalhe}).")
        self.operacao = operacao


class RespostaIncoerente(RespostaInesperada):
    """The platform answered, in JSON, something that cannot be the answer to what was asked."""

    def __init__(self, operacao: str, detalhe: str, *, idt: int | None = None):
        ErroTramita.__init__(self, f"{operacao}: resposta incoerente do Tramita.GOV.BR ({detalhe}).")
        self.operacao = operacao
        self.detalhe = detalhe
        self.idt = idt
