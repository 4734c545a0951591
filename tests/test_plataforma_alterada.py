"""A platform that lies or fails, in front of the whole `executar`: no altered answer and no fault gives
`aprovado`, no fault gives `reprovado`, and no test trâmite stays open once the next run ends.

The simulator lives in this process behind `PlataformaAlterada`; the harness is a child process that talks
HTTP to it as to the Tramita.GOV.BR.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.apoio.ambientes import ambiente_apontando_para, executar_cli
from tests.apoio.plataforma_alterada import PlataformaAlterada
from tests.apoio.simulador import ORGAO
from tramita_homologacao.protocolo.assinatura import gerar_par_efemero
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO
from tramita_homologacao.protocolo.situacoes import Situacao

TRAMITES = r"/interoperabilidade/rest/v3/tramites$"
RECIBO = r"/tramites/\d+/recibo$"
ABERTAS = {Situacao(s) for s in range(1, 6)} | {Situacao.RECUSADO}


def executar(simulador, pasta: Path, *argumentos: str, limite_segundos: float = 10):
    ambiente = ambiente_apontando_para(simulador, pasta, limite_segundos)
    return executar_cli("-a", str(ambiente), "--relatorios", str(pasta), *argumentos)


def vereditos(pasta: Path) -> dict[str, dict]:
    dados = json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))
    return {r["id"]: r for r in dados["requisitos"]}


def clausulas(requisito: dict) -> dict[str, str]:
    return {c["id"]: c["situacao"] for c in requisito["clausulas"]}


def reprovado_pela(simulador, pasta: Path, requisito: str, clausula: str) -> dict:
    """Runs `requisito` alone: it must end `reprovado`, `clausula` broken. The requirement, as resumo.json has it."""
    processo = executar(simulador, pasta, "--requisito", requisito)
    assert processo.returncode == 1, processo.stdout + processo.stderr
    julgado = vereditos(pasta)[requisito]
    assert julgado["veredito"] == "reprovado"
    assert clausulas(julgado)[clausula] == "violada"
    return julgado


def abertos_do_orgao(simulador) -> list[int]:
    """The organ's trâmites the platform still has open (someone would still have to act on them)."""
    return [t.idt for t in simulador.plataforma.consultar_tramites(ORGAO) if t.situacao in ABERTAS]


# --- lies -----------------------------------------------------------------------------------------
def _em_cada_tramite(mudar):
    def alterar(corpo):
        for tramite in corpo.get("tramites", []):
            mudar(tramite)
        return corpo

    return alterar


@pytest.mark.parametrize(
    ("mentira", "trecho"),
    [
        (lambda t: t.update(situacaoAtual=str(t["situacaoAtual"])), "situacaoAtual deveria ser um número inteiro"),
        (lambda t: t.update(IDT=t["IDT"] + 1000), "pedidos os trâmites com IDT"),
        (lambda t: t.update(NRE="0000000000009999"), "agora veio com o NRE 0000000000009999"),
    ],
    ids=["situacao-como-texto", "outro-idt", "outro-nre"],
)
def test_resposta_incoerente_reprova_pela_clausula_da_resposta(simulador, tmp_path, mentira, trecho):
    PlataformaAlterada(simulador).alterar("GET", TRAMITES, _em_cada_tramite(mentira))
    envio = reprovado_pela(simulador, tmp_path, "envio", "resposta_coerente")
    assert trecho in envio["cenarios"][0]["mensagem"]


def _reassinado_por(estranho):
    def alterar(corpo):
        recibo = corpo["recibo"]
        xml = RECIBO_DE_CONCLUSAO.xml(
            recibo["IDT"], recibo["NRE"], recibo["dataDeRecebimento"], recibo["hashesDosComponentesDigitais"]
        )
        return corpo | {"cadeiaDoCertificado": estranho.certificado_pem, "hashDaAssinatura": estranho.assinar(xml)}

    return alterar


