"""The simulator with TLS and client certificates required: systems are identified by certificate."""

from __future__ import annotations

import logging

import pytest
import trustme

from tests.conftest import arquivos_de, cabecalho
from tramita_homologacao.assinatura import impressao_digital
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeTls
from tramita_homologacao.dominio import Situacao
from tramita_homologacao.simulador.servidor import ConfiguracaoTls, Simulador

logging.getLogger("werkzeug").setLevel(logging.ERROR)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def pasta(tmp_path_factory):
    return tmp_path_factory.mktemp("tls")


def certificado_de_cliente(ca, pasta, nome):
    certificado = ca.issue_cert(f"{nome}.sistemas.exemplo.gov.br")
    caminho = pasta / f"{nome}.pem"
    certificado.private_key_and_cert_chain_pem.write_to_path(str(caminho))
    return str(caminho), certificado.cert_chain_pems[0].bytes().decode("ascii")


@pytest.fixture
def simulador_tls(ca, pasta):
    servidor = ca.issue_cert("127.0.0.1")
    servidor.cert_chain_pems[0].write_to_path(str(pasta / "servidor.pem"))
    servidor.private_key_pem.write_to_path(str(pasta / "servidor.key"))
    ca.cert_pem.write_to_path(str(pasta / "ca.pem"))
    tls = ConfiguracaoTls(pasta / "servidor.pem", pasta / "servidor.key", ca_clientes=pasta / "ca.pem")
    with Simulador(tls=tls) as sim:
        yield sim


def cliente_com_certificado(simulador, ca, pasta, nome, vincular_a=None):
    caminho, pem = certificado_de_cliente(ca, pasta, nome)
    if vincular_a:
        simulador.plataforma.vincular_certificado(vincular_a, impressao_digital(pem), pem)
    return ClienteTramita(simulador.url_base, certificado=caminho, verificar=str(pasta / "ca.pem"), tentativas=0)


def test_cada_sistema_e_identificado_pelo_certificado(simulador_tls, ca, pasta, processo):
    assert simulador_tls.url_base.startswith("https://")
    orgao = cliente_com_certificado(simulador_tls, ca, pasta, "anex", vincular_a="SPE-ANEX")
    destino = cliente_com_certificado(simulador_tls, ca, pasta, "orgao3", vincular_a="SEI-ORGAO3")
    novo = orgao.enviar_processo(cabecalho(), processo.como_json())
    arquivos = arquivos_de(processo)
    for hash_ in novo.componentes_solicitados[processo.protocolo]:
        orgao.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivos[hash_])
    assert [p.idt for p in destino.listar_pendencias()] == [novo.idt]
    assert orgao.listar_pendencias() == []
    with pytest.raises(ErroDaApi, match="Somente o destinatário"):
        orgao.recusar_tramite(novo.idt, "x", "99")
    destino.recusar_tramite(novo.idt, "Recusa por certificado.", "99")
    orgao.dar_ciencia_da_recusa(novo.idt)
    assert orgao.consultar_tramite(novo.idt).situacao == Situacao.CIENCIA_RECUSA


def test_certificado_valido_mas_nao_vinculado_e_recusado_pela_api(simulador_tls, ca, pasta):
    estranho = cliente_com_certificado(simulador_tls, ca, pasta, "estranho")
    with pytest.raises(ErroDaApi) as erro:
        estranho.listar_pendencias()
    assert erro.value.http_status == 403 and "Certificado não vinculado" in erro.value.mensagem


def test_sem_certificado_o_handshake_falha_com_mensagem_clara(simulador_tls, pasta):
    anonimo = ClienteTramita(simulador_tls.url_base, verificar=str(pasta / "ca.pem"), tentativas=0)
    with pytest.raises(ErroDeTls) as erro:
        anonimo.healthcheck()
    assert "Falha na conexão segura (TLS)" in str(erro.value)
    assert "Verifique o certificado do órgão" in str(erro.value)


def test_servidor_nao_confiavel_e_recusado(simulador_tls, ca, pasta):
    caminho, _ = certificado_de_cliente(ca, pasta, "anex2")
    sem_ca = ClienteTramita(simulador_tls.url_base, certificado=caminho, tentativas=0)
    with pytest.raises(ErroDeTls, match="não é confiável"):
        sem_ca.healthcheck()
