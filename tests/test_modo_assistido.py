"""Assisted mode, end to end against the simulator: the organ's simulated SPE acts as its operator is told,
the harness only watches and judges with the same checks, and never changes anything itself.
"""

from __future__ import annotations

import io
import json
import logging
import re
import sqlite3
import tomllib
from pathlib import Path

import pytest
import requests

from tests.apoio.ambientes import ambiente_assistido, executar_cli, gravar, iniciar_harness
from tests.apoio.espera import contrapartes_ociosas, esperar_ate
from tests.apoio.simulador import DIGED_ANEX, ORGAO, ORGAO1, arquivos_de, cabecalho
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.requisitos import REQUISITOS
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.livro.livro import OBSERVADO, Livro
from tramita_homologacao.orgao.assistido import OrgaoObservador
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, novo_faker
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.contrapartes import Operacao, Roteiro
from tramita_homologacao.suite.cenario import CenarioEmTeste

ACESSO = re.compile(r"^(?P<metodo>[A-Z]+) (?P<caminho>\S+) → HTTP (?P<status>\d+) \(sistema (?P<sistema>[^)]+)\)$")


def resumo(pasta: Path) -> dict:
    return json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))


class Acessos(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.linhas: list[re.Match] = []

    def emit(self, registro: logging.LogRecord) -> None:
        encontrado = ACESSO.match(registro.getMessage())
        if encontrado:
            self.linhas.append(encontrado)


@pytest.fixture
def acessos():
    """The simulator's access log: every request, with the system that made it."""
    registro, coletor = logging.getLogger("tramita_homologacao.simulador.acesso"), Acessos()
    nivel = registro.level
    registro.setLevel(logging.INFO)
    registro.addHandler(coletor)
    yield coletor
    registro.removeHandler(coletor)
    registro.setLevel(nivel)


def test_os_quatro_requisitos_pelo_spe_do_orgao_e_o_harness_so_consulta(simulador, tmp_path, acessos):
    ambiente = ambiente_assistido(simulador, tmp_path)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path))
    assert processo.returncode == 0, processo.stdout + processo.stderr
    dados = resumo(tmp_path)
    assert {r["id"]: (r["veredito"], r["modo"]) for r in dados["requisitos"]} == dict.fromkeys(
        (r.id for r in REQUISITOS), ("aprovado", ["assistido"])
    )
    cancelamento = next(r for r in dados["requisitos"] if r["id"] == "cancelamento")
    assert [c["veredito"] for c in cancelamento["cenarios"]] == ["aprovado", "não se aplica"]
    envio = next(r for r in dados["requisitos"] if r["id"] == "envio")["tramites"][0]
    assert [h["situacao"] for h in envio["historico"]] == [1, 2, 3, 4, 5, 6] and envio["componentes"]
    assert {r["tipo"] for r in envio["recibos"]} == {"recibo de envio", "recibo de conclusão"}
    assert all(r["assinatura_confere"] and r["hashes_conferem"] for r in envio["recibos"])
    # The processos the operator made carry the campaign's code; the instructions are in the relatório.
    [enviado] = [t for t in simulador.plataforma.consultar_tramites(ORGAO) if t.idt == envio["idt"]]
    # What the operator was told to type is safe for ISO-8859-1 (SEI's storage): plain hyphens, no en dash.
    [do_envio] = [i["texto"] for i in dados["instrucoes_ao_operador"] if i["requisito"] == "envio"]
    instruida = re.search(r'descrição "([^"]+)"', do_envio)
    assert instruida and re.fullmatch(r"TESTE - ANEX - [0-9A-F]{4} - envio", instruida[1])
    assert instruida[1].encode("iso-8859-1").decode("iso-8859-1") == instruida[1]
    # Every instruction is also a file to copy from; a long justificativa has one of its own, exactly as typed.
    arquivos = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "instrucoes").iterdir()}
    [do_envio_em] = [p for p, texto in arquivos.items() if texto == do_envio + "\n"]
    assert do_envio_em.name.startswith("envio-de-processo-") and do_envio_em.name.endswith("-enviar.txt")
    saida = " ".join(processo.stdout.split())
    assert f"Instrução também em: {do_envio_em}" in saida
    recusas = [i["texto"] for i in dados["instrucoes_ao_operador"] if i["requisito"] == "recusa"]
    justificativas = {p: t for p, t in arquivos.items() if p.name.endswith("-justificativa.txt")}
    assert len(justificativas) == len(recusas) == 2
    for caminho, justificativa in justificativas.items():
        assert any(f'justificativa: "{justificativa}"' in texto for texto in recusas)
        if len(justificativa) > 200:  # the 1000 characters: a pointer to its file, never wrapped over lines
            assert justificativa not in saida and f"(a do arquivo {caminho}, {len(justificativa)} caracteres" in saida
        else:
            assert justificativa in saida
    assert enviado.dados_protocolo["descricao"].startswith(instruida[1] + " ")
    assert len(dados["instrucoes_ao_operador"]) == 6 and dados["spe"] == {
        "nome": "SPE simulado",
        "versao": "1.0",
        "perfil": "generico",
        "formato_recusado": "",
    }
    html = (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")
    assert "Instruções ao operador do SPE (modo assistido)" in html and "SPE simulado 1.0" in html
    casos = [json.loads(a.read_text(encoding="utf-8")) for a in (tmp_path / "allure-results").glob("*-result.json")]
    assert casos and all({"name": "modo", "value": "assistido"} in c["labels"] for c in casos)

    # Read-only by construction: everything the organ's system did over HTTP was the harness, and only asked.
    do_orgao = [a for a in acessos.linhas if a["sistema"] == ORGAO and not a["caminho"].startswith("/_simulador/")]
    assert do_orgao and {a["metodo"] for a in do_orgao} == {"GET"}, [a.string for a in do_orgao if a["metodo"] != "GET"]
    assert not [a.string for a in do_orgao if "/ciencia" in a["caminho"]]


@pytest.mark.parametrize(
    ("requisito", "defeito", "explicacao"),
    [
        ("envio", "nao_age", "nenhum trâmite do órgão para 2/300001 foi registrado"),
        ("envio", "unidade_errada", "Trâmites do órgão no período para outras unidades: IDT"),
        ("envio", "hash_divergente", "ficou na situação 1 (Aguardando o envio dos arquivos digitais)"),
        ("recebimento", "nao_age", "ficou na situação 2 (Arquivos digitais recebidos pelo Tramita)"),
        ("recebimento", "sem_recibo", "ficou na situação 4 (Arquivos digitais recebidos pelo destinatário)"),
        ("recusa", "outro_motivo", "motivo registrado '01', esperado '99'"),
    ],
)
def test_um_spe_que_erra_e_reprovado_com_o_motivo(simulador, tmp_path, requisito, defeito, explicacao):
    simulador.contrapartes.roteirizar("SEI-ORGAO4", Roteiro("silenciar"))
    ambiente = ambiente_assistido(simulador, tmp_path, {requisito: defeito}, limite=2)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", requisito)
    assert processo.returncode == 1, processo.stdout + processo.stderr
    julgado = next(r for r in resumo(tmp_path)["requisitos"] if r["id"] == requisito)
    assert julgado["veredito"] == "reprovado"
    assert explicacao in " ".join(julgado["cenarios"][0]["mensagem"].split())


def test_o_operador_ve_o_que_o_simulador_recusou_do_seu_spe(simulador, tmp_path):
    """While the harness waits, a request of the SPE that the platform would refuse is shown at once."""
    ambiente = ambiente_assistido(simulador, tmp_path, {"envio": "nao_age"}, limite=6)
    harness = iniciar_harness(ambiente, tmp_path, "--requisito", "envio", "--sem-html-allure")
    try:
        esperar_ate(lambda: instruido(tmp_path), "o harness instruir o operador", 60)
        errado = requests.post(
            f"{simulador.url_base}tramites/processo",
            json={"cabecalho": {}},
            headers={CABECALHO_SISTEMA: ORGAO},
            timeout=30,
        )
        assert errado.status_code == 400
        saida, _ = harness.communicate(timeout=120)
    finally:
        harness.kill()
    saida = " ".join(saida.split())
    assert (
        "O simulador recusou uma requisição do SPE (POST /interoperabilidade/rest/v3/tramites/processo): HTTP 400"
        in saida
    )
    assert errado.json()["mensagem"] in saida and "corrija no SPE e repita a instrução" in saida


def test_o_operador_age_depois_e_o_acompanhamento_encontra_o_tramite(simulador, tmp_path):
    """A run with nobody at the SPE leaves the instruction (terminal, relatório); `acompanhar` finds it later."""
    ambiente = ambiente_assistido(simulador, tmp_path, {"envio": "nao_age"}, limite=1, aguardar=True)
    primeira = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert primeira.returncode == 1, primeira.stdout + primeira.stderr
    dados = resumo(tmp_path)
    envio = next(r for r in dados["requisitos"] if r["id"] == "envio")
    assert envio["veredito"] == "aguardando" and "nenhum trâmite do órgão para 2/300001" in envio["pendencia"]
    [instrucao] = dados["instrucoes_ao_operador"]
    assert ">>> Operador do SPE simulado (requisito envio): No SPE, na unidade" in primeira.stdout
    descricao = re.search(r'descrição "([^"]+)"', instrucao["texto"])[1]
    assert descricao in (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")

    operacao = {"acao": "enviar", "destinatario": ORGAO1.como_json(), "descricao": descricao}
    assert requests.post(f"{simulador.url_raiz}_simulador/spe/{ORGAO}/operacoes", json=operacao, timeout=30).ok
    seguir = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--aguardar", comando="acompanhar")
    assert seguir.returncode == 1 and "Nada mais a aguardar nesta campanha." in seguir.stdout, seguir.stdout
    envio = next(r for r in resumo(tmp_path)["requisitos"] if r["id"] == "envio")
    assert envio["veredito"] == "aprovado" and [h["situacao"] for h in envio["tramites"][0]["historico"]] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    assert len(resumo(tmp_path)["instrucoes_ao_operador"]) == 1  # nobody was told twice


def test_com_dois_candidatos_o_operador_indica_o_do_teste_pelo_nup(simulador, tmp_path):
    ambiente = ambiente_assistido(simulador, tmp_path, {"envio": "nao_age"}, limite=1, aguardar=True)
    # One sent before the run: registered before the instruction, it is never a candidate.
    simulador.contrapartes.operar(ORGAO, Operacao("enviar", destinatario=ORGAO1, descricao="TESTE – ANEX"))
    contrapartes_ociosas(simulador)
    [antes] = simulador.plataforma.consultar_tramites(ORGAO)
    primeira = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "envio")
    assert "aguardando" in primeira.stdout, primeira.stdout + primeira.stderr
    # Then the operator sends twice, as told (a first attempt, then the right one): the harness does not guess.
    livro = Livro(tmp_path / "livro.sqlite3")
    descricao = f"TESTE – ANEX – {livro.codigo_da_campanha()} – envio"
    livro.fechar()
    for _ in range(2):
        simulador.contrapartes.operar(ORGAO, Operacao("enviar", destinatario=ORGAO1, descricao=descricao))
    contrapartes_ociosas(simulador)
    olhar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), comando="acompanhar")
    assert olhar.returncode == 1, olhar.stdout + olhar.stderr
    envio = next(r for r in resumo(tmp_path)["requisitos"] if r["id"] == "envio")
    assert envio["veredito"] == "aguardando", olhar.stdout + olhar.stderr
    mensagem = " ".join(envio["pendencia"].split())
    assert "Há 2 trâmites do órgão para o mesmo destino" in mensagem
    # the hint is the whole command, with this campaign's environment and folder
    assert f"adotar <IDT> --requisito envio --ambiente {ambiente} --relatorios {tmp_path}" in mensagem
    assert f"IDT {antes.idt} " not in mensagem

    escolhido = max(simulador.plataforma.consultar_tramites(ORGAO), key=lambda t: t.idt)
    adotado = executar_cli(
        escolhido.protocolo,
        "--requisito",
        "envio",
        "-a",
        str(ambiente),
        "--relatorios",
        str(tmp_path),
        comando="adotar",
    )
    assert adotado.returncode == 0 and f"Trâmite {escolhido.idt}" in adotado.stdout, adotado.stdout + adotado.stderr
    seguir = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--aguardar", comando="acompanhar")
    assert seguir.returncode == 1, seguir.stdout + seguir.stderr
    envio = next(r for r in resumo(tmp_path)["requisitos"] if r["id"] == "envio")
    assert envio["veredito"] == "aprovado" and [t["idt"] for t in envio["tramites"]] == [escolhido.idt]