def test_recibo_reassinado_por_um_estranho_reprova_o_envio(simulador, tmp_path):
    estranho = gerar_par_efemero("SEI-ORGAO1")  # same name as the destination, not issued by the platform
    PlataformaAlterada(simulador).alterar("GET", RECIBO, _reassinado_por(estranho))
    envio = reprovado_pela(simulador, tmp_path, "envio", "assinatura_do_recibo")
    [recibo] = [r for r in envio["tramites"][0]["recibos"] if r["tipo"] == "recibo de conclusão"]
    assert recibo["assinatura_confere"] and not recibo["signatario_reconhecido"]
    assert recibo["impressao_digital"] and recibo["nre"] == envio["tramites"][0]["nre"]
    html = (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")
    [linha] = [p for p in html.split("<p ")[1:] if p.startswith('class="destaque') and "Recibo de conclusão do" in p]
    assert linha.startswith('class="destaque reprovado"') and recibo["impressao_digital"] in linha


def test_recibo_com_o_nre_de_outro_tramite_reprova_o_envio(simulador, tmp_path):
    def outro_nre(corpo):
        corpo["recibo"]["NRE"] = "0000000000009999"
        return corpo

    PlataformaAlterada(simulador).alterar("GET", RECIBO, outro_nre)
    envio = reprovado_pela(simulador, tmp_path, "envio", "hashes_do_recibo_de_conclusao")
    assert "de OUTRO trâmite" in envio["cenarios"][0]["mensagem"]


# --- faults ---------------------------------------------------------------------------------------
FALHAS = {  # operation: (method, path, requirements that need it, the error the platform answers)
    "envio-do-processo": ("POST", r"/tramites/processo$", ("envio", "cancelamento"), 503),
    "envio-do-componente": ("PUT", r"/componentes-a-enviar$", ("envio", "cancelamento"), 502),
    "recibo-de-envio": ("GET", r"/recibo-de-envio$", ("envio", "cancelamento"), 504),
    "recibo-de-conclusao": ("GET", RECIBO, ("envio", "cancelamento"), 503),  # also the cancel refused after it
    "recibo-do-destinatario": ("POST", RECIBO, ("recebimento",), 502),
    "recusa": ("POST", r"/tramites/\d+/recusa$", ("recusa",), 503),
    "cancelamento": ("DELETE", r"/tramites/\d+$", ("cancelamento",), 502),
}


@pytest.mark.parametrize(("metodo", "caminho", "afetados", "status"), FALHAS.values(), ids=FALHAS.keys())
def test_falha_da_plataforma_numa_operacao_deixa_aguardando_e_nunca_reprova(
    simulador, tmp_path, metodo, caminho, afetados, status
):
    PlataformaAlterada(simulador).falhar(metodo, caminho, status=status, vezes=None)
    outro = next(r for r in ("recusa", "envio") if r not in afetados)  # one that does not need the operation
    processo = executar(simulador, tmp_path, *(f"--requisito={r}" for r in (*afetados, outro)))
    assert processo.returncode == 1, processo.stdout + processo.stderr
    todos = vereditos(tmp_path)
    assert {i: todos[i]["veredito"] for i in afetados} == dict.fromkeys(afetados, "aguardando")
    assert todos[outro]["veredito"] == "aprovado"
    mensagens = " ".join(c["mensagem"] for i in afetados for c in todos[i]["cenarios"])
    assert "não é falha do órgão" in mensagens and f"HTTP {status}" in mensagens


def test_plataforma_fora_do_ar_nas_consultas_deixa_tudo_aguardando(simulador, tmp_path):
    alterada = PlataformaAlterada(simulador)
    processo = executar(simulador, tmp_path, "--requisito", "envio")  # no outage yet: the normal wait
    assert processo.returncode == 0, processo.stdout + processo.stderr  # the ledger exists, one envio approved
    alterada.falhar("GET", TRAMITES, status=504, vezes=None)
    processo = executar(simulador, tmp_path, "--refazer", "envio", limite_segundos=1.5)
    envio = vereditos(tmp_path)["envio"]
    assert envio["veredito"] != "reprovado", envio["cenarios"]
    assert any(c["veredito"] == "aguardando" for c in envio["cenarios"])


def test_cancelamento_que_nao_passou_e_terminado_pela_execucao_seguinte(simulador, tmp_path):
    alterada = PlataformaAlterada(simulador)
    alterada.falhar("DELETE", r"/tramites/\d+$", vezes=None)
    executar(simulador, tmp_path, "--requisito", "cancelamento")
    cancelamento = vereditos(tmp_path)["cancelamento"]
    assert cancelamento["veredito"] == "aguardando"
    # the refused-after-conclusion scenario's trâmite ends at 6 whatever the DELETE did; the other stays open
    [aberto] = [t["idt"] for t in cancelamento["tramites"] if t["historico"][-1]["situacao"] not in (6, 7)]
    assert aberto in abertos_do_orgao(simulador)
    alterada.limpar()
    processo = executar(simulador, tmp_path, "--requisito", "cancelamento")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    cancelamento = vereditos(tmp_path)["cancelamento"]
    assert cancelamento["veredito"] == "aprovado"
    assert aberto in [t["idt"] for t in cancelamento["tramites"]]  # the same trâmite, taken up and cancelled
    assert abertos_do_orgao(simulador) == []


@pytest.mark.parametrize(
    ("metodo", "caminho", "requisito"),
    [
        ("POST", r"/tramites/\d+/recusa$", "recusa"),
        ("DELETE", r"/tramites/\d+$", "cancelamento"),
        ("POST", RECIBO, "recebimento"),
        ("POST", r"/tramites/processo$", "envio"),
    ],
    ids=["recusa", "cancelamento", "recibo-do-destinatario", "envio-do-processo"],
)
def test_resposta_perdida_de_uma_operacao_aplicada_nao_reprova_nem_deixa_tramite_aberto(
    simulador, tmp_path, metodo, caminho, requisito
):
    alterada = PlataformaAlterada(simulador)
    alterada.perder_resposta(metodo, caminho)
    executar(simulador, tmp_path, "--requisito", requisito)
    assert vereditos(tmp_path)[requisito]["veredito"] in ("aprovado", "aguardando")
    if vereditos(tmp_path)[requisito]["veredito"] == "aguardando":  # the next run finishes what was left
        processo = executar(simulador, tmp_path, "--requisito", requisito)
        assert processo.returncode == 0, processo.stdout + processo.stderr
    assert vereditos(tmp_path)[requisito]["veredito"] == "aprovado"
    assert re.search(r"\d", str(vereditos(tmp_path)[requisito]["tramites"]))
    assert abertos_do_orgao(simulador) == []


def test_o_acompanhamento_nao_reabre_um_cenario_ja_reprovado(simulador, tmp_path):
    """A judged scenario stays judged: following the campaign never turns a `reprovado` into `aguardando`."""
    from tramita_homologacao.simulador.contrapartes import Roteiro

    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("recibo_divergente"))
    executar(simulador, tmp_path, "--requisito", "envio")
    assert vereditos(tmp_path)["envio"]["veredito"] == "reprovado"
    ambiente = ambiente_apontando_para(simulador, tmp_path, 10)
    olhar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--aguardar", comando="acompanhar")
    assert olhar.returncode == 1, olhar.stdout + olhar.stderr
    envio = vereditos(tmp_path)["envio"]
    assert envio["veredito"] == "reprovado"
    assert [c["veredito"] for c in envio["cenarios"]] == ["reprovado"]


def test_metadados_de_outro_tramite_reprovam_o_recebimento(simulador, tmp_path):
    def outro_nre(corpo):
        return corpo | {"nre": "0000000000009999"}

    PlataformaAlterada(simulador).alterar("GET", r"/tramites/\d+$", outro_nre)
    recebimento = reprovado_pela(simulador, tmp_path, "recebimento", "resposta_coerente")
    assert "vieram com o NRE 0000000000009999" in recebimento["cenarios"][0]["mensagem"]
