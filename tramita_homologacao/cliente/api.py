"""`ClienteTramita`: one method per operation of the Tramita.GOV.BR REST API (`docs/api-tramita.md` §2).

One `requests` session configured once (base URL, TLS context with the organ's certificate, timeouts, bounded
retries chosen by operation, `cliente/repeticao.py`). Components go up streaming from disk in
multipart/form-data, whole up to the block size and in `[inicio, fim)` parts above it; they come
down in parts of the same size straight to disk. The client knows nothing of the suite or of Allure:
whoever wants evidence adds an observer to `observadores`, called with the operation's name and each
response of the API (requests made directly on `sessao`, like the simulator's control API, are not seen).
"""

from __future__ import annotations

import base64
import hashlib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter
from requests_toolbelt import MultipartEncoder

from tramita_homologacao.cliente.base64_da_parte import Base64Invalido, decodificar
from tramita_homologacao.cliente.erros import (
    ErroDaApi,
    ErroDeConexao,
    ErroDeTls,
    ParteInterrompida,
    RespostaIncoerente,
    RespostaInesperada,
)
from tramita_homologacao.cliente.falhas import TEMPO_DE_RESPOSTA, classificar
from tramita_homologacao.cliente.repeticao import RepeticaoPorOperacao
from tramita_homologacao.cliente.tipos import (
    CampoInvalido,
    Especie,
    Estrutura,
    HipoteseLegal,
    Metadados,
    NovoTramite,
    Pendencia,
    ReciboAssinado,
    Repositorio,
    Tramite,
    inteiro,
    situacao,
)
from tramita_homologacao.protocolo.dominio import TAMANHO_BLOCO_PADRAO_MB, Endereco
from tramita_homologacao.protocolo.operacoes import Chamada, chamada
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao

T = TypeVar("T")
MIB = 1024 * 1024
BLOCO_DE_LEITURA = MIB  # a downloaded part's body is read, decoded and written a mebibyte at a time
BLOCO_DE_ENVIO = MIB  # and an uploaded one is read from disk and sent as much at a time


class _Fatia:
    """Bytes `[inicio, fim)` of an open file, read on demand (the multipart encoder streams it)."""

    def __init__(self, arquivo: BinaryIO, inicio: int, fim: int) -> None:
        arquivo.seek(inicio)
        self._arquivo = arquivo
        self._restante = fim - inicio

    @property
    def len(self) -> int:
        return self._restante

    def read(self, tamanho: int = -1) -> bytes:
        if tamanho is None or tamanho < 0 or tamanho > self._restante:
            tamanho = self._restante
        dados = self._arquivo.read(tamanho)
        self._restante -= len(dados)
        return dados


class _Adaptador(HTTPAdapter):
    """Sends request bodies in blocks of a mebibyte (urllib3 reads 16 KiB at a time from a component otherwise)
    and, for HTTPS, uses the given SSL context (the organ's certificate and the trusted CAs) for every pool."""

    def __init__(self, contexto: ssl.SSLContext | None = None, **kwargs: Any) -> None:
        self._contexto = contexto
        super().__init__(**kwargs)

    def _opcoes(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs["blocksize"] = BLOCO_DE_ENVIO
        if self._contexto is not None:
            kwargs["ssl_context"] = self._contexto
        return kwargs

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **self._opcoes(kwargs))

    def proxy_manager_for(self, *args: Any, **kwargs: Any):
        return super().proxy_manager_for(*args, **self._opcoes(kwargs))


@dataclass(frozen=True)
class _Parte:
    """Bytes `[inicio, fim)` of a component to download (`docs/api-tramita.md` §2.15)."""

    idt: int
    inicio: int
    fim: int

    @property
    def chamada(self) -> Chamada:
        return chamada("baixar_parte_de_componente_digital", idt=self.idt, inicio=self.inicio, fim=self.fim)


class _CorpoCortado(Exception):
    """A part's body stopped coming in the middle (the connection dropped or went silent)."""

    def __init__(self, url: str, detalhe: str) -> None:
        self.url, self.detalhe = url, detalhe


