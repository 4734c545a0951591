"""`diagnostico`: every check, its ✓/✗, and what to do, against a TLS simulator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.apoio.ambientes import VARIAVEL_DA_SENHA, ambiente_tls, dados_tls, executar_cli, gravar
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tests.apoio.simulador import vincular_certificado
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.diagnostico import AVISO, FALHA, NAO_VERIFICADO, OK, diagnosticar

AGORA = datetime.now(UTC)
AUTORIDADE = "Autoridade que emite os certificados dos sistemas (assinatura dos recibos)"


def diagnostico(simulador, pasta, arquivo_certificado, monkeypatch, senha=SENHA, **opcoes):
    monkeypatch.setenv(VARIAVEL_DA_SENHA, senha)
    caminho = ambiente_tls(simulador, pasta, arquivo_certificado, simulador.ca_pem, **opcoes)
    ambiente = carregar_ambiente(str(caminho))
    return {i.verificacao: i for i in diagnosticar(ambiente, caminho, ambiente.url_base())}


def test_tudo_certo(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    vincular_certificado(simulador_tls, arquivo)
    itens = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch)
    assert {nome: i.resultado for nome, i in itens.items()} == {
        "Arquivo de ambiente": OK,
        "Certificado legível": OK,
        "Senha do certificado": OK,
        "Chave privada corresponde ao certificado": OK,
        "Validade do certificado": OK,
        "Certificado exclusivo deste ambiente": OK,
        AUTORIDADE: OK,
        "Conexão e disponibilidade do Tramita.GOV.BR": OK,
        "Certificado vinculado a um sistema do órgão": OK,
        "Unidade de envio do órgão": OK,
        "Unidade de recebimento do órgão": OK,
        "Contraparte do requisito envio": OK,
        "Contraparte do requisito recebimento": OK,
        "Contraparte do requisito recusa": OK,
        "Contraparte do requisito cancelamento": OK,
        "Endereço para avisar o PEN do início dos testes": OK,
    }
    assert itens["Unidade de envio do órgão"].detalhe == "ANEX/COPROT — Coordenação de Protocolo (1/100001)"
    assert "anex.sistemas.exemplo.gov.br" in itens["Certificado legível"].detalhe
    assert itens[AUTORIDADE].detalhe == "CN=AC dos sistemas do simulador do Tramita.GOV.BR"


@pytest.mark.parametrize(
    ("conteudo", "resultado", "trecho"),
    [(None, AVISO, "o envio fica inconclusivo"), ("não é PEM", FALHA, "não tem nenhum certificado em PEM")],
    ids=["sem-autoridade", "arquivo-sem-certificado"],
)
def test_autoridade_dos_sistemas(simulador_tls, ca, tmp_path, monkeypatch, conteudo, resultado, trecho):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")  # the file holds the leaf alone
    vincular_certificado(simulador_tls, arquivo)
    monkeypatch.setenv(VARIAVEL_DA_SENHA, SENHA)
    dados = dados_tls(simulador_tls, arquivo, simulador_tls.ca_pem)
    if conteudo is None:
        del dados["certificado"]["ac_dos_sistemas"]
    else:
        Path(dados["certificado"]["ac_dos_sistemas"]).write_text(conteudo, encoding="utf-8")
    caminho = gravar(dados, tmp_path)
    ambiente = carregar_ambiente(str(caminho))
    item = {i.verificacao: i for i in diagnosticar(ambiente, caminho, ambiente.url_base())}[AUTORIDADE]
    assert item.resultado == resultado and trecho in item.detalhe


def test_mesmo_certificado_em_dois_ambientes(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    vincular_certificado(simulador_tls, arquivo)
    ambiente_tls(simulador_tls, tmp_path, arquivo, simulador_tls.ca_pem, nome="producao-do-outro-sistema")
    item = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch)["Certificado exclusivo deste ambiente"]
    assert item.resultado == AVISO
    assert "producao-do-outro-sistema" in item.detalhe and "disputam as mesmas pendências" in item.o_que_fazer


def test_senha_errada(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex", formato="p12")
    itens = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch, senha="errada")
    assert itens["Certificado legível"].resultado == OK
    assert itens["Senha do certificado"].resultado == FALHA
    assert "a senha do certificado está incorreta" in itens["Senha do certificado"].detalhe
    assert itens["Chave privada corresponde ao certificado"].resultado == NAO_VERIFICADO
    assert itens["Conexão com o Tramita.GOV.BR"].resultado == NAO_VERIFICADO


def test_certificado_expirado(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(
        ca, tmp_path / "c", "vencido", not_before=AGORA - timedelta(days=400), not_after=AGORA - timedelta(days=3)
    )
    vincular_certificado(simulador_tls, arquivo)
    itens = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch)
    assert itens["Validade do certificado"].resultado == FALHA
    assert "Gere um novo certificado" in itens["Validade do certificado"].o_que_fazer
    assert itens["Conexão e disponibilidade do Tramita.GOV.BR"].resultado == FALHA
    assert "recusou o certificado digital do cliente" in itens["Conexão e disponibilidade do Tramita.GOV.BR"].detalhe


def test_certificado_perto_de_expirar_gera_aviso(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex", not_after=AGORA + timedelta(days=10))
    vincular_certificado(simulador_tls, arquivo)
    item = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch)["Validade do certificado"]
    assert item.resultado == AVISO
    assert "(9 dias)" in item.detalhe  # 10 days from AGORA, less the seconds since the module was imported


def test_certificado_nao_vinculado(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    itens = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch)
    item = itens["Certificado vinculado a um sistema do órgão"]
    assert item.resultado == FALHA and "Certificado não vinculado" in item.detalhe
    assert "Portal de Administração" in item.o_que_fazer


def test_unidade_desconhecida(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    vincular_certificado(simulador_tls, arquivo)
    item = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch, unidade_envio=999)["Unidade de envio do órgão"]
    assert item.resultado == FALHA
    assert item.detalhe.startswith("unidade 999 não encontrada no repositório 1")
    assert "[orgao].unidade_envio" in item.o_que_fazer


def test_unidade_de_teste_de_producao_e_verificada(simulador_tls, ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    vincular_certificado(simulador_tls, arquivo)
    itens = diagnostico(simulador_tls, tmp_path, arquivo, monkeypatch, tipo="producao")
    assert itens["Unidade de teste de produção"].resultado == OK
    assert "DISIS" in itens["Unidade de teste de produção"].detalhe


def test_endpoint_inalcancavel(ca, tmp_path, monkeypatch):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    desligado = SimpleNamespace(url_raiz="https://127.0.0.1:9/", ca_pem=tmp_path / "ca.pem")
    item = diagnostico(desligado, tmp_path, arquivo, monkeypatch)["Conexão e disponibilidade do Tramita.GOV.BR"]
    assert item.resultado == FALHA and "conexão recusada" in item.detalhe


def test_cli_mostra_a_tabela_e_sai_com_erro_quando_algo_falha(simulador_tls, ca, tmp_path):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "c", "anex")
    caminho = ambiente_tls(simulador_tls, tmp_path, arquivo, simulador_tls.ca_pem)
    processo = executar_cli("-a", str(caminho), comando="diagnostico", variaveis={VARIAVEL_DA_SENHA: SENHA})
    assert processo.returncode == 1
    assert "✗" in processo.stdout and "Certificado não vinculado" in processo.stdout
    assert "1 verificação(ões) falharam" in processo.stdout


def test_cli_no_ambiente_local():
    processo = executar_cli(comando="diagnostico")
    assert processo.returncode == 0, processo.stdout
    assert "Ambiente pronto." in processo.stdout and "o simulador embutido não usa certificado" in processo.stdout
