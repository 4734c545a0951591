"""`tramita-homologacao executar` end to end, in a child process, against a simulator on loopback.

The simulator lives in this test process so that each test can script its counterparts; the
harness reaches it over HTTP exactly as it would reach the real service. These tests prove the
suite passes when the counterparts behave, and fails with a clear message when they do not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w

from tests.apoio.ambientes import RAIZ, ambiente_apontando_para, dados_do_local, executar_cli, gravar
from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.conformidade.requisitos import REQUISITOS, cobertura
from tramita_homologacao.simulador.contrapartes import Roteiro

executar = executar_cli


def resumo(pasta: Path) -> dict:
    return json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))


def requisito(dados: dict, id_: str) -> dict:
    return next(r for r in dados["requisitos"] if r["id"] == id_)


def test_executar_aprova_os_quatro_requisitos(tmp_path):
    """The first README command: the embedded simulator, the verdicts table, resumo.json and Allure results."""
    relatorios = tmp_path / "reports"
    processo = executar("--relatorios", str(relatorios), cwd=tmp_path)
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert "Todos os requisitos aprovados nesta campanha." in processo.stdout
    dados = resumo(relatorios)
    assert dados["aprovado"] is True and dados["ambiente"]["nome"] == "local"
    esperados = {
        "envio": [1, 2, 3, 4, 5, 6],
        "recebimento": [1, 2, 3, 4, 5, 6],
        "recusa": [1, 2, 3, 8, 9],
        "cancelamento": [1, 2, 7],
    }
    for id_, historico in esperados.items():
        item = requisito(dados, id_)
        assert item["veredito"] == "aprovado"
        principal = item["tramites"][0]
        assert [h["situacao"] for h in principal["historico"]] == historico
        assert principal["idt"] > 0 and len(principal["nre"]) == 16
        assert str(principal["idt"]) in processo.stdout
    envio = requisito(dados, "envio")["tramites"][0]
    assert [c["nome"].rsplit(".", 1)[1] for c in envio["componentes"]] == ["pdf", "html"]
    conclusao = next(r for r in envio["recibos"] if r["tipo"] == "recibo de conclusão")
    assert conclusao["assinatura_confere"] and conclusao["hashes_conferem"] and "SEI-ORGAO1" in conclusao["signatario"]
    assert sorted(conclusao["hashes"]) == sorted(c["sha256_base64"] for c in envio["componentes"])
    resultados = list((relatorios / "allure-results").glob("*-result.json"))
    # one per scenario of the minimum requirements: the extended profile runs only when asked for
    cenarios = cobertura(RAIZ / "features")
    assert len(resultados) == sum(len(cenarios[r.id]) for r in REQUISITOS) and dados["perfil_estendido"] == []
    assert (
        (relatorios / "allure-results" / "environment.properties")
        .read_text(encoding="utf-8")
        .startswith("Ambiente=local")
    )


def reprovar_envio(simulador, tmp_path, roteiro: Roteiro, limite_segundos: float = 10) -> tuple[str, str]:
    """Runs only `envio` with the ORGAO1 counterpart scripted; returns (the scenario's message, the terminal output)."""
    simulador.contrapartes.roteirizar("SEI-ORGAO1", roteiro)
    ambiente = ambiente_apontando_para(simulador, tmp_path, limite_segundos)
    processo = executar("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert processo.returncode == 1, processo.stdout + processo.stderr
    item = requisito(resumo(tmp_path), "envio")
    assert item["veredito"] == "reprovado"
    return item["cenarios"][0]["mensagem"], processo.stdout


def test_contraparte_silenciosa_reprova_envio_nomeando_a_situacao(simulador, tmp_path):
    mensagem, saida = reprovar_envio(simulador, tmp_path, Roteiro("silenciar"), 1.5)
    assert "ficou na situação 2 (Arquivos digitais recebidos pelo Tramita)" in mensagem
    assert "contate o gestor do destino" in mensagem
    assert "ficou na situação 2" in saida


def test_contraparte_que_falha_no_download_fica_na_situacao_3(simulador, tmp_path):
    mensagem, _ = reprovar_envio(simulador, tmp_path, Roteiro("falhar"), 1.5)
    assert "situação 3 (Metadados recebidos pelo destinatário)" in mensagem


def test_recibo_com_hash_divergente_reprova_envio(simulador, tmp_path):
    mensagem, _ = reprovar_envio(simulador, tmp_path, Roteiro("recibo_divergente"))
    assert "Os hashes do recibo de conclusão não conferem" in mensagem
    assert "hashes que constam mas não foram enviados" in mensagem
    recibo = next(
        r for r in requisito(resumo(tmp_path), "envio")["tramites"][0]["recibos"] if r["tipo"] == "recibo de conclusão"
    )
    assert recibo["assinatura_confere"] is False  # the list was changed after the destinatário signed it
    assert "assinatura INVÁLIDA" in recibo["veredito"]


def test_o_relatorio_sozinho_diz_qual_clausula_falhou_e_os_valores_comparados(simulador, tmp_path):
    reprovar_envio(simulador, tmp_path, Roteiro("recibo_divergente"))
    envio = requisito(resumo(tmp_path), "envio")
    situacoes = {c["id"]: c["situacao"] for c in envio["clausulas"]}
    assert situacoes["hashes_do_recibo_de_conclusao"] == "violada"
    assert situacoes["situacao_final"] == situacoes["hashes_do_recibo_de_envio"] == "comprovada"
    assert situacoes["assinatura_do_recibo"] == "não verificada"  # the scenario stopped at the first failure
    [tramite] = envio["tramites"]
    [falha] = [v for v in tramite["verificacoes"] if not v["aprovada"]]
    assert falha["clausula"] == "hashes_do_recibo_de_conclusao"
    assert sorted(falha["esperado"]["hashes"]) == sorted(c["sha256_base64"] for c in tramite["componentes"])
    assert falha["esperado"]["IDT"] == falha["observado"]["IDT"] == tramite["idt"]
    assert falha["observado"]["hashes"] != falha["esperado"]["hashes"]
    html = (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")
    clausulas = html.split('id="tabela-clausulas-envio"')[1].split("</table>")[0]
    linha = next(tr for tr in clausulas.split("<tr>") if "Cada hash do recibo de conclusão" in tr)
    assert 'class="veredito reprovado">violada<' in linha
    verificacoes = html.split(f'id="verificacoes-{tramite["idt"]}"')[1].split("</table>")[0]
    linha = next(tr for tr in verificacoes.split("<tr>") if "Hashes do recibo de conclusão" in tr)
    hashes_comparados = falha["esperado"]["hashes"] + falha["observado"]["hashes"]
    assert "reprovada" in linha and all(h in linha for h in hashes_comparados)


def test_recusa_inesperada_reprova_envio_com_o_motivo(simulador, tmp_path):
    roteiro = Roteiro("recusar", justificativa="Formato de arquivo não aceito pelo destino.")
    mensagem, _ = reprovar_envio(simulador, tmp_path, roteiro)
    assert "chegou à situação 8 (Recusado, aguardando ciência do remetente)" in mensagem
    assert "Motivo da recusa: 99 (Outro)" in mensagem
    assert "Justificativa: Formato de arquivo não aceito pelo destino." in mensagem
    # the harness acknowledged its own refused trâmite: nothing is left pending for the organ's real SPE
    tramite = requisito(resumo(tmp_path), "envio")["tramites"][0]
    assert [h["situacao"] for h in tramite["historico"]] == [1, 2, 3, 8, 9]
    assert simulador.plataforma.listar_pendencias("SPE-ANEX") == []


def test_os_quatro_requisitos_contra_um_simulador_externo(simulador, tmp_path):
    processo = executar("-a", str(ambiente_apontando_para(simulador, tmp_path)), "--relatorios", str(tmp_path))
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert all(r["veredito"] == "aprovado" for r in resumo(tmp_path)["requisitos"])
    assert not simulador.agenda.falhas


def _local_com(mudar) -> str:
    dados = dados_do_local()
    mudar(dados)
    return tomli_w.dumps(dados)


@pytest.mark.parametrize(
    ("conteudo", "trecho"),
    [
        ("tipo = \n", "tem um erro na linha 1, coluna 8: valor inválido"),
        ('tipo = "simulador"\n', "orgao: campo obrigatório ausente"),
        (
            _local_com(lambda d: d["orgao"].update(unidade_envio="cem")),
            "orgao.unidade_envio: deve ser um número inteiro",
        ),
        (_local_com(lambda d: d.update(tipo="teste")), "tipo: valor não permitido"),
        (_local_com(lambda d: d["espera"].update(intervalo=3)), "espera.intervalo: campo desconhecido"),
    ],
    ids=["toml-invalido", "sem-orgao", "unidade-texto", "tipo-desconhecido", "campo-desconhecido"],
)
def test_ambiente_malformado_tem_mensagem_em_portugues(tmp_path, conteudo, trecho):
    arquivo = tmp_path / "ruim.toml"
    arquivo.write_text(conteudo, encoding="utf-8")
    with pytest.raises(ErroDeAmbiente) as erro:
        carregar_ambiente(str(arquivo))
    assert trecho in " ".join(str(erro.value).split())


def test_ambiente_malformado_na_linha_de_comando_sai_com_2_sem_traceback(tmp_path):
    arquivo = tmp_path / "ruim.toml"
    arquivo.write_text(_local_com(lambda d: d.update(tipo="teste")), encoding="utf-8")
    processo = executar("-a", str(arquivo), "--relatorios", str(tmp_path))
    assert processo.returncode == 2
    saida = " ".join(processo.stderr.split())
    assert "Erro no ambiente" in saida and "tipo: valor não permitido" in saida
    assert "Traceback" not in processo.stdout + processo.stderr


def test_ambiente_inexistente_lista_os_disponiveis(tmp_path):
    processo = executar("-a", "homologacao-errado", "--relatorios", str(tmp_path))
    saida = " ".join(processo.stderr.split())
    assert processo.returncode == 2 and "modelos: ensaio-spe, homologacao, local, producao" in saida
    assert "\n    tramita-homologacao novo-ambiente MODELO homologacao-errado\n" in processo.stderr


def test_endpoint_inalcancavel_para_antes_de_qualquer_cenario_e_deixa_a_campanha_como_estava(tmp_path):
    dados = dados_do_local()
    dados["url_api"] = "http://127.0.0.1:9/interoperabilidade/rest/"
    arquivo = gravar(dados, tmp_path, "fora")
    campanha = tmp_path / "campanha"
    campanha.mkdir()
    (campanha / "resumo.json").write_text('{"de": "ontem"}', encoding="utf-8")
    processo = executar("-a", str(arquivo), "--relatorios", str(campanha), "--requisito", "envio")
    assert processo.returncode == 2
    saida = " ".join((processo.stdout + processo.stderr).split())
    assert "Sem conexão com http://127.0.0.1:9/" in saida and "conexão recusada" in saida
    assert "Nada foi enviado e a campanha ficou como estava" in saida
    assert f"tramita-homologacao diagnostico --ambiente {arquivo}" in saida
    assert "Traceback" not in saida and "aprovado" not in saida and "reprovado" not in saida
    assert (campanha / "resumo.json").read_text(encoding="utf-8") == '{"de": "ontem"}'
    assert not (campanha / "relatorio-ensaio.html").exists()


def test_ambiente_escolhido_pela_variavel_tramita_ambiente(simulador, tmp_path):
    arquivo = ambiente_apontando_para(simulador, tmp_path)
    processo = executar_cli(
        "--relatorios", str(tmp_path), "--requisito", "cancelamento", variaveis={"TRAMITA_AMBIENTE": str(arquivo)}
    )
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert resumo(tmp_path)["ambiente"]["url_base"] == f"{simulador.url_raiz}interoperabilidade/rest/v3/"
