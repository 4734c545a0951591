"""The simulator with TLS and client certificates required: systems are identified by certificate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import trustme

from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tests.apoio.simulador import arquivos_de, cabecalho
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi, ErroDeTls
from tramita_homologacao.configuracao.certificado import carregar_certificado, contexto_tls
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.protocolo.situacoes import Situacao


def cliente_de(simulador, arquivo, senha=SENHA, vincular_a=None, ca=None):
    certificado = carregar_certificado(arquivo, Segredo(senha) if senha else None)
    if vincular_a:
        simulador.plataforma.vincular_certificado(
            vincular_a, certificado.impressao_digital, certificado.par_de_chaves().certificado_pem
        )
    ca = simulador.ca_pem if ca is None else ca
    return ClienteTramita(
        simulador.url_base,
        contexto_tls=contexto_tls(certificado, ca or None),
        verificar=str(ca) if ca else True,
        tentativas=0,
    )


@pytest.mark.parametrize("formato", ["pem", "p12"])
def test_cada_sistema_e_identificado_pelo_certificado(simulador_tls, ca, tmp_path, processo, formato):
    assert simulador_tls.url_base.startswith("https://")
    orgao = cliente_de(
        simulador_tls, emitir_certificado_do_orgao(ca, tmp_path, "anex", formato=formato), vincular_a="SPE-ANEX"
    )
    destino = cliente_de(simulador_tls, emitir_certificado_do_orgao(ca, tmp_path, "orgao3"), vincular_a="SEI-ORGAO3")
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


def test_certificado_valido_mas_nao_vinculado_e_recusado_pela_api(simulador_tls, ca, tmp_path):
    estranho = cliente_de(simulador_tls, emitir_certificado_do_orgao(ca, tmp_path, "estranho"))
    with pytest.raises(ErroDaApi) as erro:
        estranho.listar_pendencias()
    assert erro.value.http_status == 403 and "Certificado não vinculado" in erro.value.mensagem


def test_certificado_de_outra_autoridade_e_recusado_no_handshake(simulador_tls, tmp_path):
    desconhecido = emitir_certificado_do_orgao(trustme.CA(), tmp_path, "desconhecido")
    with pytest.raises(ErroDeTls) as erro:
        cliente_de(simulador_tls, desconhecido).healthcheck()
    assert "Falha na conexão segura (TLS)" in str(erro.value)
    assert "o servidor recusou o certificado digital do cliente" in str(erro.value)


def test_certificado_expirado_e_recusado_pelo_servidor(simulador_tls, ca, tmp_path):
    ontem = datetime.now(UTC) - timedelta(days=1)
    vencido = emitir_certificado_do_orgao(
        ca, tmp_path, "vencido", not_before=ontem - timedelta(days=30), not_after=ontem
    )
    certificado = carregar_certificado(vencido, Segredo(SENHA), aceitar_expirado=True)
    cliente = ClienteTramita(
        simulador_tls.url_base, contexto_tls=contexto_tls(certificado, simulador_tls.ca_pem), tentativas=0
    )
    with pytest.raises(ErroDeTls, match="o servidor recusou o certificado digital do cliente"):
        cliente.healthcheck()


def test_sem_certificado_o_handshake_falha_com_mensagem_clara(simulador_tls):
    anonimo = ClienteTramita(
        simulador_tls.url_base, contexto_tls=contexto_tls(None, simulador_tls.ca_pem), tentativas=0
    )
    with pytest.raises(ErroDeTls) as erro:
        anonimo.healthcheck()
    assert "Falha na conexão segura (TLS)" in str(erro.value)
    assert "Verifique o certificado do órgão" in str(erro.value)


def test_servidor_nao_confiavel_e_recusado(simulador_tls, ca, tmp_path):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path, "anex2")
    with pytest.raises(ErroDeTls, match="não é confiável"):
        cliente_de(simulador_tls, arquivo, ca="").healthcheck()
