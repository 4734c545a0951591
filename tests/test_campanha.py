"""Whole campaigns, rehearsed as an organ lives them: days apart, with PEN's people on the other side.

The simulator runs over mutual TLS on loopback and plays the Tramita.GOV.BR; PEN's test organs act
late, through the simulator's control API and clock, as people would. The harness is run as a
user runs it: child processes, an environment file, the password in an environment variable.
"""

from __future__ import annotations

import json
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.apoio.ambientes import (
    VARIAVEL_DA_SENHA,
    ambiente_que_aguarda,
    ambiente_tls,
    dados_tls,
    executar_cli,
    gravar,
    iniciar_harness,
)
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tests.apoio.espera import contrapartes_ociosas, esperar_ate
from tests.apoio.simulador import DIGED_ANEX, DISIS, ORGAO, vincular_certificado
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import carregar_certificado
from tramita_homologacao.configuracao.conexao import abrir_cliente
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.ensaio.controle import ContraparteSimulada
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro

SENHA_NO_AMBIENTE = {VARIAVEL_DA_SENHA: SENHA}
UM_DIA = 86_400


@pytest.fixture
def campanha_tls(simulador_tls, ca, tmp_path):
    """The TLS simulator, the organ's certificate bound to SPE-ANEX, and a session that speaks to its control API."""
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "orgao", "anex")
    vincular_certificado(simulador_tls, arquivo)
    return simulador_tls, arquivo


def controle(simulador, ambiente: Path, certificado: Path):
    """A client session as the tests' PEN technician: the simulator's control API, over the same mutual TLS."""
    carregado = carregar_ambiente(str(ambiente))
    return abrir_cliente(carregado, carregado.url_base(), carregar_certificado(certificado, Segredo(SENHA)))


def harness(comando: str, ambiente: Path, pasta: Path, *argumentos: str) -> subprocess.CompletedProcess:
    return executar_cli(
        "-a", str(ambiente), "--relatorios", str(pasta), *argumentos, comando=comando, variaveis=SENHA_NO_AMBIENTE
    )


def resumo_de(pasta: Path) -> dict:
    return json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))


def vereditos(resumo: dict) -> dict[str, str]:
    return {r["id"]: r["veredito"] for r in resumo["requisitos"]}


def sem_quebras(texto: str) -> str:
    return " ".join(texto.split())


def pen_envia(simulador, cliente, sistema: str, atraso_do_dia: float = UM_DIA) -> int:
    """A day later, a person at PEN sends a test processo to the organ's receiving unit, by the control API."""
    raiz = simulador.url_raiz.rstrip("/")
    cliente.sessao.post(f"{raiz}/_simulador/relogio/avancar", json={"segundos": atraso_do_dia}, timeout=30)
    return ContraparteSimulada(raiz, sistema, cliente.sessao).enviar_processo(DIGED_ANEX, marca="TESTE – PEN").idt


# In produção DISIS is the counterpart of envio (it must receive) and of cancelamento (it should not yet):
# a busy machine can let it start receiving before the cancel, which the harness rightly calls inconclusive.
SO_APROVADO, APROVADO_OU_INCONCLUSIVO = {"aprovado"}, {"aprovado", "inconclusivo"}


def conferir_vereditos(resumo: dict, esperados: dict[str, str], cancelamento: set[str]) -> None:
    obtidos = vereditos(resumo)
    assert obtidos.pop("cancelamento") in cancelamento, resumo
    assert obtidos == esperados


def primeiro_dia_aprovou_o_que_depende_so_do_orgao(
    dia1: subprocess.CompletedProcess, pasta: Path, cancelamento: set[str] = SO_APROVADO
) -> dict:
    """Day 1: envio and cancelamento proven; recebimento and recusa wait for PEN (exit 1: not approved yet)."""
    assert dia1.returncode == 1, dia1.stdout + dia1.stderr
    resumo = resumo_de(pasta)
    esperados = {"envio": "aprovado", "recebimento": "aguardando", "recusa": "aguardando"}
    conferir_vereditos(resumo, esperados, cancelamento)
    return resumo


