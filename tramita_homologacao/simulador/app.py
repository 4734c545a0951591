"""The HTTP surface of the simulator: the real API's paths mapped onto the model, nothing more.

Identity of the caller (`docs/api-tramita.md` §1.2): the client certificate when TLS is on; otherwise
the `X-Simulador-Sistema` header; otherwise the default system given at start-up, so that an
unmodified SPE module can be pointed at the simulator.
"""

from __future__ import annotations

import ipaddress
import itertools
import logging
import re
import secrets
from collections import deque
from collections.abc import Iterator
from typing import IO

import pybase64
from flask import Blueprint, Flask, Request, Response, current_app, g, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException

from tramita_homologacao.protocolo.assinatura import impressao_digital
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.operacoes import OPERACOES
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO
from tramita_homologacao.simulador import respostas
from tramita_homologacao.simulador.armazem import Fatia
from tramita_homologacao.simulador.contrapartes import FORMATOS_ACEITOS_PELO_SEI, Contrapartes
from tramita_homologacao.simulador.erros import (
    ControleNegado,
    ErroDaPlataforma,
    RecursoNaoEncontrado,
    RequisicaoInvalida,
    SistemaNaoAutorizado,
)
from tramita_homologacao.simulador.modelo import Plataforma
from tramita_homologacao.simulador.pedidos_de_controle import (
    DevolucaoPedido,
    EnvioDaContraparte,
    OperacaoPedido,
    RoteiroPedido,
    SaltoDoRelogio,
    ler_pedido,
)

CABECALHO_SISTEMA = "X-Simulador-Sistema"
CABECALHO_TOKEN = "X-Simulador-Token"
PREFIXO_API = "/interoperabilidade/rest/<versao>"
MENSAGENS_HTTP = {
    404: "Recurso não encontrado",
    405: "Método não permitido neste recurso",
    413: "Requisição grande demais",
}
# Request size limits: a JSON body is small; a part of a componente digital is at most the largest block the
# official module allows (200 MB), plus the multipart framing.
LIMITE_JSON = 10 * 1024 * 1024
LIMITE_PARTE = 200 * 1024 * 1024 + 64 * 1024
CONTROLE_DE_TEXTO = re.compile(r"[\x00-\x1f\x7f]")
BLOCO_BASE64 = 3 * 1024 * 1024  # a multiple of 3: each block's base64 has no padding
log = logging.getLogger(__name__)
log_de_acesso = logging.getLogger("tramita_homologacao.simulador.acesso")

api = Blueprint("api", __name__, url_prefix=PREFIXO_API)
controle = Blueprint("controle", __name__, url_prefix="/_simulador")


def rota(id_: str):
    """The route of an operation of the table (`protocolo/operacoes.py`), named by its id."""
    operacao = OPERACOES[id_]
    return api.route(f"/{operacao.caminho}", methods=[operacao.metodo], endpoint=id_)


def _plataforma() -> Plataforma:
    return current_app.extensions["plataforma"]


def _contrapartes() -> Contrapartes:
    return current_app.extensions["contrapartes"]


def _sistema() -> str:
    if "sistema" in g:  # already identified in this request
        return g.sistema
    pem = request.environ.get("SSL_CLIENT_CERT")
    if pem:
        g.sistema = _plataforma().sistema_do_certificado(impressao_digital(pem))
        return g.sistema
    nome = request.headers.get(CABECALHO_SISTEMA) or current_app.config["SISTEMA_PADRAO"]
    if not nome:
        raise SistemaNaoAutorizado(
            "Nenhum certificado digital apresentado: o Tramita.GOV.BR identifica o sistema pelo certificado."
        )
    _plataforma().sistema(nome)
    g.sistema = nome
    return nome


