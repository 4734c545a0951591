"""Following open trâmites: `acompanhar` (with adaptive backoff) and `explicar`."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

from tests.apoio.ambientes import ambiente_que_aguarda, executar_cli
from tests.apoio.simulador import ORGAO1
from tramita_homologacao.campanha.seguimento import Seguimento
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.conexao import abrir_cliente
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.acompanhamento import Acompanhamento
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.simulador.contrapartes import Roteiro


class Relogio:
    def __init__(self) -> None:
        self.agora = 0.0

    def __call__(self) -> float:
        return self.agora

    def dormir(self, segundos: float) -> None:
        self.agora += segundos


def envio_parado(simulador, tmp_path: Path) -> Path:
    """One envio left 'aguardando' in the ledger, its counterpart silent."""
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("silenciar"))
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    return ambiente


def test_backoff_adaptativo_conta_as_consultas_por_hora(simulador, tmp_path):
    envio_parado(simulador, tmp_path)
    caminho = ambiente_que_aguarda(simulador, tmp_path, intervalo_segundos=15, intervalo_maximo_segundos=600)
    ambiente = carregar_ambiente(str(caminho))
    livro = Livro(tmp_path / "livro.sqlite3")
    orgao = OrgaoEmTeste(
        abrir_cliente(ambiente, ambiente.url_base(), None), ambiente, RegistroDeExecucao(livro), None, tmp_path
    )
    relogio = Relogio()
    acompanhamento = Acompanhamento.dos_abertos(orgao, relogio)
    assert len(acompanhamento.acompanhados) == 1
    acompanhado = acompanhamento.acompanhados[0]
    julgados: list[list[str]] = []
    seguimento = Seguimento(acompanhamento, julgar=julgados.append)
    assert seguimento.seguir(dormir=relogio.dormir, limite_segundos=3600) is False
    # The first round has the scenario left unjudged run again (each wait asking once), then only changes do.
    assert julgados == [["Envio de processo com um ofício em PDF e um despacho em HTML"]]
    # Polled at 0 and again at once after the scenario ran, then from 15 s doubling while nothing changes, up to
    # 600 s: at 0, 0, 30, 90, 210, 450, 930, 1530, 2130, 2730, 3330
    assert acompanhado.consultas == 11 and relogio.agora == 3330 and acompanhado.intervalo.atual == 600
    seguimento.seguir(dormir=relogio.dormir, limite_segundos=4 * 3600)
    assert acompanhado.consultas == 11 + 23  # then one every 600 s (6 per hour): at 3930, 4530, … 17130
    assert acompanhamento.acompanhados[0].tramite.situacao == 2


def test_acompanhar_mostra_e_aguardar_conclui(simulador, tmp_path):
    ambiente = envio_parado(simulador, tmp_path)
    resumo_antes = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))
    idt = resumo_antes["requisitos"][0]["tramites"][0]["idt"]

    mostrar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), comando="acompanhar")
    assert mostrar.returncode == 1, mostrar.stdout + mostrar.stderr
    assert str(idt) in mostrar.stdout and "Arquivos digitais recebidos pelo Tramita" in mostrar.stdout
    assert "0 de 1 concluídos" in mostrar.stdout

    # The counterpart wakes up: from now on it accepts, and it takes the pending trâmite, as a person would.
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("aceitar"))
    contraparte = simulador.contrapartes.contraparte("SEI-ORGAO1")
    simulador.agenda.agendar(0.5, contraparte.reacao(simulador.plataforma.tramite_visivel("SEI-ORGAO1", idt)))
    inicio = time.monotonic()
    aguardar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--aguardar", comando="acompanhar")
    assert aguardar.returncode == 1  # only envio ran: the campaign is not approved, aguardar.stdout + aguardar.stderr
    assert "Nada mais a aguardar nesta campanha." in aguardar.stdout
    assert time.monotonic() - inicio < 60
    # The follow-up judged the scenario with the same checks as executar, and rebuilt the pack.
    envio = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))["requisitos"][0]
    tramite = envio["tramites"][0]
    assert envio["veredito"] == "aprovado" and tramite["idt"] == idt
    assert tramite["situacao_final"] == 6 and [h["situacao"] for h in tramite["historico"]] == [1, 2, 3, 4, 5, 6]
    assert {r["tipo"] for r in tramite["recibos"]} == {"recibo de envio", "recibo de conclusão"}
    assert (tmp_path / "relatorio-ensaio.html").is_file()

    criados = len(simulador.plataforma.consultar_tramites("SPE-ANEX"))
    de_novo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert de_novo.returncode == 0, de_novo.stdout
    assert "já aprovado" in de_novo.stdout and "--refazer envio" in de_novo.stdout
    assert len(simulador.plataforma.consultar_tramites("SPE-ANEX")) == criados  # nothing sent again


def test_o_acompanhamento_nunca_envia_um_processo_novo(simulador, tmp_path):
    """The envio's trâmite was cancelled automatically (10): following up ends it, and sends nothing."""
    ambiente = envio_parado(simulador, tmp_path)
    criados = len(simulador.plataforma.consultar_tramites("SPE-ANEX"))
    simulador.plataforma.relogio.avancar(9 * 86_400)
    aguardar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--aguardar", comando="acompanhar")
    assert aguardar.returncode == 1, aguardar.stdout + aguardar.stderr
    assert len(simulador.plataforma.consultar_tramites("SPE-ANEX")) == criados
    envio = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))["requisitos"][0]
    assert envio["veredito"] == "aguardando"
    assert "O acompanhamento não envia processos novos; para enviar outro: tramita-homologacao executar" in " ".join(
        envio["pendencia"].split()
    )