def os_dias_seguintes(
    simulador, ambiente: Path, certificado: Path, pasta: Path, sistema_do_pen: str, cancelamento: set[str] = SO_APROVADO
):
    """Days later an unrelated organ sends something to the organ's unit, then PEN sends the two processos;
    `acompanhar --aguardar` takes them up and sees the campaign to its end. (stranger, first, second)"""
    enviados_antes = {t.idt for t in simulador.plataforma.consultar_tramites(ORGAO)}
    cliente = controle(simulador, ambiente, certificado)
    estranho = pen_envia(simulador, cliente, "SEI-ORGAO4")
    primeiro, segundo = pen_envia(simulador, cliente, sistema_do_pen), pen_envia(simulador, cliente, sistema_do_pen, 60)
    cliente.fechar()

    acompanhamento = harness("acompanhar", ambiente, pasta, "--aguardar")
    assert acompanhamento.returncode == 0, acompanhamento.stdout + acompanhamento.stderr
    saida = sem_quebras(acompanhamento.stdout)
    assert f"Adotado para o requisito recebimento: trâmite {primeiro}" in saida
    assert f"Adotado para o requisito recusa: trâmite {segundo}" in saida
    assert f"Ignorado (não é de teste desta campanha; nada foi feito nele): trâmite {estranho}" in saida
    assert "Nada mais a aguardar nesta campanha." in saida
    todos = {*enviados_antes, estranho, primeiro, segundo}
    resumo = conferir_o_fim_da_campanha(simulador, pasta, ambiente, estranho, todos, cancelamento)
    requisitos = {r["id"]: [t["idt"] for t in r["tramites"]] for r in resumo["requisitos"]}
    assert requisitos["recebimento"] == [primeiro] and requisitos["recusa"] == [segundo]
    return estranho, primeiro, segundo


def conferir_o_fim_da_campanha(
    simulador, pasta: Path, ambiente: Path, estranho: int, todos: set[int], cancelamento: set[str]
) -> dict:
    """Every requirement approved with its whole history, the stranger untouched, and nothing sent again."""
    resumo = resumo_de(pasta)
    conferir_vereditos(resumo, dict.fromkeys(("envio", "recebimento", "recusa"), "aprovado"), cancelamento)
    assert resumo["aprovado"] is True
    requisitos = {r["id"]: r for r in resumo["requisitos"]}
    recebimento, recusa = requisitos["recebimento"]["tramites"], requisitos["recusa"]["tramites"]
    assert [h["situacao"] for h in recebimento[0]["historico"]] == [1, 2, 3, 4, 5, 6]
    assert [h["situacao"] for h in recusa[0]["historico"]] == [1, 2, 3, 8, 9]
    assert recusa[0]["motivo_recusa"] == "99"
    assert [t["papel_do_orgao"] for t in recebimento + recusa] == ["destinatário", "destinatário"]
    assert {p["requisito"]: p["idt"] for p in resumo["pedidos_ao_pen"]} == {
        "recebimento": recebimento[0]["idt"],
        "recusa": recusa[0]["idt"],
    }
    assert [i["idt"] for i in resumo["ignorados"]] == [estranho]
    assert simulador.plataforma.tramite_visivel(ORGAO, estranho).situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE
    assert {t.idt for t in simulador.plataforma.consultar_tramites(ORGAO)} == todos  # nothing else sent

    criados = len(simulador.plataforma.consultar_tramites(ORGAO))
    de_novo = harness("executar", ambiente, pasta, *(["--confirmar-producao"] if "producao" in ambiente.name else []))
    assert de_novo.returncode == 0, de_novo.stdout + de_novo.stderr
    assert len(simulador.plataforma.consultar_tramites(ORGAO)) == criados, "uma nova execução enviou de novo"
    saida = sem_quebras(de_novo.stdout)
    assert saida.count("já aprovado") + saida.count("já inconclusivo") >= 4
    return resumo


