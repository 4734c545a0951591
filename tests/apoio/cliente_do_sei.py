"""The official SEI module's own REST client (`ProcessoEletronicoRN`, from mod-sei-pen) against the simulator: every
flow of an organ, made by the module's calls, each on a fresh platform over mutual TLS, as the organ's system.

    python -m tests.apoio.cliente_do_sei CAMINHO/DO/mod-sei-pen

Needs PHP with curl, mbstring and Guzzle (Debian: php-cli php-curl php-mbstring php-guzzlehttp-guzzle). The
payloads the module would build from SEI's database (ExpedirProcedimentoRN, EnviarReciboTramiteRN) are built here
in the same shape; every request goes through the module's client. Exit 0 when every flow ends as the platform
says it must.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

import trustme

from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao, preparar_servidor
from tests.apoio.simulador import DIGED_ANEX, ORGAO, ORGAO1, ORGAO3, ORGAO4, PROTOCOLO_ANEX, vincular_certificado
from tramita_homologacao.orgao.processo_teste import (
    DO_MINIMO,
    Variante,
    documento_grande,
    gerar_processo_de_teste,
    novo_faker,
)
from tramita_homologacao.protocolo.situacoes import Situacao as S
from tramita_homologacao.simulador.processo_da_contraparte import Forma
from tramita_homologacao.simulador.servidor import ConfiguracaoTls, Simulador

PHP = Path(__file__).parent / "sei"
PARTE = 1024**2  # the parts the module sends and asks for (WS_TAMANHO_BLOCO_TRANSFERENCIA is 50 MB; smaller here)


class FalhaDoModulo(Exception):
    pass


@dataclass
class Modulo:
    """One call of the module's client = one PHP process, with the organ's certificate."""

    src: Path
    url: str
    certificado: Path
    ca: Path

    def __call__(self, metodo: str, *argumentos: object) -> Any:  # the module's answer, as JSON
        comando = [
            "php",
            f"-dcurl.cainfo={self.ca}",
            f"-dopenssl.cafile={self.ca}",
            str(PHP / "chamar.php"),
            str(self.src),
            self.url,
            str(self.certificado),
            SENHA,
            metodo,
        ]
        feito = subprocess.run(
            comando, input=json.dumps(argumentos), capture_output=True, text=True, timeout=120, check=False
        )
        try:
            resposta = json.loads(feito.stdout)
        except json.JSONDecodeError:
            raise FalhaDoModulo(
                f"{metodo}: saída inesperada do PHP: {feito.stdout[:300]} {feito.stderr[:300]}"
            ) from None
        if "erro" in resposta:
            raise FalhaDoModulo(f"{metodo}: {resposta['erro']}")
        return resposta["resultado"]


def _bytes(valor: object) -> bytes:
    if isinstance(valor, dict) and "__base64__" in valor:
        return base64.b64decode(valor["__base64__"])
    assert isinstance(valor, str), f"conteúdo inesperado: {type(valor)}"
    return valor.encode("utf-8")


def _b64(dados: bytes) -> dict:
    return {"__base64__": base64.b64encode(dados).decode("ascii")}


def _esperar(simulador: Simulador, idt: int, situacoes: set[S], segundos: float = 30) -> S:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        situacao = simulador.plataforma.tramite_visivel(ORGAO, idt).situacao
        if situacao in situacoes:
            return situacao
        time.sleep(0.05)
    raise FalhaDoModulo(
        f"o trâmite {idt} ficou na situação {int(situacao)}, sem chegar a {sorted(map(int, situacoes))}"
    )


# --- the organ as remetente ---------------------------------------------------------------------------------
def _enviar(modulo: Modulo, processo, destino, *, partes: bool = False, cabecalho_extra: dict | None = None) -> dict:
    """enviarProcessoREST, then each component asked for (per protocolo), whole or in parts, by the module."""
    cabecalho = {
        "remetente": PROTOCOLO_ANEX.como_json(),
        "destinatario": destino.como_json(),
        "enviarApenasComponentesDigitaisPendentes": False,
        **(cabecalho_extra or {}),
    }
    novo = modulo(
        "enviarProcessoREST", {"novoTramiteDeProcesso": {"cabecalho": cabecalho, "processo": processo.como_json()}}
    )
    assert isinstance(novo, dict)
    arquivos = {c.hash: c.caminho.read_bytes() for c in processo.componentes}
    ticket = novo["ticketParaEnvioDeComponentesDigitais"]
    for pedido in novo["processosComComponentesDigitaisSolicitados"]:
        for hash_ in pedido["hashes"]:
            dados = {
                "ticketParaEnvioDeComponentesDigitais": ticket,
                "protocolo": pedido["protocolo"],
                "hashDoComponenteDigital": hash_,
            }
            conteudo = arquivos[hash_]
            if not partes or len(conteudo) <= PARTE:
                modulo(
                    "enviarComponenteDigital",
                    {"dadosDoComponenteDigital": dados | {"conteudoDoComponenteDigital": _b64(conteudo)}},
                )
                continue
            for inicio in range(0, len(conteudo), PARTE):
                fim = min(inicio + PARTE, len(conteudo))
                parte = dados | {"identificacaoDaParte": {"inicio": inicio, "fim": fim}}
                parte["conteudoDaParteDeComponenteDigital"] = _b64(conteudo[inicio:fim])
                modulo("enviarParteDeComponenteDigital", {"dadosDaParteDeComponenteDigital": parte})
            modulo("sinalizarTerminoDeEnvioDasPartesDoComponente", {"dadosDoTerminoDeEnvioDePartes": dados})
    return novo


def _concluir_envio(simulador: Simulador, modulo: Modulo, idt: int, hashes: list[str]) -> str:
    _esperar(simulador, idt, {S.RECIBO_ENVIADO_DESTINATARIO})
    envio = modulo("receberReciboDeEnvio", idt)
    conclusao = modulo("receberReciboDeTramite", idt)
    assert isinstance(envio, dict) and isinstance(conclusao, dict)
    if sorted(conclusao["recibo"]["hashesDosComponentesDigitais"]) != sorted(hashes):
        raise FalhaDoModulo("o recibo de conclusão não traz os hashes enviados")
    _esperar(simulador, idt, {S.RECIBO_RECEBIDO_REMETENTE})
    return f"IDT {idt}: 1→6, recibos de envio e de conclusão lidos pelo módulo"


def _processo(pasta: Path, nome: str, variante: Variante = DO_MINIMO):
    return gerar_processo_de_teste(
        novo_faker(), pasta / nome, unidade="Protocolo", sigla_unidade="ANEX", marca="TESTE – ANEX", variante=variante
    )


def envio(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    processo = _processo(pasta, "envio")
    novo = _enviar(modulo, processo, ORGAO1)
    return _concluir_envio(simulador, modulo, novo["IDT"], [c.hash for c in processo.componentes])


def envio_em_partes(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    processo = _processo(pasta, "partes", Variante(a_mais=documento_grande(PARTE * 5 // 2)))
    novo = _enviar(modulo, processo, ORGAO1, partes=True)
    return _concluir_envio(simulador, modulo, novo["IDT"], [c.hash for c in processo.componentes]) + ", em partes"


def envio_com_anexado_e_apensado(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    processo = _processo(pasta, "apensado", Variante(anexado=True, apensado=True))
    novo = _enviar(modulo, processo, ORGAO1)
    protocolos = [p["protocolo"] for p in novo["processosComComponentesDigitaisSolicitados"]]
    if protocolos != [processo.protocolo, processo.apensados[0].protocolo]:
        raise FalhaDoModulo(f"componentes pedidos por protocolo: {protocolos}")
    return _concluir_envio(simulador, modulo, novo["IDT"], [c.hash for c in processo.componentes]) + ", apensado"


def ciencia_da_recusa(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    novo = _enviar(modulo, _processo(pasta, "ciencia"), ORGAO4)
    idt = novo["IDT"]
    _esperar(simulador, idt, {S.RECUSADO})
    consultado = modulo("consultarTramites", idt)
    assert isinstance(consultado, list)
    motivo = consultado[0].get("motivoDaRecusa")
    modulo("cienciaRecusa", idt)
    _esperar(simulador, idt, {S.CIENCIA_RECUSA})
    return f"IDT {idt}: recusado (motivo {motivo}), ciência dada pelo módulo: 9"


def cancelamento(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    idt = _enviar(modulo, _processo(pasta, "cancelamento"), ORGAO3)["IDT"]
    modulo("cancelarTramite", idt)
    _esperar(simulador, idt, {S.CANCELADO})
    return f"IDT {idt}: cancelado pelo módulo: 7"


# --- the organ as destinatário -----------------------------------------------------------------------------
def _receber(simulador: Simulador, modulo: Modulo, idt: int) -> list[str]:
    """As ReceberProcedimentoRN: the pendência, the metadata, each pending component in parts (per protocolo), then
    the signed recibo (EnviarReciboTramiteRN's XML, with the date of status 4)."""
    pendencias = modulo("listarPendencias", True)
    assert isinstance(pendencias, list)
    if idt not in [p["NumIdentificacaoTramite"] for p in pendencias]:
        raise FalhaDoModulo(f"o trâmite {idt} não está nas pendências listadas pelo módulo")
    metadados = modulo("solicitarMetadados", idt)
    assert isinstance(metadados, dict)
    [tramite] = modulo("consultarTramites", idt)
    protocolo = metadados.get("processo") or metadados["documento"]
    componentes = {}
    for item in [protocolo, *protocolo.get("processoApensado", [])]:
        for documento in item.get("documentos") or [item]:
            for c in documento["componentesDigitais"]:
                componentes[c["hash"]["conteudo"]] = (item["protocolo"], c["tamanhoEmBytes"])
    baixados = []
    for hash_ in tramite["hashDosComponentesPendentesDeRecebimento"]:
        numero, tamanho = componentes[hash_]
        conteudo = b""
        for inicio in range(0, tamanho, PARTE):
            parte = {"inicio": inicio, "fim": min(inicio + PARTE, tamanho)}
            conteudo += _bytes(
                modulo("receberComponenteDigital", idt, hash_, numero, parte)["conteudoDoComponenteDigital"]
            )
        calculado = base64.b64encode(hashlib.sha256(conteudo).digest()).decode()
        if calculado != hash_:
            raise FalhaDoModulo(f"o componente {hash_} chegou com outro hash")
        baixados.append(hash_)
    _esperar(simulador, idt, {S.COMPONENTES_RECEBIDOS_DESTINATARIO})
    registrado = simulador.plataforma.tramite_visivel(ORGAO, idt).data_da_situacao(S.COMPONENTES_RECEBIDOS_DESTINATARIO)
    assert registrado is not None
    data = registrado.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    xml = f"<recibo><IDT>{idt}</IDT><NRE>{tramite['NRE']}</NRE><dataDeRecebimento>{data}</dataDeRecebimento>"
    xml += "".join(f"<hashDoComponenteDigital>{h}</hashDoComponenteDigital>" for h in sorted(baixados)) + "</recibo>"
    modulo("enviarReciboDeTramite", idt, data, xml)
    _esperar(simulador, idt, {S.RECIBO_RECEBIDO_REMETENTE})
    return baixados


def recebimento(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    idt = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX, "TESTE").idt
    baixados = _receber(simulador, modulo, idt)
    return f"IDT {idt}: {len(baixados)} componentes baixados em partes, recibo assinado pelo módulo: 6"


def recebimento_de_documento_avulso(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    idt = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX, "TESTE", forma=Forma(avulso=True)).idt
    _receber(simulador, modulo, idt)
    return f"IDT {idt}: documento avulso recebido pelo módulo: 6"


def recebimento_com_apensado(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    forma = Forma(anexado=True, apensado=True, componentes_por_documento=2)
    idt = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX, "TESTE", forma=forma).idt
    baixados = _receber(simulador, modulo, idt)
    return f"IDT {idt}: processo com anexado e apensado, {len(baixados)} componentes: 6"


def recusa(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    idt = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX, "TESTE", extensao="xyz").idt
    modulo("solicitarMetadados", idt)
    justificativa = "O formato xyz não é permitido pelo sistema de destino."
    modulo("recusarTramite", idt, _b64(justificativa.encode("iso-8859-1")), "01")  # as SEI keeps text: ISO-8859-1
    _esperar(simulador, idt, {S.CIENCIA_RECUSA})
    registrada = simulador.plataforma.tramite_visivel(ORGAO, idt).recusa
    if registrada is None or (registrada[0].value, registrada[1]) != ("01", justificativa):
        raise FalhaDoModulo(f"recusa registrada: {registrada}")
    return f"IDT {idt}: recusado pelo módulo (motivo 01), ciência da contraparte: 9"


def devolucao(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    processo = _processo(pasta, "devolucao")
    ida = _enviar(modulo, processo, ORGAO1)
    _concluir_envio(simulador, modulo, ida["IDT"], [c.hash for c in processo.componentes])
    volta = simulador.contrapartes.devolver("SEI-ORGAO1", ida["IDT"], DIGED_ANEX)
    baixados = _receber(simulador, modulo, volta.idt)
    if volta.nre != ida["NRE"] or len(baixados) != 1:
        raise FalhaDoModulo(f"devolução: NRE {volta.nre} (ida {ida['NRE']}), {len(baixados)} componentes baixados")
    return f"IDT {volta.idt}: devolvido com o NRE {volta.nre}, só o componente novo baixado: 6"


def consultas(simulador: Simulador, modulo: Modulo, pasta: Path) -> str:
    hipoteses = modulo("consultarHipotesesLegais", True)
    especies = modulo("consultarEspeciesDocumentais")
    unidade = modulo("consultarEstruturaSimples", 1, 100001)
    assert isinstance(unidade, dict)
    if not hipoteses or not especies or unidade["totalDeRegistros"] != 1:
        raise FalhaDoModulo("consultas de catálogo vazias")
    return "hipóteses legais, espécies documentais e estrutura lidas pelo módulo"


FLUXOS: tuple[Callable[[Simulador, Modulo, Path], str], ...] = (
    consultas,
    envio,
    envio_em_partes,
    envio_com_anexado_e_apensado,
    cancelamento,
    ciencia_da_recusa,
    recebimento,
    recebimento_de_documento_avulso,
    recebimento_com_apensado,
    recusa,
    devolucao,
)


def executar(src: Path) -> list[tuple[str, bool, str]]:
    resultados = []
    ca = trustme.CA()
    with tempfile.TemporaryDirectory() as temporaria:
        pasta = Path(temporaria)
        certificado, chave, ca_pem = preparar_servidor(ca, pasta / "servidor")
        do_orgao = emitir_certificado_do_orgao(ca, pasta / "orgao", "anex")
        for fluxo in FLUXOS:
            with Simulador(tls=ConfiguracaoTls(certificado, chave, ca_clientes=ca_pem)) as simulador:
                vincular_certificado(simulador, do_orgao)
                modulo = Modulo(src, simulador.url_base, do_orgao, ca_pem)
                try:
                    resultados.append((fluxo.__name__, True, fluxo(simulador, modulo, pasta / fluxo.__name__)))
                except (FalhaDoModulo, AssertionError, KeyError) as erro:
                    resultados.append((fluxo.__name__, False, f"{type(erro).__name__}: {erro}"))
    return resultados


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    raiz = Path(sys.argv[1])
    src = raiz / "src" if (raiz / "src" / "rn").is_dir() else raiz
    inicio = time.perf_counter()
    resultados = executar(src)
    for nome, ok, detalhe in resultados:
        print(f"{'✓' if ok else '✗'} {nome}: {detalhe}")
    print(f"{sum(ok for _, ok, _ in resultados)} de {len(resultados)} fluxos em {time.perf_counter() - inicio:.1f} s")
    return 0 if all(ok for _, ok, _ in resultados) else 1


if __name__ == "__main__":
    sys.exit(main())