def instruido(pasta: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{pasta / 'livro.sqlite3'}?mode=ro", uri=True) as livro:
            return bool(livro.execute("SELECT count(*) FROM instrucoes").fetchone()[0])
    except sqlite3.OperationalError:
        return False


class OperadorQueEscolhe:
    """A person at the terminal who picks the second candidate."""

    def __init__(self) -> None:
        self.perguntas: list[tuple[str, list[str]]] = []

    def instruir(self, instrucao) -> None:
        pass

    def escolher(self, pergunta: str, opcoes: list[str]) -> int | None:
        self.perguntas.append((pergunta, opcoes))
        return 1


def test_entre_varios_candidatos_o_operador_escolhe_numa_lista_com_nomes_e_datas(simulador, tmp_path):
    ambiente = carregar_ambiente(str(ambiente_assistido(simulador, tmp_path)))
    operador, cliente = OperadorQueEscolhe(), ClienteTramita(simulador.url_base, tentativas=0)
    orgao = OrgaoObservador(ClienteDeConsulta(cliente), ambiente, RegistroDeExecucao(), operador)
    desde, codigo = orgao.agora_na_plataforma(), orgao.registro.livro.codigo_da_campanha()
    for _ in range(2):
        descricao = f"TESTE – ANEX – {codigo} – envio"
        simulador.contrapartes.operar(ORGAO, Operacao("enviar", destinatario=ORGAO1, descricao=descricao))
    contrapartes_ociosas(simulador)
    primeiro, segundo = sorted(t.idt for t in simulador.plataforma.consultar_tramites(ORGAO))
    registrado = orgao.encontrar_enviado("envio", "Envio", ORGAO1, desde, codigo)
    cliente.fechar()
    assert registrado.idt == segundo and orgao.registro.livro.por_idt(primeiro) is None
    [(pergunta, opcoes)] = operador.perguntas
    assert pergunta == "Qual destes trâmites é o do teste de envio?" and len(opcoes) == 2
    assert all("para Órgão de Teste 1 do PEN (ORGAO1)" in o and "registrado em" in o for o in opcoes)


def test_uma_instrucao_ja_dada_nao_se_repete_no_acompanhamento(simulador, tmp_path):
    ambiente = ambiente_assistido(simulador, tmp_path, {"recebimento": "nao_age"}, limite=1, aguardar=True)
    primeira = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "recebimento")
    assert primeira.returncode == 1, primeira.stdout + primeira.stderr
    olhar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), comando="acompanhar")
    assert olhar.returncode == 1, olhar.stdout + olhar.stderr
    dados = resumo(tmp_path)
    assert [i["requisito"] for i in dados["instrucoes_ao_operador"]] == ["recebimento"]
    assert ">>> Operador do SPE" not in olhar.stdout
    assert next(r for r in dados["requisitos"] if r["id"] == "recebimento")["veredito"] == "aguardando"


