"""The simulator's data as the tests use it: the organ and the counterparts' units, requests, bound certificates."""

from __future__ import annotations

from pathlib import Path

from tests.apoio.certificados import SENHA
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.certificado import carregar_certificado
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste
from tramita_homologacao.protocolo.assinatura import AutoridadeCertificadora, ParDeChaves
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.modelo import NOME_DA_AUTORIDADE
from tramita_homologacao.simulador.servidor import Simulador

ORGAO = "SPE-ANEX"


class AutoridadeDosTestes(AutoridadeCertificadora):
    """The simulators of one test process share their CA and each system's key pair, made once: an RSA key
    costs ~40 ms, and hundreds of simulators are started. A test about another CA or key makes its own."""

    def __init__(self) -> None:
        super().__init__(NOME_DA_AUTORIDADE)
        self._emitidos: dict[str, ParDeChaves] = {}

    def emitir(self, nome_comum: str) -> ParDeChaves:
        if nome_comum not in self._emitidos:
            self._emitidos[nome_comum] = super().emitir(nome_comum)
        return self._emitidos[nome_comum]


AUTORIDADE = AutoridadeDosTestes()
PROTOCOLO_ANEX = Endereco(1, 100001)
DIGED_ANEX = Endereco(1, 100002)
ORGAO1 = Endereco(2, 300001)
ORGAO2 = Endereco(2, 300002)
ORGAO3 = Endereco(2, 300003)
ORGAO4 = Endereco(2, 300004)
DISIS = Endereco(1, 200110)


def cliente_do_sistema(simulador: Simulador, sistema: str, **opcoes) -> ClienteTramita:
    return ClienteTramita(simulador.url_base, cabecalhos={CABECALHO_SISTEMA: sistema}, tentativas=0, **opcoes)


def cabecalho(remetente: Endereco = PROTOCOLO_ANEX, destinatario: Endereco = ORGAO3, **extra) -> dict:
    return {"remetente": remetente.como_json(), "destinatario": destinatario.como_json(), **extra}


def arquivos_de(processo: ProcessoDeTeste) -> dict[str, Path]:
    return {c.hash: c.caminho for c in processo.componentes}


def vincular_certificado(simulador, arquivo: Path, sistema: str = ORGAO, *, controle: bool = True):
    """Links an organ certificate file to a system, as the Portal de Administração does; returns it.

    `controle`: the certificate may also drive the simulator's counterparts (`--controle`), as the harness
    does in an ensaio over mutual TLS."""
    certificado = carregar_certificado(arquivo, Segredo(SENHA), aceitar_expirado=True)
    simulador.plataforma.vincular_certificado(
        sistema, certificado.impressao_digital, certificado.par_de_chaves().certificado_pem
    )
    if controle:
        simulador.dar_papel_de_controle(certificado.impressao_digital)
    return certificado


def envio_valido(pasta: Path) -> dict:
    """The body of a `POST tramites/processo` the platform accepts (the harness's own processo, ANEX → ORGAO3)."""
    from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, novo_faker

    processo = gerar_processo_de_teste(novo_faker(), pasta, unidade="Protocolo", sigla_unidade="ANEX", marca="TESTE")
    return {"cabecalho": cabecalho(destinatario=ORGAO3), "processo": processo.como_json()}
