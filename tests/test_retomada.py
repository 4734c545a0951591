"""Trâmites that take longer than a run: the first run leaves them 'aguardando', the next one completes them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.apoio.ambientes import ambiente_que_aguarda, executar_cli
from tests.apoio.espera import contrapartes_ociosas
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro

ATRASO = 2.5


def por_id(pasta: Path) -> dict:
    return {r["id"]: r for r in json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))["requisitos"]}


def idts(requisitos: dict) -> dict[str, list[int]]:
    return {id_: [t["idt"] for t in r["tramites"]] for id_, r in requisitos.items()}


def test_contraparte_lenta_aguardando_e_depois_concluido(simulador, tmp_path):
    for sistema in ("SEI-ORGAO1", "SEI-ORGAO2"):
        simulador.contrapartes.roteirizar(sistema, Roteiro("aceitar", atraso_segundos=ATRASO))
    ambiente = ambiente_que_aguarda(simulador, tmp_path)

    primeira = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path))
    assert primeira.returncode == 1
    antes = por_id(tmp_path)
    for id_ in ("envio", "recebimento", "recusa"):
        assert antes[id_]["veredito"] == "aguardando", antes[id_]
        assert antes[id_]["cenarios"][0]["mensagem"].startswith("Aguardando: O trâmite IDT")
    assert "a próxima execução o retoma" in antes["envio"]["cenarios"][0]["mensagem"]
    assert "ficou na situação 2 (Arquivos digitais recebidos pelo Tramita)" in antes["envio"]["cenarios"][0]["mensagem"]
    assert antes["cancelamento"]["cenarios"][0]["veredito"] == "aprovado"
    assert "aguardando" in primeira.stdout
    saida = " ".join(primeira.stdout.split())
    envio = antes["envio"]["tramites"][0]["idt"]  # each long wait shows where the trâmite stands
    assert "aguardando (envio) o destinatário (2/300001) — " in saida
    assert f"trâmite {envio} na situação 2 (Arquivos digitais recebidos pelo Tramita) desde" in saida
    assert "próxima consulta às" in saida and "desiste às" in saida
    criados = len(simulador.plataforma.consultar_tramites("SPE-ANEX"))

    contrapartes_ociosas(simulador)  # the slow counterparts act after the first run gave up waiting
    segunda = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path))
    assert segunda.returncode == 0, segunda.stdout + segunda.stderr
    depois = por_id(tmp_path)
    assert all(r["veredito"] == "aprovado" for r in depois.values())
    for id_ in ("envio", "recebimento", "recusa"):
        assert idts(depois)[id_] == idts(antes)[id_]  # the same trâmites, followed, not sent again
    envio = depois["envio"]["tramites"][0]
    assert envio["retomado_de_execucao_anterior"] is True
    assert [h["situacao"] for h in envio["historico"]] == [1, 2, 3, 4, 5, 6]
    assert {r["tipo"] for r in envio["recibos"]} == {"recibo de envio", "recibo de conclusão"}
    # the scenarios approved in the first run (cancelamento) are not run again: nothing new was sent
    assert len(simulador.plataforma.consultar_tramites("SPE-ANEX")) == criados
    assert "já aprovado" in segunda.stdout

    livro = sqlite3.connect(tmp_path / "livro.sqlite3")
    abertos = livro.execute("SELECT count(*) FROM tramites WHERE avaliado = 0").fetchone()[0]
    assert abertos == 0


def test_recomecar_envia_de_novo(simulador, tmp_path):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("silenciar"))
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    primeiro = por_id(tmp_path)["envio"]["tramites"][0]["idt"]
    executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert por_id(tmp_path)["envio"]["tramites"][0]["idt"] == primeiro
    sem_terminal = executar_cli(
        "-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio", "--recomecar"
    )
    segundo = por_id(tmp_path)["envio"]["tramites"][0]["idt"]
    assert segundo != primeiro and [t["idt"] for t in por_id(tmp_path)["envio"]["tramites"]] == [segundo]
    assert f"Os trâmites em aberto (IDT {primeiro}) ficam como estão" in sem_terminal.stdout  # not asked: kept
    assert (
        simulador.plataforma.tramite_visivel("SPE-ANEX", primeiro).situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE
    )

    cancelando = executar_cli(
        "-a",
        str(ambiente),
        "--relatorios",
        str(tmp_path),
        "--requisito",
        "envio",
        "--recomecar",
        "--cancelar-substituidos",
    )
    assert f"Trâmite {segundo} cancelado." in cancelando.stdout
    assert simulador.plataforma.tramite_visivel("SPE-ANEX", segundo).situacao == Situacao.CANCELADO
    # only the harness's own open trâmites of the campaign, and only those: the first one was left out of it
    assert (
        simulador.plataforma.tramite_visivel("SPE-ANEX", primeiro).situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE
    )


def test_refazer_repete_um_requisito_ja_aprovado(simulador, tmp_path):
    ambiente = ambiente_que_aguarda(simulador, tmp_path, limite_segundos=10)
    primeira = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "cancelamento")
    assert primeira.returncode == 0, primeira.stdout + primeira.stderr
    antes = [t["idt"] for t in por_id(tmp_path)["cancelamento"]["tramites"]]
    contrapartes_ociosas(simulador)
    de_novo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "cancelamento")
    assert de_novo.returncode == 0 and [t["idt"] for t in por_id(tmp_path)["cancelamento"]["tramites"]] == antes
    refeito = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--refazer", "cancelamento")
    assert refeito.returncode == 0, refeito.stdout + refeito.stderr
    depois = por_id(tmp_path)
    assert len(depois["cancelamento"]["tramites"]) == 2 and not set(antes) & {
        t["idt"] for t in depois["cancelamento"]["tramites"]
    }
    assert depois["envio"]["veredito"] == "não executado"  # --refazer runs only what it names


def test_cenario_inconclusivo_nao_e_repetido_sem_refazer(simulador, tmp_path):
    """An inconclusive cancelamento (produção's race) is left as it is: a plain run sends nothing for it."""
    livro = Livro(tmp_path / "livro.sqlite3")
    for cenario, veredito in (
        ("Cancelamento de trâmite antes da conclusão", "inconclusivo"),
        ("Cancelamento recusado depois da conclusão do trâmite", "aprovado"),
    ):
        livro.registrar_veredito("cancelamento", cenario, veredito, "", 0.0, [], [])
    livro.fechar()
    ambiente = ambiente_que_aguarda(simulador, tmp_path)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "cancelamento")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    saida = " ".join(processo.stdout.split())
    assert "já inconclusivo Cancelamento de trâmite antes da conclusão" in saida
    assert "Inconclusivo: cancelamento" in saida and "--refazer cancelamento" in saida
    assert simulador.plataforma.consultar_tramites("SPE-ANEX") == []