class ClienteTramita:
    def __init__(
        self,
        url_base: str,
        *,
        contexto_tls: ssl.SSLContext | None = None,
        verificar: bool | str = True,
        timeout_conexao: float = 10,
        timeout_leitura: float = 300,
        tentativas: int = 3,
        tamanho_bloco_mb: int = TAMANHO_BLOCO_PADRAO_MB,
        cabecalhos: dict[str, str] | None = None,
    ) -> None:
        self.url_base = url_base if url_base.endswith("/") else url_base + "/"
        self.timeout = (timeout_conexao, timeout_leitura)
        # The module clamps TamanhoBlocoArquivoTransferencia to 1..200 MB.
        self.tamanho_bloco = min(max(int(tamanho_bloco_mb), 1), 200) * MIB
        self.tentativas = tentativas
        self.sessao = requests.Session()
        self.sessao.verify = verificar
        self.sessao.headers.update(cabecalhos or {})
        repeticoes = RepeticaoPorOperacao(
            total=tentativas,
            connect=tentativas,
            read=tentativas,
            status=tentativas,
            status_forcelist=(502, 503, 504),
            backoff_factor=0.5,
            raise_on_status=False,
        )
        self.sessao.mount("https://", _Adaptador(contexto_tls, max_retries=repeticoes))
        self.sessao.mount("http://", _Adaptador(max_retries=repeticoes))
        self.observadores: list[Callable[[str, requests.Response], None]] = []

    def __repr__(self) -> str:
        return f"ClienteTramita(url_base={self.url_base!r})"

    def fechar(self) -> None:
        self.sessao.close()

    # --- plumbing -----------------------------------------------------------------------------
    def _chamar(self, pedido: Chamada, *, em_fluxo: bool = False, **kwargs: Any) -> requests.Response:
        """The response of one operation. `em_fluxo`: a success's body is left unread for the caller, who
        notifies the observers once it has consumed it."""
        url, operacao = urljoin(self.url_base, pedido.caminho), pedido.nome
        try:
            # verify is passed per request: requests lets REQUESTS_CA_BUNDLE override the session's own.
            resposta = self.sessao.request(
                pedido.metodo, url, timeout=self.timeout, verify=self.sessao.verify, stream=em_fluxo, **kwargs
            )
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
            requests.exceptions.ChunkedEncodingError,  # the answer was cut on the way: lost, as a dropped line
        ) as erro:
            raise self._erro_de_conexao(url, erro) from erro
        if not resposta.ok:
            self._notificar(operacao, resposta)
            raise self._erro_da_api(operacao, resposta)
        if not em_fluxo:
            self._notificar(operacao, resposta)
        return resposta

    def _notificar(self, operacao: str, resposta: requests.Response) -> None:
        for observador in self.observadores:
            observador(operacao, resposta)

    @staticmethod
    def _erro_de_conexao(url: str, erro: requests.exceptions.RequestException) -> ErroDeConexao:
        falha = classificar(erro, https=url.startswith("https:"))
        return (ErroDeTls if falha.tls else ErroDeConexao)(url, falha.detalhe)

    @staticmethod
    def _erro_da_api(operacao: str, resposta: requests.Response) -> ErroDaApi:
        try:
            corpo = resposta.json()
        except ValueError:
            corpo = None
        if isinstance(corpo, dict) and "mensagem" in corpo:
            return ErroDaApi(
                operacao, resposta.status_code, corpo.get("codigoErro"), str(corpo["mensagem"]), resposta.text
            )
        return ErroDaApi(operacao, resposta.status_code, None, resposta.text[:500] or resposta.reason, resposta.text)

    def _json(self, pedido: Chamada, **kwargs: Any) -> Any:
        resposta = self._chamar(pedido, **kwargs)
        try:
            return resposta.json()
        except ValueError:
            raise RespostaInesperada(pedido.nome, f"corpo não é JSON: {resposta.text[:200]!r}") from None

    @staticmethod
    def _ler(operacao: str, leitor: Callable[[], T]) -> T:
        """JSON read into its type; JSON of another shape is the platform contradicting its own API."""
        try:
            return leitor()
        except KeyError as erro:
            raise RespostaIncoerente(operacao, f"falta o campo {erro.args[0]!r}") from erro
        except CampoInvalido as erro:
            raise RespostaIncoerente(operacao, str(erro)) from erro
        except (TypeError, ValueError, AttributeError) as erro:
            raise RespostaIncoerente(operacao, "um campo tem tipo ou valor diferente do da API") from erro

    # --- tables -------------------------------------------------------------------------------
    def healthcheck(self) -> requests.Response:
        return self._chamar(chamada("healthcheck"))

    def medir_desvio_do_relogio(self) -> timedelta | None:
        """How far the platform's clock is ahead of this machine's, from the `Date` of an answer (to the second:
        the header has no fractions); None when the platform does not date its answers."""
        antes = datetime.now(UTC)
        resposta = self.healthcheck()
        depois = datetime.now(UTC)
        try:
            data = parsedate_to_datetime(resposta.headers.get("Date", ""))
        except (TypeError, ValueError):
            return None
        return data - (antes + (depois - antes) / 2)

    def listar_repositorios(self) -> list[Repositorio]:
        pedido = chamada("listar_repositorios")
        dados = self._json(pedido, params={"ativo": 1})
        return self._ler(pedido.nome, lambda: [Repositorio.de_json(r) for r in dados])

    def consultar_estruturas(
        self,
        repositorio: int,
        *,
        sigla: str | None = None,
        nome: str | None = None,
        permite_recebimento: bool = False,
        registro_inicial: int = 0,
        quantidade: int | None = None,
    ) -> tuple[list[Estrutura], int]:
        pedido = chamada("consultar_estruturas", repositorio=repositorio)
        parametros = {
            "identificacaoDoRepositorioDeEstruturas": repositorio,
            "apenasAtivas": 1,
            "sigla": sigla,
            "nome": nome,
            "permiteRecebimento": 1 if permite_recebimento else None,
            "registroInicial": registro_inicial,
            "quantidadeDeRegistros": quantidade,
        }
        dados = self._json(pedido, params=parametros)
        return self._ler(
            pedido.nome,
            lambda: ([Estrutura.de_json(repositorio, e) for e in dados["estruturas"]], int(dados["totalDeRegistros"])),
        )

    def consultar_estrutura(self, repositorio: int, numero: int) -> Estrutura:
        pedido = chamada("consultar_estrutura", repositorio=repositorio, numero=numero)
        dados = self._json(pedido)
        return self._ler(pedido.nome, lambda: Estrutura.de_json(repositorio, dados))

    def listar_especies(self) -> list[Especie]:
        pedido = chamada("listar_especies")
        dados = self._json(pedido)
        return self._ler(
            pedido.nome, lambda: [Especie(int(e["codigo"]), e["nomeNoProdutor"]) for e in dados["especies"]]
        )

    def listar_hipoteses_legais(self, ativas: bool = True) -> list[HipoteseLegal]:
        pedido = chamada("listar_hipoteses_legais")
        dados = self._json(pedido, params={"ativos": 1 if ativas else 0})
        return self._ler(
            pedido.nome,
            lambda: [
                HipoteseLegal(int(h["identificacao"]), h["nome"], bool(h.get("status", True)))
                for h in dados["hipotesesLegais"]
            ],
        )

    # --- sending ------------------------------------------------------------------------------
    def enviar_processo(self, cabecalho: dict, processo: dict) -> NovoTramite:
        pedido = chamada("enviar_processo")
        dados = self._json(pedido, json={"cabecalho": cabecalho, "processo": processo})
        return self._ler(pedido.nome, lambda: NovoTramite.de_json(dados))

    def enviar_documento(self, cabecalho: dict, documento: dict) -> NovoTramite:
        pedido = chamada("enviar_documento")
        dados = self._json(pedido, json={"cabecalho": cabecalho, "documento": documento})
        return self._ler(pedido.nome, lambda: NovoTramite.de_json(dados))

    def enviar_componente_digital(self, ticket: int, protocolo: str, hash_: str, arquivo: Path) -> None:
        """Uploads `arquivo` streaming: whole up to the block size, else in parts then the end signal."""
        tamanho = arquivo.stat().st_size
        with arquivo.open("rb") as fluxo:
            if tamanho <= self.tamanho_bloco:
                inteira = chamada("enviar_componente_digital", ticket=ticket)
                self._enviar_multipart(inteira, _Fatia(fluxo, 0, tamanho), "conteudo.html", hash_, protocolo)
                return
            for inicio in range(0, tamanho, self.tamanho_bloco):
                fim = min(inicio + self.tamanho_bloco, tamanho)
                parte = chamada("enviar_parte_de_componente_digital", ticket=ticket, inicio=inicio, fim=fim)
                self._enviar_multipart(parte, _Fatia(fluxo, inicio, fim), "arquivo_externo.html", hash_, protocolo)
        self._chamar(
            chamada("sinalizar_termino_do_envio", ticket=ticket),
            json={"hashDoComponenteDigital": hash_, "protocolo": protocolo},
        )

    def _enviar_multipart(
        self, pedido: Chamada, conteudo: _Fatia, nome_arquivo: str, hash_: str, protocolo: str
    ) -> None:
        corpo = MultipartEncoder(
            fields=[
                ("conteudo", (nome_arquivo, conteudo, "text/html")),
                ("hashDoComponenteDigital", (None, hash_, "text/plain")),
                ("protocolo", (None, protocolo, "text/plain")),
            ]
        )
        self._chamar(pedido, data=corpo, headers={"Content-Type": corpo.content_type})

    # --- following ----------------------------------------------------------------------------
    def listar_pendencias(self) -> list[Pendencia]:
        pedido = chamada("listar_pendencias")
        dados = self._json(pedido, params={"todas": 1})
        return self._ler(
            pedido.nome, lambda: [Pendencia(inteiro(p["IDT"], "IDT"), situacao(p["status"], "status")) for p in dados]
        )

    def consultar_tramites(
        self,
        *,
        idt: int | None = None,
        nre: str | None = None,
        protocolo: str | None = None,
        remetente: Endereco | None = None,
        destinatario: Endereco | None = None,
    ) -> list[Tramite]:
        pedido = chamada("consultar_tramites")
        parametros: dict[str, Any] = {"IDT": idt, "NRE": nre, "protocolo": protocolo}
        for nome, endereco in (("remetente", remetente), ("destinatario", destinatario)):
            if endereco is not None:
                for chave, valor in endereco.como_json().items():
                    parametros[f"{nome}[{chave}]"] = valor
        dados = self._json(pedido, params=parametros)
        tramites = self._ler(pedido.nome, lambda: [Tramite.de_json(t) for t in dados["tramites"]])
        filtro = {"IDT": idt, "NRE": nre, "protocolo": protocolo, "remetente": remetente, "destinatário": destinatario}
        for tramite in tramites:
            veio = {
                "IDT": tramite.idt,
                "NRE": tramite.nre,
                "protocolo": tramite.protocolo,
                "remetente": tramite.remetente,
                "destinatário": tramite.destinatario,
            }
            diferentes = [campo for campo, valor in filtro.items() if valor is not None and veio[campo] != valor]
            if diferentes:
                campo = diferentes[0]
                raise RespostaIncoerente(
                    pedido.nome,
                    f"pedidos os trâmites com {campo} {filtro[campo]}, veio o IDT {tramite.idt} com {veio[campo]}",
                )
        return tramites

    def consultar_tramite(self, idt: int) -> Tramite:
        """The one trâmite asked for: none, several, or another IDT is an incoherent answer."""
        encontrados = self.consultar_tramites(idt=idt)
        if len(encontrados) != 1:
            raise RespostaIncoerente(
                chamada("consultar_tramites").nome, f"{len(encontrados)} trâmites para o IDT {idt}", idt=idt
            )
        return encontrados[0]

    # --- receiving ----------------------------------------------------------------------------
    def solicitar_metadados(self, idt: int) -> Metadados:
        pedido = chamada("solicitar_metadados", idt=idt)
        dados = self._json(pedido, params={"IDT": idt})
        return self._ler(pedido.nome, lambda: Metadados.de_json(idt, dados))

    def baixar_componente_digital(
        self, idt: int, protocolo: str, hash_: str, tamanho: int, destino: Path
    ) -> tuple[str, int]:
        """Downloads `[0, tamanho)` in parts of the block size straight to `destino`, each decoded as it arrives
        and hashed as it goes; returns the hash and size of what came. A part whose body is cut is asked again."""
        corpo = {"hashDoComponenteDigital": hash_, "protocolo": protocolo}
        digest = hashlib.sha256()
        with destino.open("wb") as saida:
            for inicio in range(0, tamanho, self.tamanho_bloco):
                fim = min(inicio + self.tamanho_bloco, tamanho)
                parte = _Parte(idt, inicio, fim)
                for vez in range(1, self.tentativas + 2):
                    saida.seek(inicio)
                    saida.truncate()
                    parcial = digest.copy()
                    try:
                        self._receber_parte(parte, corpo, saida, parcial)
                    except _CorpoCortado as corte:
                        if vez > self.tentativas:
                            raise ParteInterrompida(corte.url, corte.detalhe, vez) from None
                        continue
                    digest = parcial
                    break
            tamanho_recebido = saida.tell()
        return base64.b64encode(digest.digest()).decode("ascii"), tamanho_recebido

    def _receber_parte(self, parte: _Parte, corpo: dict, saida: BinaryIO, digest: Any) -> None:
        pedido = parte.chamada
        resposta = self._chamar(pedido, json=corpo, em_fluxo=True)
        with resposta:
            try:
                for dados in decodificar(resposta.iter_content(BLOCO_DE_LEITURA)):
                    saida.write(dados)
                    digest.update(dados)
            except requests.exceptions.RequestException as erro:
                falha = classificar(erro, https=resposta.url.startswith("https:"))
                detalhe = falha.detalhe if falha.detalhe == TEMPO_DE_RESPOSTA else "a conexão caiu"
                raise _CorpoCortado(resposta.url, detalhe) from erro
            except Base64Invalido as erro:
                raise RespostaInesperada(pedido.nome, f"conteúdo não está em base64: {erro}") from None
        self._notificar(pedido.nome, resposta)
        recebido = saida.tell() - parte.inicio
        if recebido != parte.fim - parte.inicio:
            raise RespostaInesperada(
                pedido.nome, f"a parte veio com {recebido} bytes, e não os {parte.fim - parte.inicio} pedidos"
            )

    def enviar_recibo_de_tramite(self, idt: int, data_de_recebimento: str, hash_da_assinatura: str) -> None:
        self._mudar_situacao(
            idt,
            {Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE},
            chamada("enviar_recibo_de_tramite", idt=idt),
            json={"dataDeRecebimento": data_de_recebimento, "hashDaAssinatura": hash_da_assinatura},
        )

    def recusar_tramite(self, idt: int, justificativa: str, motivo: str) -> None:
        self._mudar_situacao(
            idt,
            {Situacao.RECUSADO, Situacao.CIENCIA_RECUSA},
            chamada("recusar_tramite", idt=idt),
            json={"justificativa": justificativa, "motivo": motivo},
        )

    def _mudar_situacao(self, idt: int, aplicada: set[Situacao], pedido: Chamada, **kwargs: Any) -> None:
        """An operation that moves the trâmite: never repeated blindly. When its answer is lost (timeout,
        connection dropped), the situação says whether it was applied; only if not is it sent once more."""
        try:
            self._chamar(pedido, **kwargs)
        except ErroDeConexao:
            if self.consultar_tramite(idt).situacao in aplicada:
                return
            self._chamar(pedido, **kwargs)

    # --- closing (remetente) ------------------------------------------------------------------
    def receber_recibo_de_tramite(self, idt: int) -> ReciboAssinado:
        pedido = chamada("receber_recibo_de_tramite", idt=idt)
        dados = self._json(pedido, params={"IDT": idt})
        return self._ler(pedido.nome, lambda: ReciboAssinado.de_json(RECIBO_DE_CONCLUSAO, dados))

    def receber_recibo_de_envio(self, idt: int) -> ReciboAssinado:
        pedido = chamada("receber_recibo_de_envio", idt=idt)
        dados = self._json(pedido)
        return self._ler(pedido.nome, lambda: ReciboAssinado.de_json(RECIBO_DE_ENVIO, dados))

    def dar_ciencia_da_recusa(self, idt: int) -> None:
        self._mudar_situacao(
            idt, {Situacao.CIENCIA_RECUSA}, chamada("dar_ciencia_da_recusa", idt=idt), params={"IDT": idt}
        )

    def cancelar_tramite(self, idt: int) -> None:
        self._mudar_situacao(
            idt,
            {Situacao.CANCELADO},
            chamada("cancelar_tramite", idt=idt),
            params={"IDT": idt},
        )