def test_campanha_de_homologacao_do_primeiro_dia_ao_fim(campanha_tls, tmp_path):
    simulador, certificado = campanha_tls
    for sistema in ("SEI-ORGAO1", "SEI-ORGAO2"):  # PEN's test organs, operated by people: never at once
        simulador.contrapartes.roteirizar(sistema, Roteiro("aceitar", atraso_segundos=0.5))
    ambiente = ambiente_tls(simulador, tmp_path, certificado, simulador.ca_pem, tipo="homologacao", nome="homologacao")
    pasta = tmp_path / "campanha"

    # Day 1: envio and cancelamento are proven; recebimento and recusa wait for PEN, who is asked for them.
    dia1 = harness("executar", ambiente, pasta)
    resumo = primeiro_dia_aprovou_o_que_depende_so_do_orgao(dia1, pasta)
    recusa = next(r for r in resumo["requisitos"] if r["id"] == "recusa")
    assert (
        # the platform's name of the unit, not the environment file's "contraparte de recusa"
        "Aguardando o PEN enviar um processo de teste, remetente Órgão de Teste 2 do PEN (ORGAO2) (2/300002)"
        in recusa["pendencia"]
    )
    assert (
        f"tramita-homologacao acompanhar --aguardar --ambiente {ambiente} --relatorios {pasta}" in recusa["pendencia"]
    )
    mensagem = (pasta / "mensagem-pen.txt").read_text(encoding="utf-8")
    pedido = mensagem[mensagem.index("Providências que pedimos ao PEN:") :]
    itens = [linha for linha in pedido.splitlines() if linha[:3] in ("1. ", "2. ")]
    diged = "Divisão de Gestão Documental (ANEX/DIGED) (1/100002)"
    assert [item.split(", que será")[0] for item in itens] == [
        f"1. Enviar, da unidade Órgão de Teste 2 do PEN (ORGAO2) (2/300002) à unidade {diged}, um processo de teste "
        'para o requisito "Receber ao menos um processo com sucesso"',
        f"2. Enviar, da unidade Órgão de Teste 2 do PEN (ORGAO2) (2/300002) à unidade {diged}, um processo de teste "
        'para o requisito "Recusar um processo recebido de outro órgão"',
    ]
    assert "que será recusado" in itens[1] and "o primeiro para o recebimento" in pedido
    assert "Solicitamos as 2 providências acima." in pedido and "tramita-homologacao" not in mensagem
    saida = sem_quebras(dia1.stdout)
    assert f"Para acompanhar o que aguarda: tramita-homologacao acompanhar --aguardar --ambiente {ambiente}" in saida
    assert f"Envie ao PEN, de um endereço institucional, a mensagem de {pasta / 'mensagem-pen.txt'}, com" in saida
    # Waiting for PEN: the view lists what was asked and when, and the checks; not approved yet, exit 1.
    olhar = harness("acompanhar", ambiente, pasta)
    assert olhar.returncode == 1, olhar.stdout + olhar.stderr
    assert "Pedidos ao PEN em aberto — 2" in olhar.stdout and "0 de 0" not in olhar.stdout
    pedidos = [linha for linha in olhar.stdout.splitlines() if "um processo de " in linha]
    assert len(pedidos) == 2 and all("última " in linha and "próxima " in linha for linha in pedidos), olhar.stdout
    assert "Órgão de Teste 2 do PEN" in pedidos[1] and "será recusado" in olhar.stdout
    assert "Horários de Brasília" in olhar.stdout
    continuar = f"Para continuar acompanhando:\n    tramita-homologacao acompanhar --aguardar --ambiente {ambiente}"
    assert continuar in olhar.stdout
    indicar = "Se o PEN enviou de outra unidade o processo do requisito recusa, indique-o pelo IDT:\n    "
    assert f"{indicar}tramita-homologacao adotar <IDT> --requisito recusa --ambiente {ambiente}" in olhar.stdout
    estranho, _, segundo = os_dias_seguintes(simulador, ambiente, certificado, pasta, "SEI-ORGAO2")
    html = (pasta / "relatorio-ensaio.html").read_text(encoding="utf-8")  # homologação, but on 127.0.0.1
    assert "Ensaio fora do endereço oficial" in html and "não é o endereço oficial" in html
    assert "Ensaio: todos os requisitos aprovados em 127.0.0.1" in html and f'id="tramite-{segundo}"' in html
    assert str(estranho) in html and "o primeiro para o recebimento" in html
    final = (pasta / "mensagem-pen.txt").read_text(encoding="utf-8")
    assert "Providências" not in final and "Solicitamos" not in final  # an ensaio asks PEN for nothing


