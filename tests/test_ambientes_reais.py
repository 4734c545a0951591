"""Real environments, rehearsed on the simulator with TLS and client certificates required.

The harness is run as a user runs it (a child process, an environment file, the certificate
password in an environment variable); the simulator plays the Tramita.GOV.BR on loopback.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.apoio.ambientes import (
    RAIZ,
    VARIAVEL_DA_SENHA,
    ambiente_apontando_para,
    ambiente_tls,
    dados_tls,
    executar_cli,
    gravar,
)
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tests.apoio.espera import contrapartes_ociosas
from tests.apoio.simulador import DIGED_ANEX, DISIS, ORGAO1, ORGAO4, cabecalho, vincular_certificado
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import carregar_certificado
from tramita_homologacao.configuracao.conexao import abrir_cliente
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste
from tramita_homologacao.orgao.protecao import ErroDeProtecao
from tramita_homologacao.orgao.registro import ErroDePropriedade, RegistroDeExecucao
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro

SENHA_NO_AMBIENTE = {VARIAVEL_DA_SENHA: SENHA}


@pytest.fixture
def cenario_tls(simulador_tls, ca, tmp_path):
    """The TLS simulator, the organ's certificate linked to SPE-ANEX, and its files."""
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "orgao", "anex")
    vincular_certificado(simulador_tls, arquivo)
    return simulador_tls, arquivo, simulador_tls.ca_pem


def ler_resumo(pasta: Path) -> dict:
    return json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))


def por_id(resumo: dict) -> dict:
    return {r["id"]: r for r in resumo["requisitos"]}


def segredos_em(pasta: Path, *segredos: str) -> list[str]:
    return [
        str(arquivo)
        for arquivo in pasta.rglob("*")
        if arquivo.is_file() and any(s.encode() in arquivo.read_bytes() for s in segredos)
    ]


def test_suite_inteira_com_tls_mutuo_e_nenhum_segredo_nos_relatorios(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem)
    relatorios = tmp_path / "reports"
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(relatorios), variaveis=SENHA_NO_AMBIENTE)
    assert processo.returncode == 0, processo.stdout + processo.stderr
    resumo = ler_resumo(relatorios)
    assert resumo["ambiente"]["url_base"].startswith("https://")
    assert all(r["veredito"] == "aprovado" for r in resumo["requisitos"])
    assert "anex.sistemas.exemplo.gov.br" in resumo["certificado"]["titular"]
    assert len(resumo["certificado"]["impressao_digital_sha256"]) == 64
    assert por_id(resumo)["envio"]["contraparte"] == {
        "descricao": "Órgão de Teste 1 do PEN (ORGAO1)",  # the platform's name, not the file's
        "repositorio": 2,
        "estrutura": 300001,
    }
    # the organ signed its recibo de conclusão with its certificate's key and the platform verified it
    recebido = por_id(resumo)["recebimento"]["tramites"][0]
    assert simulador.plataforma.tramite_visivel("SPE-ANEX", recebido["idt"]).recibo.cadeia_do_certificado
    chave_privada = certificado.read_text(encoding="ascii").split("-----BEGIN ENCRYPTED PRIVATE KEY-----")[1][:64]
    arquivos = {p.name for p in relatorios.iterdir()}
    assert {"resumo.json", "relatorio-ensaio.html", "relatorio-ensaio.pdf"} <= arquivos  # tipo simulador: an ensaio
    assert segredos_em(relatorios, SENHA, chave_privada, "PRIVATE KEY") == []


def test_sem_a_senha_a_execucao_para_com_mensagem_clara(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), variaveis={VARIAVEL_DA_SENHA: "errada"})
    saida = " ".join(processo.stderr.split())
    assert processo.returncode == 2
    assert "Erro no certificado" in saida and "a senha do certificado está incorreta" in saida
    assert "Traceback" not in processo.stdout + processo.stderr
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []


def test_unidade_desconhecida_reprova_com_a_mensagem_da_api(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem, unidade_envio=123456)
    processo = executar_cli(
        "-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio", variaveis=SENHA_NO_AMBIENTE
    )
    assert processo.returncode == 1
    mensagem = por_id(ler_resumo(tmp_path))["envio"]["cenarios"][0]["mensagem"]
    assert "0055 - Estrutura organizacional 123456 não encontrada no repositório 1" in mensagem