def test_o_acompanhamento_de_uma_campanha_assistida_nao_fecha_o_tramite_do_spe(simulador, tmp_path, acessos):
    """A trâmite the SPE sent waits in 5 for the SPE to fetch its recibo: following it up must not fetch it."""
    ambiente = ambiente_assistido(simulador, tmp_path, limite=10)
    livro = Livro(tmp_path / "livro.sqlite3")
    livro.guardar("modo", "assistido")
    # the organ's SPE is not running (no operation was given to it): nobody fetches the recibo
    processo = gerar_processo_de_teste(
        novo_faker(), tmp_path / "p", unidade="Protocolo", sigla_unidade="ANEX/PROT", marca="TESTE – ANEX"
    )
    p = simulador.plataforma
    enviado = p.criar_tramite(ORGAO, "P", cabecalho(destinatario=ORGAO1), processo.como_json())
    for hash_, caminho in arquivos_de(processo).items():
        p.enviar_componente(ORGAO, enviado.ticket, processo.protocolo, hash_, io.BytesIO(caminho.read_bytes()))
    contrapartes_ociosas(simulador)  # ORGAO1 received: 5, the recibo waits for the organ's SPE
    RegistroDeExecucao(livro).registrar(
        "envio", "Envio", "remetente", enviado.idt, enviado.nre, enviado.protocolo, etapa=OBSERVADO
    )
    livro.fechar()
    olhar = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), comando="acompanhar")
    assert olhar.returncode == 1, olhar.stdout + olhar.stderr
    assert p.tramite_visivel(ORGAO, enviado.idt).situacao == 5  # still the SPE's to close
    assert not [a.string for a in acessos.linhas if a["caminho"].endswith(f"/tramites/{enviado.idt}/recibo")]


