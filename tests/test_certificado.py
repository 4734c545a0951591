"""Loading the organ's certificate: each bad input gets a Portuguese message that says what to fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import ErroDeCertificado, carregar_certificado, contexto_tls
from tramita_homologacao.configuracao.conexao import obter_senha
from tramita_homologacao.configuracao.segredo import Segredo

AGORA = datetime.now(UTC)


@pytest.mark.parametrize("formato", ["pem", "p12"])
def test_certificado_bom_com_senha(ca, tmp_path, formato):
    certificado = carregar_certificado(
        emitir_certificado_do_orgao(ca, tmp_path, "anex", formato=formato), Segredo(SENHA)
    )
    assert "anex.sistemas.exemplo.gov.br" in certificado.titular
    assert len(certificado.impressao_digital) == 64 and certificado.dias_para_expirar() > 300
    assert "s3nh4" not in repr(certificado) and "PRIVATE" not in repr(certificado.par_de_chaves())
    contexto_tls(certificado)  # the key goes into an SSL context without ever being written in clear


@pytest.mark.parametrize("formato", ["pem", "p12"])
def test_senha_errada(ca, tmp_path, formato):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path, "anex", formato=formato)
    with pytest.raises(ErroDeCertificado) as erro:
        carregar_certificado(arquivo, Segredo("senha-errada"))
    assert erro.value.etapa == "senha"
    assert "a senha do certificado está incorreta" in str(erro.value)
    assert "nunca fica no arquivo de ambiente" in str(erro.value)


def test_chave_protegida_sem_senha(ca, tmp_path):
    with pytest.raises(ErroDeCertificado, match="protegida por senha e nenhuma senha foi informada"):
        carregar_certificado(emitir_certificado_do_orgao(ca, tmp_path, "anex"), None)


def test_chave_sem_senha_aceita_senha_configurada(ca, tmp_path):
    arquivo = emitir_certificado_do_orgao(ca, tmp_path, "anex", senha=None)
    assert carregar_certificado(arquivo, Segredo("qualquer")).titular


def test_arquivo_inexistente(tmp_path):
    with pytest.raises(ErroDeCertificado, match=r"Arquivo do certificado não encontrado: .*nao-existe.pem. Confira"):
        carregar_certificado(tmp_path / "nao-existe.pem", Segredo(SENHA))


def test_arquivo_que_nao_e_certificado(tmp_path):
    arquivo = tmp_path / "lixo.pem"
    arquivo.write_text("não sou um certificado", encoding="utf-8")
    with pytest.raises(ErroDeCertificado, match="não contém um certificado PEM"):
        carregar_certificado(arquivo, Segredo(SENHA))


def test_pem_sem_chave(ca, tmp_path):
    arquivo = tmp_path / "so-certificado.pem"
    ca.issue_cert("x.exemplo.gov.br").cert_chain_pems[0].write_to_path(str(arquivo))
    with pytest.raises(ErroDeCertificado, match="Não há chave privada"):
        carregar_certificado(arquivo, None)


def test_chave_de_outro_certificado(ca, tmp_path):
    um = emitir_certificado_do_orgao(ca, tmp_path / "um", "um").read_bytes()
    outro = emitir_certificado_do_orgao(ca, tmp_path / "outro", "outro").read_bytes()
    misturado = tmp_path / "misturado.pem"
    corte = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
    misturado.write_bytes(um[: um.index(corte)] + outro[outro.index(corte) :])
    with pytest.raises(ErroDeCertificado) as erro:
        carregar_certificado(misturado, Segredo(SENHA))
    assert erro.value.etapa == "chave" and "não corresponde ao certificado" in str(erro.value)


def test_chave_em_arquivo_separado(ca, tmp_path):
    completo = emitir_certificado_do_orgao(ca, tmp_path, "anex").read_bytes()
    corte = completo.index(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    (tmp_path / "cert.pem").write_bytes(completo[:corte])
    (tmp_path / "chave.pem").write_bytes(completo[corte:])
    assert carregar_certificado(tmp_path / "cert.pem", Segredo(SENHA), tmp_path / "chave.pem").titular
    with pytest.raises(ErroDeCertificado, match="Arquivo da chave privada não encontrado"):
        carregar_certificado(tmp_path / "cert.pem", Segredo(SENHA), tmp_path / "sem-chave.pem")


def test_certificado_expirado(ca, tmp_path):
    arquivo = emitir_certificado_do_orgao(
        ca, tmp_path, "vencido", not_before=AGORA - timedelta(days=400), not_after=AGORA - timedelta(days=2)
    )
    with pytest.raises(ErroDeCertificado) as erro:
        carregar_certificado(arquivo, Segredo(SENHA))
    assert erro.value.etapa == "validade"
    assert f"expirou em {(AGORA - timedelta(days=2)):%d/%m/%Y}" in str(erro.value)
    assert "Gere um novo certificado no Portal de Administração" in str(erro.value)


def test_certificado_ainda_nao_valido(ca, tmp_path):
    arquivo = emitir_certificado_do_orgao(
        ca, tmp_path, "futuro", not_before=AGORA + timedelta(days=3), not_after=AGORA + timedelta(days=300)
    )
    with pytest.raises(ErroDeCertificado, match="Confira o relógio deste computador"):
        carregar_certificado(arquivo, Segredo(SENHA))


def test_ca_inexistente(tmp_path):
    with pytest.raises(ErroDeCertificado, match=r"cadeia de certificação \(CA\) não encontrado"):
        contexto_tls(None, tmp_path / "ca.pem")


def _ambiente_com_certificado(tmp_path, origem: str):
    texto = (tmp_path.parent / "x").as_posix()
    arquivo = tmp_path / "homolog.toml"
    arquivo.write_text(
        f"""
tipo = "homologacao"
url_api = "https://127.0.0.1:1/interoperabilidade/rest/"
[certificado]
arquivo = "{texto}.pem"
origem_da_senha = "{origem}"
variavel_da_senha = "TRAMITA_SENHA_DE_TESTE"
[orgao]
nome = "Agência Nacional de Exemplo"
sigla = "ANEX"
repositorio = 1
unidade_envio = 100001
unidade_recebimento = 100002
[contrapartes.envio]
repositorio = 2
estrutura = 300001
""",
        encoding="utf-8",
    )
    return carregar_ambiente(str(arquivo))


def test_senha_vem_da_variavel_de_ambiente(tmp_path, monkeypatch):
    ambiente = _ambiente_com_certificado(tmp_path, "variavel")
    monkeypatch.delenv("TRAMITA_SENHA_DE_TESTE", raising=False)
    with pytest.raises(ErroDeCertificado) as erro:
        obter_senha(ambiente)
    assert "A variável de ambiente TRAMITA_SENHA_DE_TESTE (senha do certificado) não está definida" in str(erro.value)
    assert "set TRAMITA_SENHA_DE_TESTE=" in str(erro.value) and "export TRAMITA_SENHA_DE_TESTE=" in str(erro.value)
    monkeypatch.setenv("TRAMITA_SENHA_DE_TESTE", SENHA)
    senha = obter_senha(ambiente)
    assert senha.revelar() == SENHA and SENHA not in repr(senha) and SENHA not in str(senha)


def test_senha_perguntada(tmp_path):
    ambiente = _ambiente_com_certificado(tmp_path, "perguntar")
    assert obter_senha(ambiente, perguntar=lambda texto: "digitada").revelar() == "digitada"
    with pytest.raises(ErroDeCertificado, match="não há terminal para perguntá-la"):
        obter_senha(ambiente)
