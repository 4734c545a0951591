"""The counterpart organ, seen from the harness: a simulated organ that it can ask to act.

Only the simulator has counterparts the harness can drive (its `/_simulador/` control API, which
is not part of the Tramita API). In homologação and produção the counterpart is operated by
people at PEN, so nothing here is sent there.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from tramita_homologacao.configuracao.ambiente import Ambiente, ErroDeAmbiente
from tramita_homologacao.protocolo.dominio import Endereco


class ErroDoSimulador(Exception):
    pass


@dataclass(frozen=True)
class ProcessoEnviadoPelaContraparte:
    idt: int
    nre: str
    protocolo: str


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

    def enviar_processo(self, destinatario: Endereco, marca: str = "") -> ProcessoEnviadoPelaContraparte:
        dados = self._chamar("POST", "envios", {"destinatario": destinatario.como_json(), "marca": marca}).json()
        return ProcessoEnviadoPelaContraparte(int(dados["IDT"]), str(dados["NRE"]), str(dados["protocolo"]))


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