def _json() -> dict:
    try:
        dados = request.get_json(silent=True, force=True)
    except RecursionError:
        raise RequisicaoInvalida("O corpo da requisição é um JSON aninhado demais.") from None
    if not isinstance(dados, dict):
        raise RequisicaoInvalida("O corpo da requisição deve ser um objeto JSON.")
    return dados


def _inteiro(nome: str) -> int | None:
    valor = request.args.get(nome)
    if valor in (None, ""):
        return None
    try:
        return int(valor)
    except ValueError:
        raise RequisicaoInvalida(f"O parâmetro {nome} deve ser um número inteiro.") from None


def _booleano(nome: str) -> bool:
    return request.args.get(nome, "").lower() in {"1", "true"}


def _endereco_da_consulta(prefixo: str) -> Endereco | None:
    repositorio = _inteiro(f"{prefixo}[identificacaoDoRepositorioDeEstruturas]")
    estrutura = _inteiro(f"{prefixo}[numeroDeIdentificacaoDaEstrutura]")
    return Endereco(repositorio, estrutura) if repositorio is not None and estrutura is not None else None


@api.url_value_preprocessor
def _conferir_versao(endpoint, valores) -> None:
    versao = valores.pop("versao")
    if versao != current_app.config["VERSAO_API"]:
        raise RecursoNaoEncontrado(f"Versão da API '{versao}' não disponível neste servidor.")
    operacao = OPERACOES[endpoint.removeprefix("api.")]
    if versao not in operacao.versoes:
        raise RecursoNaoEncontrado(f"A operação '{operacao.nome}' não existe na versão '{versao}' da API.")
    # Every operation, the catalogs included, is of an identified system. The healthcheck is not: the official
    # module's installation check reaches it first and only then tests the certificate's link on tramites/pendentes.
    if endpoint != "api.healthcheck":
        _sistema()


# --- tables --------------------------------------------------------------------------------------
@rota("healthcheck")
def healthcheck():
    return jsonify({"status": "UP"})


@rota("listar_repositorios")
def repositorios():
    return jsonify([{"id": r.id, "nome": r.nome, "ativo": r.ativo} for r in _plataforma().repositorios()])


@rota("consultar_estruturas")
def estruturas(repositorio: int):
    p = _plataforma()
    encontradas = p.estruturas(
        repositorio,
        apenas_ativas=_booleano("apenasAtivas"),
        sigla=request.args.get("sigla"),
        nome=request.args.get("nome"),
        permite_recebimento=_booleano("permiteRecebimento"),
        raiz=_inteiro("numeroDeIdentificacaoDaEstruturaRaizDaConsulta"),
    )
    inicio = _inteiro("registroInicial") or 0
    quantidade = _inteiro("quantidadeDeRegistros") or len(encontradas)
    pagina = encontradas[inicio : inicio + quantidade]
    return jsonify({"estruturas": [respostas.estrutura(p, e) for e in pagina], "totalDeRegistros": len(encontradas)})


@rota("consultar_estrutura")
def estrutura(repositorio: int, numero: int):
    p = _plataforma()
    return jsonify(respostas.estrutura(p, p.estrutura(repositorio, numero)))


@rota("listar_especies")
def especies():
    return jsonify(
        {"especies": [{"codigo": e.codigo, "nomeNoProdutor": e.nome} for e in _plataforma().semente.especies]}
    )


@rota("listar_hipoteses_legais")
def hipoteses():
    ativos = request.args.get("ativos")
    itens = [
        h
        for h in _plataforma().semente.hipoteses
        if ativos in (None, "") or h.ativa == (ativos.lower() in {"1", "true"})
    ]
    return jsonify(
        {
            "hipotesesLegais": [
                {"identificacao": h.identificacao, "nome": h.nome, "baseLegal": h.base_legal, "status": h.ativa}
                for h in itens
            ]
        }
    )


@rota("listar_motivos_de_urgencia")
def motivos_urgencia():
    return jsonify({"motivosUrgencia": [{"descricao": m.descricao} for m in _plataforma().semente.motivos_urgencia]})


