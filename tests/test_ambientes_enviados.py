"""The templates shipped in environments/: refused as they are, copied by `novo-ambiente`, valid once filled in.

The organ's files are looked up in the folder `TRAMITA_MEUS_AMBIENTES` names: for the suite, an empty folder of
its own (tests/conftest.py), never the project's `meus-ambientes/`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.apoio.ambientes import RAIZ, cli_no_processo
from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.configuracao.localizacao import pasta_do_orgao
from tramita_homologacao.protocolo.situacoes import Situacao

URLS = {
    "homologacao": "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/",
    "producao": "https://api.conectagov.processoeletronico.gov.br/interoperabilidade/rest/v3/",
}


@pytest.fixture
def meus_ambientes(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TRAMITA_MEUS_AMBIENTES", str(tmp_path / "meus"))
    return tmp_path / "meus"


def _novo_ambiente(*argumentos: str) -> tuple[int, str]:
    return cli_no_processo("novo-ambiente", *argumentos)


def _preencher(texto: str) -> str:
    texto = re.sub(r'"PREENCHA: caminho[^"]*"', '"certificado.p12"', texto)
    texto = re.sub(r'"PREENCHA: (nome|sigla)[^"]*"', '"ANEX"', texto)
    texto = re.sub(r'"PREENCHA: e-mail[^"]*"', '"protocolo@anex.gov.br"', texto)
    return re.sub(r'"PREENCHA[^"]*"', "200110", texto)


def test_a_suite_nunca_le_os_arquivos_do_orgao():
    assert pasta_do_orgao() != RAIZ / "meus-ambientes" and not any(pasta_do_orgao().glob("*.toml"))


@pytest.mark.parametrize("nome", sorted(URLS))
def test_o_modelo_e_recusado_e_ensina_a_criar_o_arquivo_do_orgao(nome):
    with pytest.raises(ErroDeAmbiente) as erro:
        carregar_ambiente(nome)
    mensagem = str(erro.value)
    assert "é o modelo do ambiente" in mensagem and "não o edite" in mensagem
    assert f"\n    tramita-homologacao novo-ambiente {nome}\n" in mensagem
    assert (
        "  - certificado.arquivo: caminho do certificado" in mensagem and "  - orgao.sigla: sigla do órgão" in mensagem
    )


@pytest.mark.parametrize("nome", sorted(URLS))
def test_novo_ambiente_copia_o_modelo_para_a_pasta_do_orgao(nome, meus_ambientes):
    codigo, saida = _novo_ambiente(nome)
    assert codigo == 0, saida
    copia = meus_ambientes / f"{nome}.toml"
    assert copia.read_bytes() == (RAIZ / "environments" / f"{nome}.toml").read_bytes()
    assert "  - orgao.unidade_envio: número da unidade" in saida
    assert f"\n    tramita-homologacao diagnostico --ambiente {nome}\n" in saida
    # the copy, still unfilled, is the one the name finds now: the message no longer points at the template
    with pytest.raises(ErroDeAmbiente, match="ainda tem campos a preencher com os dados do órgão"):
        carregar_ambiente(nome)


def test_novo_ambiente_nunca_sobrescreve(meus_ambientes):
    meus_ambientes.mkdir()
    (meus_ambientes / "homologacao.toml").write_text("# dados do órgão\n", encoding="utf-8")
    codigo, saida = _novo_ambiente("homologacao")
    assert codigo == 2 and "já existe e não foi alterado" in saida
    assert (meus_ambientes / "homologacao.toml").read_text(encoding="utf-8") == "# dados do órgão\n"


@pytest.mark.parametrize(
    ("argumentos", "esperado"),
    [
        (["homologacao", "../fora"], "Nome de ambiente inválido '../fora'"),
        (["homologacao", "CON"], "Nome de ambiente inválido 'CON'"),
        (["nenhum"], "Modelo 'nenhum' não existe"),
        (["homologacao", "local"], "'local' é o simulador embutido"),
    ],
)
def test_novo_ambiente_recusa_nomes_e_modelos_errados(argumentos, esperado, meus_ambientes):
    codigo, saida = _novo_ambiente(*argumentos)
    assert codigo == 2 and esperado in saida
    assert not (meus_ambientes.parent / "fora.toml").exists() and not any(meus_ambientes.glob("*"))


@pytest.mark.parametrize("nome", sorted(URLS))
def test_preenchido_carrega_pelo_nome(nome, meus_ambientes):
    assert _novo_ambiente(nome, f"{nome}-anex")[0] == 0
    copia = meus_ambientes / f"{nome}-anex.toml"
    copia.write_text(_preencher(copia.read_text(encoding="utf-8")), encoding="utf-8")
    ambiente = carregar_ambiente(f"{nome}-anex")
    assert ambiente.nome == f"{nome}-anex" and ambiente.arquivo == copia
    assert ambiente.url_base() == URLS[nome] and ambiente.tipo == nome
    assert ambiente.certificado.arquivo == meus_ambientes / "certificado.p12"  # relative to the organ's file
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
