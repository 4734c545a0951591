"""The environment files shipped in environments/: placeholders refused, and valid once filled in."""

from __future__ import annotations

import re

import pytest

from tests.apoio.ambientes import RAIZ
from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.protocolo.situacoes import Situacao

URLS = {
    "homologacao": "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/",
    "producao": "https://api.conectagov.processoeletronico.gov.br/interoperabilidade/rest/v3/",
}


@pytest.mark.parametrize("nome", sorted(URLS))
def test_campos_a_preencher_sao_listados(nome):
    with pytest.raises(ErroDeAmbiente) as erro:
        carregar_ambiente(nome)
    mensagem = str(erro.value)
    assert "ainda tem campos a preencher com os dados do órgão" in mensagem
    assert (
        "  - certificado.arquivo: caminho do certificado" in mensagem and "  - orgao.sigla: sigla do órgão" in mensagem
    )


@pytest.mark.parametrize("nome", sorted(URLS))
def test_preenchido_carrega(nome, tmp_path):
    texto = (RAIZ / "environments" / f"{nome}.toml").read_text(encoding="utf-8")
    texto = re.sub(r'"PREENCHA: caminho[^"]*"', '"certificado.p12"', texto)
    texto = re.sub(r'"PREENCHA: (nome|sigla)[^"]*"', '"ANEX"', texto)
    texto = re.sub(r'"PREENCHA: e-mail[^"]*"', '"protocolo@anex.gov.br"', texto)
    texto = re.sub(r'"PREENCHA[^"]*"', "200110", texto)
    (tmp_path / f"{nome}.toml").write_text(texto, encoding="utf-8")
    ambiente = carregar_ambiente(str(tmp_path / f"{nome}.toml"))
    assert ambiente.url_base() == URLS[nome] and ambiente.tipo == nome
    assert ambiente.certificado.arquivo == tmp_path / "certificado.p12"
    assert ambiente.certificado.origem_da_senha in ("variavel", "perguntar")
    assert ambiente.espera.ao_esgotar_o_prazo == "aguardar" and ambiente.espera.limite(Situacao(2)) >= 14400
    assert ambiente.pen.email_notificacao == "processo.eletronico@economia.gov.br"
    assert ambiente.responsavel is not None and ambiente.responsavel.contato == "protocolo@anex.gov.br"
    assert ambiente.conexao.verificar_servidor and ambiente.conexao.tamanho_bloco_mb == 50


def test_local_nao_tem_nada_a_preencher():
    ambiente = carregar_ambiente("local")
    assert ambiente.embutido and ambiente.arquivo_do_livro(RAIZ / "reports") is None


def test_ensaio_do_spe_pronto_para_o_simulador_em_execucao():
    ambiente = carregar_ambiente("ensaio-spe")
    assert ambiente.modo == "assistido" and ambiente.tipo == "simulador" and not ambiente.embutido
    assert ambiente.url_base() == "http://127.0.0.1:8080/interoperabilidade/rest/v3/"
    assert ambiente.sistema_embutido == "SPE-ANEX" and ambiente.spe is not None
    assert ambiente.simulador is not None and ambiente.simulador.operador is None  # a person drives the SPE
    assert ambiente.espera.ao_esgotar_o_prazo == "aguardar" and ambiente.espera.limite_segundos >= 600