# --- sending -------------------------------------------------------------------------------------
def _novo_tramite(tipo: str, campo: str):
    dados = _json()
    t = _plataforma().criar_tramite(_sistema(), tipo, dados.get("cabecalho"), dados.get(campo))
    return jsonify(
        {
            "IDT": t.idt,
            "NRE": t.nre,
            "dataHoraDeRegistroDoTramite": respostas.data_hora(t.registro),
            "ticketParaEnvioDeComponentesDigitais": t.ticket,
            "processosComComponentesDigitaisSolicitados": [
                {"protocolo": protocolo, "hashes": hashes} for protocolo, hashes in t.solicitados_por_protocolo()
            ],
        }
    )


@rota("enviar_processo")
def enviar_processo():
    return _novo_tramite("P", "processo")


@rota("enviar_documento")
def enviar_documento():
    return _novo_tramite("D", "documento")


def _parte_multipart() -> tuple[IO[bytes], str, str]:
    arquivo = request.files.get("conteudo")
    hash_ = request.form.get("hashDoComponenteDigital")
    protocolo = request.form.get("protocolo")
    if arquivo is None or not hash_ or not protocolo:
        raise RequisicaoInvalida(
            "Envio de componente digital em multipart/form-data exige as partes conteudo, "
            "hashDoComponenteDigital e protocolo."
        )
    return arquivo.stream, hash_.strip(), protocolo.strip()


@rota("enviar_componente_digital")
def enviar_componente(ticket: int):
    conteudo, hash_, protocolo = _parte_multipart()
    _plataforma().enviar_componente(_sistema(), ticket, protocolo, hash_, conteudo)
    return Response(status=204)


@rota("enviar_parte_de_componente_digital")
def enviar_parte(ticket: int, inicio: int, fim: int):
    conteudo, hash_, protocolo = _parte_multipart()
    _plataforma().enviar_parte(_sistema(), ticket, protocolo, hash_, inicio, fim, conteudo)
    return Response(status=204)


@rota("sinalizar_termino_do_envio")
def sinalizar_termino(ticket: int):
    dados = _json()
    _plataforma().sinalizar_termino_de_envio(
        _sistema(), ticket, str(dados.get("protocolo", "")), str(dados.get("hashDoComponenteDigital", ""))
    )
    return Response(status=204)


# --- following and receiving ---------------------------------------------------------------------
@rota("listar_pendencias")
def pendentes():
    return jsonify([{"IDT": t.idt, "status": int(t.situacao)} for t in _plataforma().listar_pendencias(_sistema())])


@rota("consultar_tramites")
def consultar_tramites():
    encontrados = _plataforma().consultar_tramites(
        _sistema(),
        idt=_inteiro("IDT"),
        nre=request.args.get("NRE"),
        protocolo=request.args.get("protocolo"),
        remetente=_endereco_da_consulta("remetente"),
        destinatario=_endereco_da_consulta("destinatario"),
    )
    return jsonify({"tramites": [respostas.tramite(t) for t in encontrados]})


@rota("solicitar_metadados")
def solicitar_metadados(idt: int):
    return jsonify(respostas.metadados(_plataforma().solicitar_metadados(_sistema(), idt)))


@rota("cancelar_tramite")
def cancelar(idt: int):
    _plataforma().cancelar(_sistema(), idt)
    return Response(status=204)