# --- produção ---------------------------------------------------------------------------------------
def test_producao_sem_confirmacao_e_sem_terminal_e_recusada(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem, tipo="producao")
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), variaveis=SENHA_NO_AMBIENTE)
    assert processo.returncode == 2
    assert "é de PRODUÇÃO e não há terminal para confirmar" in " ".join(processo.stderr.split())
    assert "--confirmar-producao" in processo.stderr
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []


def test_perfil_estendido_em_producao_so_a_pedido_do_pen(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem, tipo="producao")
    argumentos = ("-a", str(ambiente), "--relatorios", str(tmp_path), "--confirmar-producao")
    processo = executar_cli(*argumentos, "--perfil", "estendido", variaveis=SENHA_NO_AMBIENTE)
    assert processo.returncode == 2, processo.stdout + processo.stderr
    assert "O perfil estendido não roda em produção" in " ".join(processo.stderr.split())
    assert "--pedido-do-pen" in processo.stderr and simulador.plataforma.consultar_tramites("SPE-ANEX") == []
    # asked for by PEN: the guard rails of produção still hold (marked as a test, to the DISIS only)
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("aceitar"))
    pedido = ("--pedido-do-pen", "--requisito", "documento_avulso")
    processo = executar_cli(*argumentos, *pedido, variaveis=SENHA_NO_AMBIENTE)
    assert processo.returncode == 0, processo.stdout + processo.stderr
    [avulso] = simulador.plataforma.consultar_tramites("SPE-ANEX")
    assert avulso.tipo == "D" and avulso.destinatario == DISIS
    assert avulso.dados_protocolo["descricao"].startswith("TESTE – ANEX")


def test_pytest_em_producao_exige_a_confirmacao(cenario_tls, tmp_path):
    simulador, certificado, ca_pem = cenario_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, ca_pem, tipo="producao")
    processo = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", f"--ambiente={ambiente}", "-p", "no:cacheprovider", "-q"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**__import__("os").environ, **SENHA_NO_AMBIENTE},
    )
    assert processo.returncode == 4
    assert "é de PRODUÇÃO" in processo.stderr and "Confirme com --confirmar-producao" in processo.stderr
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []


@pytest.fixture
def orgao_em_producao(cenario_tls, tmp_path):
    simulador, arquivo, ca_pem = cenario_tls
    ambiente = carregar_ambiente(str(ambiente_tls(simulador, tmp_path, arquivo, ca_pem, tipo="producao")))
    certificado = carregar_certificado(arquivo, Segredo(SENHA))
    cliente = abrir_cliente(ambiente, ambiente.url_base(), certificado)
    return simulador, OrgaoEmTeste(cliente, ambiente, RegistroDeExecucao(), certificado.par_de_chaves(), tmp_path)


def test_protecao_bloqueia_processo_sem_marca_de_teste(orgao_em_producao, faker_teste, tmp_path):
    simulador, orgao = orgao_em_producao
    processo = gerar_processo_de_teste(faker_teste, tmp_path / "p", unidade="Protocolo", sigla_unidade="ANEX")
    with pytest.raises(ErroDeProtecao, match="não está descrito como teste"):
        orgao.enviar_processo(processo, DISIS, requisito="envio", cenario="x")
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []


def test_protecao_bloqueia_destino_que_nao_e_a_unidade_de_teste(orgao_em_producao, faker_teste, tmp_path):
    simulador, orgao = orgao_em_producao
    processo = gerar_processo_de_teste(
        faker_teste, tmp_path / "p", unidade="Protocolo", sigla_unidade="ANEX", marca="TESTE – ANEX"
    )
    with pytest.raises(ErroDeProtecao, match="não é a unidade de teste configurada"):
        orgao.enviar_processo(processo, ORGAO1, requisito="envio", cenario="x")
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []


def test_producao_exige_todas_as_contrapartes_na_unidade_de_teste(cenario_tls, tmp_path):
    simulador, arquivo, ca_pem = cenario_tls
    dados = dados_tls(simulador, arquivo, ca_pem, tipo="producao")
    dados["contrapartes"]["recusa"] |= {"repositorio": ORGAO1.repositorio, "estrutura": ORGAO1.estrutura}
    caminho = gravar(dados, tmp_path, "tls")
    processo = executar_cli("-a", str(caminho), "--relatorios", str(tmp_path), variaveis=SENHA_NO_AMBIENTE)
    assert processo.returncode == 2
    assert "as contrapartes recusa apontam para outra unidade" in " ".join(processo.stderr.split())


