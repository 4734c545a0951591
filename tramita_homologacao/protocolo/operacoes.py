"""Every operation of the Tramita.GOV.BR REST API, written once: name, method, path, versions.

The client builds its requests from this table and the simulator its routes; a test ties it to the
endpoint table of `docs/api-tramita.md` (§2), and `docs/cobertura-da-api.md` is generated from it.
A path is relative to `.../interoperabilidade/rest/<versao>/`, its parameters written `<int:nome>`
(or `<nome>` for text). A difference between API versions is a row's `versoes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSOES = ("v3",)  # the API versions the harness knows (v4 is announced: its differences will be rows here)
_PARAMETRO = re.compile(r"<(?:int:)?(\w+)>")


@dataclass(frozen=True)
class Chamada:
    """One operation with its parameters filled in: what the client sends and names in the evidence."""

    nome: str
    metodo: str
    caminho: str


@dataclass(frozen=True)
class OperacaoDaApi:
    id: str
    nome: str  # as the evidence names the call; may use the path's parameters
    metodo: str
    caminho: str
    secao: str  # of docs/api-tramita.md
    versoes: tuple[str, ...] = VERSOES

    def chamada(self, **valores: object) -> Chamada:
        caminho = _PARAMETRO.sub(lambda m: str(valores[m.group(1)]), self.caminho)
        return Chamada(self.nome.format(**valores), self.metodo, caminho)

    @property
    def forma(self) -> str:
        """The path with every parameter as `{}` (how the documentation's table is compared)."""
        return _PARAMETRO.sub("{}", self.caminho)


_TICKET = "tickets-de-envio-de-componente/<int:ticket>/protocolos/componentes-a-enviar"
_ESTRUTURAS = "repositorios-de-estruturas/<int:repositorio>/estruturas-organizacionais"
_COMPONENTES = "tramites/<int:idt>/protocolos/componentes-digitais"

OPERACOES: dict[str, OperacaoDaApi] = {
    o.id: o
    for o in (
        OperacaoDaApi("healthcheck", "Verificação de disponibilidade", "GET", "healthcheck", "2.1"),
        OperacaoDaApi(
            "listar_repositorios", "Consulta de repositórios de estruturas", "GET", "repositorios-de-estruturas", "2.2"
        ),
        OperacaoDaApi("consultar_estruturas", "Consulta de estruturas organizacionais", "GET", _ESTRUTURAS, "2.3"),
        OperacaoDaApi(
            "consultar_estrutura", "Consulta de estrutura organizacional", "GET", f"{_ESTRUTURAS}/<int:numero>", "2.4"
        ),
        OperacaoDaApi("listar_especies", "Consulta de espécies documentais", "GET", "especies", "2.5"),
        OperacaoDaApi("listar_hipoteses_legais", "Consulta de hipóteses legais", "GET", "hipoteses", "2.6"),
        OperacaoDaApi("listar_motivos_de_urgencia", "Consulta de motivos de urgência", "GET", "motivosUrgencia", "2.7"),
        OperacaoDaApi("enviar_processo", "Envio de processo", "POST", "tramites/processo", "2.8"),
        OperacaoDaApi("enviar_documento", "Envio de documento avulso", "POST", "tramites/documento", "2.8.4"),
        OperacaoDaApi("enviar_componente_digital", "Envio de componente digital", "PUT", _TICKET, "2.9"),
        OperacaoDaApi(
            "enviar_parte_de_componente_digital",
            "Envio da parte {inicio}-{fim} do componente digital",
            "PUT",
            f"{_TICKET}/partes/<int:inicio>-<int:fim>",
            "2.10",
        ),
        OperacaoDaApi(
            "sinalizar_termino_do_envio",
            "Sinalização de término do envio das partes",
            "POST",
            f"{_TICKET}/partes/sinalizacao-termino-envio",
            "2.11",
        ),
        OperacaoDaApi("listar_pendencias", "Listagem de pendências", "GET", "tramites/pendentes", "2.12"),
        OperacaoDaApi("consultar_tramites", "Consulta de trâmites", "GET", "tramites", "2.13"),
        OperacaoDaApi("solicitar_metadados", "Solicitação de metadados", "GET", "tramites/<int:idt>", "2.14"),
        OperacaoDaApi("baixar_componente_digital", "Recebimento do componente digital", "POST", _COMPONENTES, "2.15"),
        OperacaoDaApi(
            "baixar_parte_de_componente_digital",
            "Recebimento da parte {inicio}-{fim} do componente digital",
            "POST",
            f"{_COMPONENTES}/partes/<int:inicio>-<int:fim>",
            "2.15",
        ),
        OperacaoDaApi(
            "enviar_recibo_de_tramite", "Envio de recibo de conclusão", "POST", "tramites/<int:idt>/recibo", "2.16"
        ),
        OperacaoDaApi(
            "receber_recibo_de_tramite",
            "Recebimento do recibo de conclusão",
            "GET",
            "tramites/<int:idt>/recibo",
            "2.17",
        ),
        OperacaoDaApi(
            "receber_recibo_de_envio",
            "Recebimento do recibo de envio",
            "GET",
            "tramites/<int:idt>/recibo-de-envio",
            "2.18",
        ),
        OperacaoDaApi("recusar_tramite", "Recusa de trâmite", "POST", "tramites/<int:idt>/recusa", "2.19"),
        OperacaoDaApi("dar_ciencia_da_recusa", "Ciência de recusa", "GET", "tramites/<int:idt>/ciencia", "2.20"),
        OperacaoDaApi("cancelar_tramite", "Cancelamento de trâmite", "DELETE", "tramites/<int:idt>", "2.21"),
        OperacaoDaApi(
            "reproduzir_ultimo_tramite",
            "Reprodução do último trâmite",
            "POST",
            "NREs/<nre>/destinatarios/<int:repositorio>/<int:estrutura>/reproducoes-de-tramite",
            "2.22",
        ),
    )
}


def chamada(id_: str, **valores: object) -> Chamada:
    return OPERACOES[id_].chamada(**valores)