def test_explicar_um_tramite_pelo_idt_e_pelo_nre(simulador, tmp_path):
    ambiente = envio_parado(simulador, tmp_path)
    tramite = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))["requisitos"][0]["tramites"][0]
    for identificador in (str(tramite["idt"]), tramite["nre"]):
        processo = executar_cli(identificador, "-a", str(ambiente), comando="explicar")
        assert processo.returncode == 0, processo.stdout + processo.stderr
        assert f"Trâmite IDT {tramite['idt']}" in processo.stdout
        assert "Aguardando o envio dos arquivos digitais" in processo.stdout
        assert "Arquivos digitais recebidos pelo Tramita" in processo.stdout
        assert "Onde está o processo" in processo.stdout and "O que fazer" in processo.stdout


def test_explicar_tramite_invisivel_ou_invalido(simulador, tmp_path):
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    alheio = simulador.contrapartes.enviar_processo("SEI-ORGAO2", ORGAO1)
    processo = executar_cli(str(alheio.idt), "-a", str(ambiente), comando="explicar")
    assert processo.returncode == 1 and "Nenhum trâmite" in processo.stdout
    processo = executar_cli("abc", "-a", str(ambiente), comando="explicar")
    assert processo.returncode == 2 and "informe o IDT" in processo.stderr


def test_explicar_sem_argumento_mostra_a_tabela_completa():
    processo = executar_cli(comando="explicar", variaveis={"COLUMNS": "1000"})  # one line per row, nothing wrapped
    assert processo.returncode == 0
    for situacao in range(1, 11):
        assert f"│ {situacao} " in processo.stdout
    linha_8 = processo.stdout.split("│ 8 ", 1)[1].split("├", 1)[0]  # the row of situação 8, up to the next one
    assert "A justificativa da recusa passou de 500 caracteres" in linha_8
    assert "A unidade de origem foi inativada numa mudança do SIORG" in linha_8


def test_acompanhar_e_explicar_no_simulador_embutido():
    for processo in (executar_cli("5001", comando="explicar"), executar_cli(comando="acompanhar")):
        assert processo.returncode == 2 and "começa vazio a cada execução" in " ".join(processo.stderr.split())


def test_o_acompanhamento_so_termina_quando_nada_foi_pedido_nem_instruido(tmp_path):
    """Nothing to judge is not enough: a processo asked of PEN, or a send the operator was told to make, is still
    awaited — the follow-up goes on looking for it."""
    ambiente = carregar_ambiente("local")
    livro = Livro(tmp_path / "livro.sqlite3")
    orgao = OrgaoEmTeste(
        abrir_cliente(ambiente, "http://127.0.0.1:9/interoperabilidade/rest/v3/", None),
        ambiente,
        RegistroDeExecucao(livro),
        None,
        tmp_path,
    )
    seguimento = Seguimento(Acompanhamento.dos_abertos(orgao, Relogio()), julgar=lambda cenarios: None)
    assert seguimento.terminou()
    livro.registrar_pedido("recebimento", "Recebimento")
    assert not seguimento.terminou()
    livro.atender_pedido("recebimento", "Recebimento", 5001)
    assert seguimento.terminou()
    livro.registrar_instrucao("envio", "Envio", "enviar", "envie", None, datetime.now().astimezone())
    assert not seguimento.terminou()
    livro.envio_encontrado("envio", "Envio", 5002)
    assert seguimento.terminou()
    livro.fechar()
