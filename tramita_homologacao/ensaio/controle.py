"""The counterpart organ, seen from the harness: a simulated organ that it can ask to act.

Only the simulator has counterparts the harness can drive (its `/_simulador/` control API, which
is not part of the Tramita API). In homologação and produção the counterpart is operated by
people at PEN, so nothing here is sent there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import requests

from tramita_homologacao.configuracao.ambiente import Ambiente, ErroDeAmbiente, OperadorSimulado
from tramita_homologacao.conformidade.verificacoes import RecusaPrevista
from tramita_homologacao.orgao.assistido import Instrucao
from tramita_homologacao.orgao.processo_teste import DO_MINIMO, DocumentoAMais
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa


class ErroDoSimulador(Exception):
    pass


def raiz_do_simulador(url_raiz: str) -> str:
    """`http://host:porta` of a simulator, from the API's root URL (where the control API lives)."""
    return url_raiz.split("/interoperabilidade/")[0]


def ac_dos_sistemas(url_raiz: str, sessao: requests.Session) -> str:
    """The PEM of the authority that issues the simulated systems' certificates (empty if it has none)."""
    resposta = sessao.get(f"{raiz_do_simulador(url_raiz)}/_simulador/ac-dos-sistemas", timeout=30)
    return resposta.text if resposta.ok else ""


def esgotar_prazo(url_raiz: str, idt: int, sessao: requests.Session) -> None:
    """The simulator lets this trâmite stall past its deadline (the platform then cancels it: status 10)."""
    resposta = sessao.post(f"{raiz_do_simulador(url_raiz)}/_simulador/tramites/{idt}/esgotar-prazo", timeout=30)
    if not resposta.ok:
        raise ErroDoSimulador(
            f"O simulador recusou esgotar o prazo do trâmite {idt} (HTTP {resposta.status_code}): {resposta.text}"
        )


@dataclass(frozen=True)
class ProcessoEnviadoPelaContraparte:
    idt: int
    nre: str
    protocolo: str
    solicitados: tuple[str, ...] = ()  # the components the platform asked the counterpart to upload


@dataclass(frozen=True)
class OQueARecusa:
    """What a simulated counterpart's SEI refuses by itself, and so what to send for it to refuse."""

    sistema: str
    comportamento: str
    especies_nao_mapeadas: tuple[tuple[int, str], ...]  # (code, name)
    formatos_aceitos: frozenset[str]
    tamanho_maximo_mb: float | None

    def documento_recusado(self, pelo_que: str) -> tuple[DocumentoAMais, RecusaPrevista]:
        """A further document this destination refuses `pelo_que` ("especie", "formato" or "tamanho"), and how."""
        if self.comportamento == "sei":
            if pelo_que == "especie" and self.especies_nao_mapeadas:
                codigo, nome = self.especies_nao_mapeadas[0]
                prevista = RecusaPrevista(MotivoRecusa.ESPECIE_NAO_MAPEADA, "a espécie", nome)
                return DocumentoAMais(codigo, nome, para_que=RECUSADO), prevista
            nao_mapeadas = {codigo for codigo, _ in self.especies_nao_mapeadas}
            mapeada = next(e for e in ESPECIES_DO_DOCUMENTO_A_MAIS if e[0] not in nao_mapeadas)  # refused for the rest
            formato = next(f for f in FORMATOS_QUE_UM_SEI_RECUSA if f not in self.formatos_aceitos)
            if pelo_que == "formato":
                return DocumentoAMais(*mapeada, formato, para_que=RECUSADO), RecusaPrevista.formato(formato)
            if pelo_que == "tamanho" and self.tamanho_maximo_mb is not None:
                tamanho = int(self.tamanho_maximo_mb * 1024**2) + 64 * 1024
                prevista = RecusaPrevista(MotivoRecusa.OUTRO, "o tamanho máximo de", f"{self.tamanho_maximo_mb:g} Mb")
                return DocumentoAMais(*mapeada, "txt", tamanho, RECUSADO), prevista
        raise ErroDeAmbiente(
            f"A contraparte simulada {self.sistema} (comportamento {self.comportamento}) não recusa sozinha por "
            f"{pelo_que}: aponte o caso para uma que age como o SEI, como o SEI-ORGAO5 (unidade 2/300005)."
        )


