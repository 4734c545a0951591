"""The campaign's plumbing, in process: its folder, the commands it prints, one holder at a time."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.apoio.ambientes import RAIZ, dados_do_local, gravar
from tramita_homologacao.campanha.pasta import VARIAVEL_RELATORIOS, comando_sugerido, pasta_da_campanha, pasta_padrao
from tramita_homologacao.campanha.trava import CampanhaEmUso, campanha_exclusiva
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.evidencia import allure_html
from tramita_homologacao.evidencia.allure_html import AllureIndisponivel, gerar_allure_html
from tramita_homologacao.suite.chaves import CHAVE_CAMPANHA


def test_a_pasta_da_campanha_nao_depende_da_pasta_atual(tmp_path, monkeypatch):
    ambiente = carregar_ambiente("local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(VARIAVEL_RELATORIOS)
    assert pasta_padrao(ambiente) == RAIZ / "reports" / "local"
    assert pasta_da_campanha(ambiente, None) == RAIZ / "reports" / "local"
    assert pasta_da_campanha(ambiente, Path("outra")) == tmp_path / "outra"
    monkeypatch.setenv(VARIAVEL_RELATORIOS, "relatorios-do-orgao")
    assert pasta_padrao(ambiente) == tmp_path / "relatorios-do-orgao" / "local"


def test_a_suite_nao_usa_a_pasta_reports_do_harness(pytestconfig):
    """This very session, which loads the scenarios' plugin, opened its campaign away from `reports/`; so do the
    commands the tests run in child processes (they inherit the variable)."""
    pasta = pytestconfig.stash[CHAVE_CAMPANHA].pasta
    assert RAIZ / "reports" not in pasta.parents and pasta.parent == Path(os.environ[VARIAVEL_RELATORIOS]).resolve()


def test_cada_dica_e_um_comando_que_se_executa_como_esta(tmp_path):
    local = carregar_ambiente("local")
    assert comando_sugerido("executar", local, None) == "tramita-homologacao executar"
    assert comando_sugerido("executar", local, pasta_padrao(local)) == "tramita-homologacao executar"
    arquivo = gravar(dados_do_local(), tmp_path, "meu")
    meu = carregar_ambiente(str(arquivo))
    assert comando_sugerido("acompanhar", meu, tmp_path / "r", "--aguardar") == (
        f"tramita-homologacao acompanhar --aguardar --ambiente {arquivo} --relatorios {tmp_path / 'r'}"
    )
    # diagnostico has no --relatorios: it is left out rather than printed as an option that fails
    assert (
        comando_sugerido("diagnostico", meu, tmp_path / "r") == f"tramita-homologacao diagnostico --ambiente {arquivo}"
    )


def test_um_ambiente_de_environments_e_citado_pelo_nome(tmp_path):
    ambiente = carregar_ambiente(str(RAIZ / "environments" / "local.toml")).model_copy(
        update={"nome": "homologacao", "arquivo": RAIZ / "environments" / "homologacao.toml"}
    )
    assert comando_sugerido("executar", ambiente, None) == "tramita-homologacao executar --ambiente homologacao"
    espacos = tmp_path / "pasta com espaço"
    assert comando_sugerido("relatorio", ambiente, espacos).endswith(f'--relatorios "{espacos}"')


def test_uma_segunda_execucao_sabe_quem_esta_com_a_campanha(tmp_path):
    ambiente = carregar_ambiente("local")
    with campanha_exclusiva(ambiente, tmp_path, "tramita-homologacao executar"):
        with pytest.raises(CampanhaEmUso) as erro, campanha_exclusiva(ambiente, tmp_path, "tramita-homologacao x"):
            pass
        mensagem = str(erro.value)
        assert "já está em uso por outra execução (tramita-homologacao executar, processo" in mensagem
        assert "aguarde ela terminar" in mensagem
    with campanha_exclusiva(ambiente, tmp_path, "tramita-homologacao acompanhar"):  # released on exit
        pass
    assert not (tmp_path / ".campanha.dono.json").exists()


def test_a_primeira_instalacao_do_allure_avisa_o_que_faz(tmp_path, monkeypatch):
    monkeypatch.setattr(allure_html.shutil, "which", lambda programa: "/usr/bin/node" if programa == "node" else None)
    avisos: list[str] = []
    with pytest.raises(AllureIndisponivel, match="npm não encontrado"):
        gerar_allure_html(tmp_path / "resultados", tmp_path / "html", tmp_path, avisos.append)
    assert len(avisos) == 1 and avisos[0].startswith("Instalando o Allure (npm ci")


def test_execucoes_que_comecam_juntas_instalam_o_allure_uma_vez(tmp_path, monkeypatch):
    """Test workers (or two runs) that find no Allure at once: one installs, the others wait and use it."""
    instalacoes: list[int] = []
    em_andamento = threading.Event()

    def instalar(raiz):
        instalacoes.append(threading.get_ident())
        em_andamento.set()
        time.sleep(0.5)  # npm ci takes a while: the others arrive meanwhile
        pacote = raiz / "node_modules" / "allure" / "package.json"
        pacote.parent.mkdir(parents=True)
        pacote.write_text("{}", encoding="utf-8")

    monkeypatch.setattr(allure_html, "_instalar", instalar)
    avisos: list[str] = []
    primeira = threading.Thread(target=allure_html.garantir_allure, args=(tmp_path, avisos.append))
    primeira.start()
    assert em_andamento.wait(10)
    outras = [threading.Thread(target=allure_html.garantir_allure, args=(tmp_path, avisos.append)) for _ in range(3)]
    for t in outras:
        t.start()
    for t in [primeira, *outras]:
        t.join(10)
    assert len(instalacoes) == 1 and len(avisos) == 1