# --- ownership -------------------------------------------------------------------------------------
def _enviar_como_o_spe_real(simulador, processo, destinatario):
    """A trâmite of the organ's own system that the harness did not create (its real SPE shares the certificate)."""
    plataforma = simulador.plataforma
    tramite = plataforma.criar_tramite("SPE-ANEX", "P", cabecalho(destinatario=destinatario), processo.como_json())
    for componente in processo.componentes:
        plataforma.enviar_componente(
            "SPE-ANEX", tramite.ticket, tramite.protocolo, componente.hash, io.BytesIO(componente.caminho.read_bytes())
        )
    return tramite


def test_pendencias_alheias_ficam_intactas_depois_de_uma_execucao_completa(simulador, faker_teste, tmp_path):
    recebidos = [simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX) for _ in range(2)]
    recusado = _enviar_como_o_spe_real(
        simulador,
        gerar_processo_de_teste(faker_teste, tmp_path / "a", unidade="Protocolo", sigla_unidade="ANEX"),
        ORGAO4,
    )
    concluido = _enviar_como_o_spe_real(
        simulador,
        gerar_processo_de_teste(faker_teste, tmp_path / "b", unidade="Protocolo", sigla_unidade="ANEX"),
        ORGAO1,
    )
    contrapartes_ociosas(simulador)
    alheios = [*recebidos, recusado, concluido]
    antes = {t.idt: list(t.mudancas) for t in alheios}
    assert [t.situacao for t in alheios] == [Situacao(2), Situacao(2), Situacao(8), Situacao(5)]

    processo = executar_cli("-a", str(ambiente_apontando_para(simulador, tmp_path)), "--relatorios", str(tmp_path))
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert {t.idt: list(t.mudancas) for t in alheios} == antes
    pendentes = {p.idt for p in simulador.plataforma.listar_pendencias("SPE-ANEX")}
    assert pendentes == {t.idt for t in alheios}
    registrados = {t["idt"] for r in ler_resumo(tmp_path)["requisitos"] for t in r["tramites"]}
    assert registrados.isdisjoint(antes)


def test_o_orgao_se_recusa_a_agir_sobre_tramite_alheio(simulador, tmp_path):
    alheio = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX)
    ambiente = carregar_ambiente(str(ambiente_apontando_para(simulador, tmp_path)))
    orgao = OrgaoEmTeste(
        abrir_cliente(ambiente, ambiente.url_base(), None), ambiente, RegistroDeExecucao(), None, tmp_path
    )
    for acao in (
        lambda: orgao.receber_processo(alheio.idt),
        lambda: orgao.recusar(alheio.idt, MotivoRecusa.OUTRO, "x"),
        lambda: orgao.cancelar(alheio.idt),
        lambda: orgao.dar_ciencia_da_recusa(alheio.idt),
        lambda: orgao.receber_recibo_de_conclusao(alheio.idt),
    ):
        with pytest.raises(ErroDePropriedade, match=f"trâmite IDT {alheio.idt}, que não foi criado nem recebido"):
            acao()
    assert [int(s) for s, _ in alheio.mudancas] == [1, 2]


def test_os_cenarios_pelo_pytest_vao_para_a_pasta_da_campanha_e_nada_para_reports(tmp_path):
    """`pytest steps` (the scenarios without the CLI) writes its resumo and Allure results with the campaign; the
    harness's checkout keeps no result of it (the suite never shares reports/ with a run of the harness)."""
    processo = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "--relatorios", str(tmp_path), "-p", "no:cacheprovider", "-q"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert "6 passed" in processo.stdout
    deste = {p.name for p in (tmp_path / "allure-results").glob("*-result.json")}
    assert (tmp_path / "resumo.json").is_file() and len(deste) == 6
    # none of this run's results (each file named by its own uuid) went anywhere under reports/
    assert not deste & {p.name for p in (RAIZ / "reports").rglob("*-result.json")}