# Formats no SEI is set to accept, in order of preference, and the espécies of the further document (the first the
# destination maps, when it is refused for its format or size).
FORMATOS_QUE_UM_SEI_RECUSA = ("odg", "7z", "rar", "mp4", "exe")
RECUSADO = "o destino o recusará sozinho"
ESPECIES_DO_DOCUMENTO_A_MAIS = ((13, "Certidão"), (25, "Despacho"), (42, "Ofício"))


class ContraparteSimulada:
    def __init__(self, url_raiz: str, sistema: str, sessao: requests.Session) -> None:
        self.url = f"{url_raiz.rstrip('/')}/_simulador/contrapartes/{sistema}"
        self.sistema = sistema
        self._sessao = sessao

    def _chamar(self, metodo: str, caminho: str, corpo: dict) -> requests.Response:
        resposta = self._sessao.request(metodo, f"{self.url}/{caminho}", json=corpo, timeout=30)
        if not resposta.ok:
            raise ErroDoSimulador(
                f"O simulador recusou o pedido à contraparte {self.sistema} "
                f"(HTTP {resposta.status_code}): {resposta.text}"
            )
        return resposta

    def enviar_processo(
        self, destinatario: Endereco, marca: str = "", extensao: str = ""
    ) -> ProcessoEnviadoPelaContraparte:
        """A processo to `destinatario`; with `extensao`, carrying a document in that file format."""
        corpo = {"destinatario": destinatario.como_json(), "marca": marca, "extensao": extensao}
        dados = self._chamar("POST", "envios", corpo).json()
        return ProcessoEnviadoPelaContraparte(int(dados["IDT"]), str(dados["NRE"]), str(dados["protocolo"]))

    def devolver(self, idt: int, destinatario: Endereco) -> ProcessoEnviadoPelaContraparte:
        """The processo of trâmite `idt` (one it received and concluded) back to `destinatario`, with a new
        document and only the components the destination does not hold."""
        corpo = {"idt": idt, "destinatario": destinatario.como_json()}
        dados = self._chamar("POST", "devolucoes", corpo).json()
        solicitados = tuple(str(h) for h in dados["componentesSolicitados"])
        return ProcessoEnviadoPelaContraparte(
            int(dados["IDT"]), str(dados["NRE"]), str(dados["protocolo"]), solicitados
        )

    def o_que_recusa(self) -> OQueARecusa:
        """What its SEI refuses by itself (nothing, unless it behaves as SEI)."""
        dados = self._sessao.get(self.url, timeout=30)
        if not dados.ok:
            raise ErroDoSimulador(
                f"O simulador não descreveu a contraparte {self.sistema} (HTTP {dados.status_code}): {dados.text}"
            )
        descricao = dados.json()
        return OQueARecusa(
            self.sistema,
            descricao["comportamento"],
            tuple((int(e["codigo"]), str(e["nome"])) for e in descricao["especiesNaoMapeadas"]),
            frozenset(descricao["formatosAceitos"]),
            descricao["tamanhoMaximoMb"],
        )

    def roteirizar(self, comportamento: str) -> None:
        """How the simulated system behaves from now on (`sei`: it receives and refuses by itself, as SEI's module)."""
        self._chamar("PUT", "roteiro", {"comportamento": comportamento})


def contraparte_simulada(
    ambiente: Ambiente, requisito: str, url_raiz: str, sessao: requests.Session
) -> ContraparteSimulada:
    contraparte = ambiente.contraparte(requisito)
    if ambiente.tipo != "simulador" or not contraparte.sistema_simulado:
        raise ErroDeAmbiente(
            f"No ambiente '{ambiente.nome}' a contraparte do requisito '{requisito}' "
            f"({contraparte.descricao or contraparte.endereco}) "
            "é operada por pessoas: peça a ela o envio do processo de teste. Só o simulador envia sob comando."
        )
    return ContraparteSimulada(url_raiz, contraparte.sistema_simulado, sessao)