def test_componentes_que_o_spe_nao_baixou_reprovam_a_conferencia(simulador, tmp_path, faker_teste):
    """The assisted check of the received components reads the platform's record, and fails on what is missing."""
    ambiente = carregar_ambiente(str(ambiente_assistido(simulador, tmp_path)))
    simulador.contrapartes.roteirizar("SEI-ORGAO2", Roteiro("silenciar"))
    chegou = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX, "TESTE – ORGAO2")
    simulador.contrapartes.operar(
        ORGAO, Operacao("receber", idt=chegou.idt, defeito="falhar")
    )  # reads, never downloads
    contrapartes_ociosas(simulador)
    cliente = ClienteTramita(simulador.url_base, tentativas=0)
    orgao = OrgaoObservador(ClienteDeConsulta(cliente), ambiente, RegistroDeExecucao(), OperadorQueEscolhe())
    registrado = orgao.registro.registrar("recebimento", "Recebimento", "destinatário", chegou.idt, chegou.nre, "")
    url = simulador.url_raiz + "interoperabilidade/rest/"
    cenario = CenarioEmTeste("recebimento", "Recebimento", orgao, Verificador(), faker_teste, tmp_path, url)
    cenario.tramite = registrado
    assert orgao.componentes_declarados(registrado)  # read in 3: the SPE had already asked for the metadata
    with pytest.raises(AssertionError, match="componentes baixados pelo SPE"):
        cenario.conferir_componentes_recebidos()
    cliente.fechar()