def test_campanha_de_producao_com_a_disis(campanha_tls, tmp_path):
    simulador, certificado = campanha_tls
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("aceitar", atraso_segundos=0.5))  # DISIS staff
    ambiente = ambiente_tls(simulador, tmp_path, certificado, simulador.ca_pem, tipo="producao", nome="producao")
    pasta = tmp_path / "campanha"

    sem_confirmacao = harness("executar", ambiente, pasta)
    assert sem_confirmacao.returncode == 2 and "PRODUÇÃO" in sem_confirmacao.stderr
    assert simulador.plataforma.consultar_tramites(ORGAO) == [] and not (pasta / "aviso-inicio-producao.txt").exists()

    dia1 = harness("executar", ambiente, pasta, "--confirmar-producao")
    resumo = primeiro_dia_aprovou_o_que_depende_so_do_orgao(dia1, pasta, APROVADO_OU_INCONCLUSIVO)
    # the aviso de início, written before the first processo left (and said on the terminal)
    aviso = pasta / "aviso-inicio-producao.txt"
    primeiro = min(
        datetime.fromisoformat(t["historico"][0]["data_hora"]) for r in resumo["requisitos"] for t in r["tramites"]
    )
    assert datetime.fromtimestamp(aviso.stat().st_mtime).astimezone() <= primeiro
    texto = aviso.read_text(encoding="utf-8")
    assert texto.startswith("Para: processo.eletronico@economia.gov.br\nAssunto: ANEX — início dos testes de produção")
    assert '"TESTE – ANEX"' in texto and "DISIS/MGI (repositório 1, estrutura 200110)" in texto
    assert f"Aviso de início dos testes de produção, para enviar ao PEN: {aviso}" in sem_quebras(dia1.stdout)
    assert (pasta / "relatorio-ensaio.pdf").is_file() and (pasta / "mensagem-pen.txt").is_file()  # on 127.0.0.1
    assert (pasta / "mensagem-pen.txt").read_text(encoding="utf-8").count("ATENÇÃO: ENSAIO") == 1
    cenarios = {r["id"]: [c["veredito"] for c in r["cenarios"]] for r in resumo["requisitos"]}
    assert cenarios["cancelamento"][0] in APROVADO_OU_INCONCLUSIVO and cenarios["cancelamento"][1] == "não se aplica"
    assert cenarios["recusa"] == ["aguardando", "não se aplica"]
    assert resumo["unidade_de_teste_de_producao"] == {
        "descricao": "Divisão de Gestão de Sistemas de Documentação e Informação (DISIS)",
        "repositorio": 1,
        "estrutura": 200110,
    }
    for tramite in simulador.plataforma.consultar_tramites(ORGAO):  # the guard rails: marked tests, to DISIS only
        assert tramite.destinatario == DISIS and tramite.dados_protocolo["descricao"].startswith("TESTE – ANEX")
    os_dias_seguintes(simulador, ambiente, certificado, pasta, "SEI-MGI", APROVADO_OU_INCONCLUSIVO)