class OperadorDoSpeSimulado:
    """Assisted mode against the simulator: each instruction becomes what a person would do in the organ's
    simulated SPE (an operation of its control API), with the environment's deliberate defects."""

    def __init__(
        self,
        url_raiz: str,
        sistema: str,
        sessao: requests.Session,
        configuracao: OperadorSimulado,
        anunciar: Callable[[Instrucao], None] = lambda instrucao: None,
    ) -> None:
        self.url = f"{url_raiz.rstrip('/')}/_simulador/spe/{sistema}/operacoes"
        self.sistema = sistema
        self.configuracao = configuracao
        self._sessao = sessao
        self._anunciar = anunciar

    def escolher(self, pergunta: str, opcoes: list[str]) -> int | None:
        return None  # a script does not pick: the run stops with the list, as with nobody at the terminal

    def instruir(self, instrucao: Instrucao) -> None:
        self._anunciar(instrucao)
        defeito = self.configuracao.defeito(instrucao.requisito)
        if defeito == "nao_age" or instrucao.acao == "observar":  # observar: the SPE acts by itself
            return
        operacao: dict = {"acao": instrucao.acao, "atrasoSegundos": self.configuracao.atraso_segundos}
        if instrucao.acao == "enviar":
            destino = instrucao.destinatario
            if defeito == "unidade_errada" and self.configuracao.unidade_errada is not None:
                destino = self.configuracao.unidade_errada.endereco
            assert destino is not None, "uma instrução de envio tem destino"
            variante = DO_MINIMO if defeito == "processo_comum" else instrucao.variante
            operacao |= {
                "destinatario": destino.como_json(),
                "descricao": instrucao.descricao,
                "documentoAvulso": variante.avulso,
                "componentesPorDocumento": variante.componentes_por_documento,
                "restrito": variante.restrito,
                "processoAnexado": variante.anexado,
                "processoApensado": variante.apensado,
            }
            if variante.a_mais is not None:
                a_mais = variante.a_mais
                operacao["documentoAMais"] = {
                    "especie": a_mais.especie_codigo,
                    "formato": a_mais.extensao,
                    "tamanhoBytes": a_mais.tamanho_minimo,
                }
        if instrucao.idt is not None:
            operacao["idt"] = instrucao.idt
        if instrucao.acao == "recusar" and instrucao.motivo is not None:
            outro = MotivoRecusa.FORMATO if instrucao.motivo != MotivoRecusa.FORMATO else MotivoRecusa.OUTRO
            motivo = outro if defeito == "outro_motivo" else instrucao.motivo
            operacao |= {"motivo": motivo.value, "justificativa": instrucao.justificativa}
        if defeito in ("falhar", "sem_recibo", "recibo_divergente", "hash_divergente"):
            operacao["defeito"] = defeito
        resposta = self._sessao.post(self.url, json=operacao, timeout=30)
        if not resposta.ok:
            raise ErroDoSimulador(
                f"O SPE simulado ({self.sistema}) recusou a operação (HTTP {resposta.status_code}): {resposta.text}"
            )


class VigiaDoSimulador:
    """Shows the operator, as they happen, the requests of their SPE that the simulator refused (and the real
    platform would): each with its path, code and message, which name the field and the rule."""

    def __init__(self, url_raiz: str, sistema: str, sessao: requests.Session, mostrar: Callable[[str], None]) -> None:
        self.url = f"{url_raiz.rstrip('/')}/_simulador/rejeicoes"
        self.sistema = sistema
        self._sessao = sessao
        self._mostrar = mostrar
        self._ultima = 0
        self._ultima = max((r["numero"] for r in self._novas()), default=0)  # only what happens from now on

    def _novas(self) -> list[dict]:
        try:
            parametros: dict[str, str | int] = {"sistema": self.sistema, "depois": self._ultima}
            resposta = self._sessao.get(self.url, params=parametros, timeout=10)
            return resposta.json() if resposta.ok else []
        except (requests.RequestException, ValueError):
            return []  # the next look tries again; the rehearsal goes on

    def __call__(self) -> None:
        for rejeicao in self._novas():
            self._ultima = rejeicao["numero"]
            self._mostrar(
                f"O simulador recusou uma requisição do SPE ({rejeicao['metodo']} {rejeicao['caminho']}): HTTP "
                f"{rejeicao['status']}, {rejeicao['codigoErro']} – {rejeicao['mensagem']} O Tramita.GOV.BR também a "
                "recusaria: corrija no SPE e repita a instrução."
            )