def test_ensaio_do_perfil_sei_o_spe_recebe_e_recusa_sozinho_e_ninguem_escolhe_motivo(simulador, tmp_path):
    """The SEI profile's rehearsal: the simulated SPE behaves as SEI's module (receives by itself, refuses by itself
    a processo with a file format it does not accept); the person only sends and cancels."""
    caminho = ambiente_assistido(simulador, tmp_path)
    dados = tomllib.loads(caminho.read_text(encoding="utf-8"))
    dados["spe"] = {"nome": "SEI", "versao": "4.1", "perfil": "sei", "formato_recusado": "xyz"}
    ambiente = gravar(dados, tmp_path, "sei")
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path))
    assert processo.returncode == 0, processo.stdout + processo.stderr
    final = resumo(tmp_path)
    assert {r["id"]: r["veredito"] for r in final["requisitos"]} == dict.fromkeys(
        (r.id for r in REQUISITOS), "aprovado"
    )
    recusa = next(r for r in final["requisitos"] if r["id"] == "recusa")
    assert [c["veredito"] for c in recusa["cenarios"]] == ["aprovado", "não se aplica"]  # no 1000 characters typed
    [tramite] = recusa["tramites"]
    assert tramite["motivo_recusa"] == "01" and "O formato xyz não é permitido" in tramite["justificativa_recusa"]
    [verificacao] = [v for v in tramite["verificacoes"] if v["clausula"] == "recusa_registrada"]
    assert (
        verificacao["aprovada"]
        and verificacao["nome"] == "Recusa feita pelo SPE: 01 (Formato de componente digital não suportado)"
    )
    # What a person is told: send and cancel; for recebimento and recusa, that SEI does it by itself.
    # (SEI may have received before the harness looked: then there is nothing to say about the recebimento)
    pessoa = {i["requisito"]: i["texto"] for i in final["instrucoes_ao_operador"]}
    assert pessoa["recusa"].startswith("Nada a fazer no SEI") and "formato .xyz" in pessoa["recusa"]
    assert pessoa.get("recebimento", "Nada a fazer no SEI").startswith("Nada a fazer no SEI")
    assert set(pessoa) >= {"envio", "cancelamento", "recusa"}
    assert not any(t.startswith(("No SPE, receba", "No SPE, recuse")) for t in pessoa.values())
    assert final["spe"] == {"nome": "SEI", "versao": "4.1", "perfil": "sei", "formato_recusado": "xyz"}