def test_quatro_executar_ao_mesmo_tempo_so_um_age(simulador, tmp_path):
    """One environment, four runs started together: one holds the campaign, the others say who and stop."""
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("silenciar"))  # keeps the winner busy until released
    ambiente = ambiente_que_aguarda(simulador, tmp_path, limite_segundos=120)
    processos = [iniciar_harness(ambiente, tmp_path, "--requisito", "envio", "--sem-html-allure") for _ in range(4)]
    try:
        esperar_ate(lambda: sum(p.poll() is not None for p in processos) == 3, "três execuções desistirem", 120)
        [vencedor] = [p for p in processos if p.poll() is None]
        for perdedor in (p for p in processos if p is not vencedor):
            saida, erros = perdedor.communicate()
            assert perdedor.returncode == 2, saida + erros
            mensagem = sem_quebras(erros)
            assert "já está em uso por outra execução (tramita-homologacao executar, processo" in mensagem
            assert f"processo {vencedor.pid}, desde" in mensagem and "Traceback" not in saida + erros

        def enviado_pelo_vencedor() -> bool:
            tramites = simulador.plataforma.consultar_tramites(ORGAO)
            return bool(tramites) and tramites[0].situacao == Situacao.COMPONENTES_ENVIADOS_REMETENTE

        esperar_ate(enviado_pelo_vencedor, "a execução que ficou com a campanha enviar o processo", 120)
        simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("aceitar"))
        [enviado] = simulador.plataforma.consultar_tramites(ORGAO)
        contraparte = simulador.contrapartes.contraparte("SEI-ORGAO1")
        simulador.agenda.agendar(0, contraparte.reacao(simulador.plataforma.tramite_visivel("SEI-ORGAO1", enviado.idt)))
        saida, erros = vencedor.communicate(timeout=120)
        assert vencedor.returncode == 0, saida + erros
    finally:
        for processo in processos:
            processo.kill()
    contrapartes_ociosas(simulador)
    assert len(simulador.plataforma.consultar_tramites(ORGAO)) == 1  # one envio, by one run
    assert [t["idt"] for r in resumo_de(tmp_path)["requisitos"] for t in r["tramites"]] == [enviado.idt]
    assert not (tmp_path / ".campanha.dono.json").exists()


def test_a_campanha_nao_fica_travada_por_um_processo_morto(simulador, tmp_path):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("silenciar"))
    ambiente = ambiente_que_aguarda(simulador, tmp_path, limite_segundos=120)
    processo = iniciar_harness(ambiente, tmp_path, "--requisito", "envio", "--sem-html-allure")
    esperar_ate(lambda: len(simulador.plataforma.consultar_tramites(ORGAO)) == 1, "o envio chegar", 120)
    assert (tmp_path / ".campanha.dono.json").exists()
    processo.kill()
    processo.wait(timeout=30)
    inicio = time.monotonic()
    acompanhar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), comando="acompanhar")
    assert acompanhar.returncode == 1, acompanhar.stdout + acompanhar.stderr
    assert "em uso" not in acompanhar.stdout + acompanhar.stderr and time.monotonic() - inicio < 60