@rota("baixar_componente_digital")
@rota("baixar_parte_de_componente_digital")
def baixar_componente(idt: int, inicio: int | None = None, fim: int | None = None):
    dados = _json()
    fatia = _plataforma().baixar_componente(
        _sistema(), idt, str(dados.get("protocolo", "")), str(dados.get("hashDoComponenteDigital", "")), inicio, fim
    )
    # A JSON string written as it is encoded: base64 needs no escaping, and blocks of a multiple of 3 bytes
    # encode without padding, so the part never sits whole in memory.
    tamanho = fatia.fim - fatia.inicio
    return Response(
        _string_json_base64(fatia),
        mimetype="application/json",
        headers={"Content-Length": str(2 + 4 * -(-tamanho // 3))},
    )


def _string_json_base64(fatia: Fatia) -> Iterator[bytes]:
    yield b'"'
    for bloco in fatia.blocos(BLOCO_BASE64):
        yield pybase64.b64encode(bloco)
    yield b'"'


@rota("enviar_recibo_de_tramite")
def enviar_recibo(idt: int):
    dados = _json()
    _plataforma().enviar_recibo(
        _sistema(), idt, str(dados.get("dataDeRecebimento") or ""), str(dados.get("hashDaAssinatura") or "")
    )
    return Response(status=204)


@rota("receber_recibo_de_tramite")
def receber_recibo(idt: int):
    tramite = _plataforma().receber_recibo(_sistema(), idt)
    assert tramite.recibo is not None, "receber_recibo só devolve trâmites com recibo"
    return jsonify(respostas.recibo(RECIBO_DE_CONCLUSAO, tramite, tramite.recibo))


@rota("receber_recibo_de_envio")
def recibo_de_envio(idt: int):
    return jsonify(respostas.recibo(RECIBO_DE_ENVIO, *_plataforma().recibo_de_envio(_sistema(), idt)))


@rota("recusar_tramite")
def recusar(idt: int):
    dados = _json()
    _plataforma().recusar(_sistema(), idt, str(dados.get("motivo", "")), str(dados.get("justificativa") or ""))
    return Response(status=204)


@rota("dar_ciencia_da_recusa")
def ciencia(idt: int):
    _plataforma().dar_ciencia(_sistema(), idt)
    return jsonify({"status": "sucesso", "mensagem": "Ciência registrada com sucesso."})


# --- control (not part of the Tramita API) -------------------------------------------------------
@controle.before_request
def _proteger_controle() -> None:
    """Who may drive the simulator: under mutual TLS a certificate given the control role; with a token (the
    simulator listens beyond this machine) whoever sends it; otherwise only this machine (loopback)."""
    pem = request.environ.get("SSL_CLIENT_CERT")
    if pem:
        if impressao_digital(pem) not in current_app.extensions["certificados_de_controle"]:
            raise ControleNegado(
                "Este certificado não tem o papel de controle do simulador: inicie-o com --controle <certificado.pem> "
                "para que o harness possa conduzir as contrapartes."
            )
        return
    token = current_app.config["TOKEN_DE_CONTROLE"]
    if token:
        if not secrets.compare_digest(request.headers.get(CABECALHO_TOKEN, ""), token):
            raise ControleNegado(
                f"A API de controle exige o cabeçalho {CABECALHO_TOKEN} mostrado ao iniciar o simulador."
            )
        return
    if not ipaddress.ip_address(request.remote_addr or "0.0.0.0").is_loopback:
        raise ControleNegado("A API de controle do simulador só atende pedidos desta máquina (loopback).")


@controle.post("/contrapartes/<sistema>/envios")
def contraparte_envia(sistema: str):
    pedido = ler_pedido(EnvioDaContraparte, _json(), "Envio da contraparte inválido")
    t = _contrapartes().enviar_processo(sistema, pedido.destinatario.endereco, pedido.marca, extensao=pedido.extensao)
    return jsonify({"IDT": t.idt, "NRE": t.nre, "protocolo": t.protocolo})


@controle.post("/contrapartes/<sistema>/devolucoes")
def contraparte_devolve(sistema: str):
    """The counterpart sends back, with a new document and only the pending components, a processo it received;
    the answer says which components the platform asked of it (those the destination lacks)."""
    pedido = ler_pedido(DevolucaoPedido, _json(), "Devolução inválida")
    t = _contrapartes().devolver(sistema, pedido.idt, pedido.destinatario.endereco)
    solicitados = [h for _, hashes in t.solicitados_por_protocolo() for h in hashes]
    return jsonify({"IDT": t.idt, "NRE": t.nre, "protocolo": t.protocolo, "componentesSolicitados": solicitados})


@controle.get("/contrapartes/<sistema>")
def descrever_contraparte(sistema: str):
    """What a counterpart does, and (behaviour `sei`) what its SEI refuses by itself: the espécies it does not map,
    the file formats it accepts, its maximum size (the extended profile asks, to send what it will refuse)."""
    comportamento = _contrapartes().contraparte(sistema).roteiro.comportamento
    configurado = _plataforma().sistema(sistema)
    nomes = {e.codigo: e.nome for e in _plataforma().semente.especies}
    sei = comportamento == "sei"
    return jsonify(
        {
            "sistema": sistema,
            "comportamento": comportamento,
            "especiesNaoMapeadas": [
                {"codigo": c, "nome": nomes.get(c, "")} for c in (configurado.especies_nao_mapeadas if sei else ())
            ],
            "formatosAceitos": sorted(FORMATOS_ACEITOS_PELO_SEI) if sei else [],
            "tamanhoMaximoMb": configurado.tamanho_maximo_mb if sei else None,
        }
    )


@controle.put("/contrapartes/<sistema>/roteiro")
def roteirizar(sistema: str):
    _contrapartes().roteirizar(sistema, ler_pedido(RoteiroPedido, _json(), "Roteiro inválido").roteiro())
    return Response(status=204)


@controle.post("/spe/<sistema>/operacoes")
def operar_spe(sistema: str):
    """The operator of a simulated SPE acts (send, receive, refuse, cancel); it happens `atrasoSegundos` later."""
    especies = {e.codigo: e.nome for e in _plataforma().semente.especies}
    operacao = ler_pedido(OperacaoPedido, _json(), "Operação inválida").operacao(especies)
    _contrapartes().operar(sistema, operacao)
    return jsonify({"agendada": True, "acao": operacao.acao, "sistema": sistema}), 202


@controle.get("/ac-dos-sistemas")
def ac_dos_sistemas():
    """The authority that issues every simulated system's certificate (PEM): who may sign a recibo here."""
    return _plataforma().autoridade.certificado_pem, 200, {"Content-Type": "application/x-pem-file"}


@controle.get("/rejeicoes")
def rejeicoes():
    """What the simulator refused (4xx) to each system, oldest first: `?sistema=` and `?depois=<numero>`."""
    sistema, depois = request.args.get("sistema"), _inteiro("depois") or 0
    todas = current_app.extensions["rejeicoes"]
    return jsonify([r for r in list(todas) if r["numero"] > depois and (not sistema or r["sistema"] == sistema)])


@controle.post("/relogio/avancar")
def avancar_relogio():
    _plataforma().relogio.avancar(ler_pedido(SaltoDoRelogio, _json(), "Avanço do relógio inválido").segundos)
    _plataforma().expirar_parados()
    return Response(status=204)


@controle.post("/tramites/<int:idt>/esgotar-prazo")
def esgotar_prazo(idt: int):
    """The trâmite's deadline runs out now (its dates move back): in 1–4, the platform cancels it (10)."""
    return jsonify({"IDT": idt, "situacao": int(_plataforma().esgotar_prazo(idt))})


class _JuntarBarras:
    """`rest/v3//healthcheck` (the module's installation check) must reach `rest/v3/healthcheck`."""

    def __init__(self, wsgi) -> None:
        self.wsgi = wsgi

    def __call__(self, environ, start_response):
        caminho = environ.get("PATH_INFO", "")
        while "//" in caminho:
            caminho = caminho.replace("//", "/")
        environ["PATH_INFO"] = caminho
        return self.wsgi(environ, start_response)


class _Pedido(Request):
    """A file in a multipart body goes straight to the simulator's store, where a component's part stays: it is
    written once, never through a temporary copy (an unadopted one is removed when the request ends)."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return _plataforma().armazem.chegada()


def criar_app(
    plataforma: Plataforma,
    contrapartes: Contrapartes,
    *,
    versao_api: str = "v3",
    sistema_padrao: str | None = None,
    token_de_controle: str | None = None,
) -> Flask:
    app = Flask("tramita_homologacao.simulador")
    app.request_class = _Pedido
    app.config.update(
        VERSAO_API=versao_api,
        SISTEMA_PADRAO=sistema_padrao,
        MAX_CONTENT_LENGTH=None,
        TOKEN_DE_CONTROLE=token_de_controle,
    )
    app.extensions["certificados_de_controle"] = set()  # fingerprints given the control role
    json_ = DefaultJSONProvider(app)
    json_.sort_keys = False
    json_.ensure_ascii = False
    app.json = json_
    app.extensions["plataforma"] = plataforma
    app.extensions["contrapartes"] = contrapartes
    app.register_blueprint(api)
    app.register_blueprint(controle)

    rejeicoes: deque[dict] = deque(maxlen=500)
    numeracao = itertools.count(1)
    app.extensions["rejeicoes"] = rejeicoes

    def lembrar_rejeicao(status: int, corpo: dict) -> None:
        """A refused API request, kept for the operator of an SPE under rehearsal (assisted mode shows it)."""
        if 400 <= status < 500 and not request.path.startswith("/_simulador/"):
            rejeicoes.append(
                {
                    "numero": next(numeracao),
                    "sistema": g.get("sistema", request.headers.get(CABECALHO_SISTEMA, "?")),
                    "metodo": request.method,
                    "caminho": request.path,
                    "status": status,
                    "codigoErro": corpo.get("codigoErro"),
                    "mensagem": corpo.get("mensagem"),
                }
            )

    @app.errorhandler(ErroDaPlataforma)
    def erro_api(erro: ErroDaPlataforma):
        lembrar_rejeicao(erro.http_status, erro.como_json())
        return jsonify(erro.como_json()), erro.http_status

    @app.errorhandler(HTTPException)
    def erro_http(erro: HTTPException):
        codigo = erro.code or 500
        motivo = MENSAGENS_HTTP.get(codigo, erro.name)
        limite = f" (limite: {request.max_content_length} bytes)" if codigo == 413 else ""
        corpo = {
            "codigoErro": f"{codigo:04d}",
            "mensagem": f"{motivo}{limite}: {request.method} {request.path}",
            "status": codigo,
        }
        lembrar_rejeicao(codigo, corpo)
        return jsonify(corpo), codigo

    @app.errorhandler(Exception)
    def erro_interno(erro: Exception):
        log.exception("Erro interno do simulador")
        return jsonify({"codigoErro": "0500", "mensagem": f"Erro interno do simulador: {erro}", "status": 500}), 500

    @app.before_request
    def limitar_tamanho() -> None:
        envio_de_parte = request.method == "PUT" and "/componentes-a-enviar" in request.path
        request.max_content_length = LIMITE_PARTE if envio_de_parte else LIMITE_JSON

    @app.after_request
    def registrar_acesso(resposta: Response) -> Response:
        # Control characters (a %0A in the path) are written escaped: no request can forge a log line.
        caminho = CONTROLE_DE_TEXTO.sub(lambda m: f"\\x{ord(m.group()):02x}", request.full_path.rstrip("?"))
        sistema = CONTROLE_DE_TEXTO.sub("?", str(g.get("sistema", "?")))
        log_de_acesso.info("%s %s → HTTP %s (sistema %s)", request.method, caminho, resposta.status_code, sistema)
        return resposta

    app.wsgi_app = _JuntarBarras(app.wsgi_app)  # type: ignore[method-assign]  # Flask's middleware pattern
    return app