def test_o_operador_adota_pelo_idt_o_que_a_regra_nao_adotaria(campanha_tls, tmp_path):
    simulador, certificado = campanha_tls
    ambiente = ambiente_tls(simulador, tmp_path, certificado, simulador.ca_pem, tipo="homologacao", nome="homologacao")
    pasta = tmp_path / "campanha"
    antes = harness("adotar", ambiente, pasta, "123", "--requisito", "recebimento")
    assert antes.returncode == 2 and "ainda não tem livro de registro" in sem_quebras(antes.stderr)

    dia1 = harness("executar", ambiente, pasta, "--requisito", "recebimento")
    assert vereditos(resumo_de(pasta))["recebimento"] == "aguardando", dia1.stdout + dia1.stderr
    cliente = controle(simulador, ambiente, certificado)
    de_outro = pen_envia(simulador, cliente, "SEI-ORGAO4")  # PEN used another test organ than agreed
    cliente.fechar()

    adotado = harness("adotar", ambiente, pasta, str(de_outro), "--requisito", "recebimento")
    assert adotado.returncode == 0, adotado.stdout + adotado.stderr
    saida = sem_quebras(adotado.stdout)
    assert f"Trâmite {de_outro}" in saida and "Órgão de Teste 4 do PEN (ORGAO4)" in saida
    assert "o remetente não é a contraparte configurada" in saida
    assert f"Para concluí-lo: tramita-homologacao acompanhar --aguardar --ambiente {ambiente}" in saida

    fim = harness("acompanhar", ambiente, pasta, "--aguardar")
    assert fim.returncode == 1, fim.stdout + fim.stderr
    recebimento = next(r for r in resumo_de(pasta)["requisitos"] if r["id"] == "recebimento")
    assert recebimento["veredito"] == "aprovado" and [t["idt"] for t in recebimento["tramites"]] == [de_outro]


def test_em_homologacao_com_o_sei_o_que_ele_recusou_vai_para_a_recusa_qualquer_que_seja_a_ordem(campanha_tls, tmp_path):
    """Assisted mode, SEI profile: SEI receives and refuses by itself, before the harness looks. PEN sends the
    processo with the refused format FIRST: adopted by what SEI did with it, it proves the recusa, and the other one
    the recebimento (by order of arrival it would have been the other way round)."""
    simulador, certificado = campanha_tls
    dados = dados_tls(simulador, certificado, simulador.ca_pem, tipo="homologacao")
    dados |= {"modo": "assistido", "spe": {"nome": "SEI", "versao": "4.1", "perfil": "sei", "formato_recusado": "xyz"}}
    ambiente = gravar(dados, tmp_path, "homologacao")
    pasta = tmp_path / "campanha"
    dia1 = harness("executar", ambiente, pasta, "--requisito", "recebimento", "--requisito", "recusa")
    assert vereditos(resumo_de(pasta))["recusa"] == "aguardando", dia1.stdout + dia1.stderr
    assert "com um documento no formato .xyz" in (pasta / "mensagem-pen.txt").read_text(encoding="utf-8")

    simulador.contrapartes.roteirizar(ORGAO, Roteiro("sei"))  # the organ's SEI, on its own
    cliente = controle(simulador, ambiente, certificado)
    raiz = simulador.url_raiz.rstrip("/")
    pen = ContraparteSimulada(raiz, "SEI-ORGAO2", cliente.sessao)
    recusado = pen.enviar_processo(DIGED_ANEX, marca="TESTE – PEN", extensao="xyz").idt
    recebido = pen.enviar_processo(DIGED_ANEX, marca="TESTE – PEN").idt
    cliente.fechar()
    esperar_ate(
        lambda: (
            {simulador.plataforma.tramite_visivel(ORGAO, i).situacao for i in (recusado, recebido)}
            == {Situacao.CIENCIA_RECUSA, Situacao.RECIBO_RECEBIDO_REMETENTE}
        ),
        "o SEI recusar um e receber o outro, e o PEN concluir os dois",
    )

    acompanhamento = harness("acompanhar", ambiente, pasta, "--aguardar")
    assert acompanhamento.returncode == 1, acompanhamento.stdout + acompanhamento.stderr
    final = resumo_de(pasta)
    por_id = {r["id"]: r for r in final["requisitos"]}
    assert (por_id["recusa"]["veredito"], por_id["recebimento"]["veredito"]) == ("aprovado", "aprovado")
    assert [t["idt"] for t in por_id["recusa"]["tramites"]] == [recusado]
    assert [t["idt"] for t in por_id["recebimento"]["tramites"]] == [recebido]
    assert "O SEI do órgão recebe e recusa sozinho" in final["regra_de_adocao"]
