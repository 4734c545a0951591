"""The extended profile (`--perfil estendido`): the cases beyond the minimum, in both modes, against the simulator;
each fails on its own clause when the organ's SPE gets it wrong; they are reported apart and never decide the
campaign's verdict."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.apoio.ambientes import ambiente_apontando_para, ambiente_assistido, executar_cli, gravar
from tests.apoio.espera import esperar_ate
from tests.apoio.simulador import DIGED_ANEX, ORGAO, ORGAO1, arquivos_de, cabecalho
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.cliente.tipos import Metadados, MudancaDeSituacao, Tramite
from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente
from tramita_homologacao.conformidade.metadados import (
    anexado_e_apensado,
    componente_grande,
    devolucao,
    documento_avulso,
    sigilo_restrito,
    varios_componentes,
)
from tramita_homologacao.conformidade.requisitos import ESTENDIDOS, REQUISITOS
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.ensaio.controle import OQueARecusa
from tramita_homologacao.evidencia.coerencia import contradicoes
from tramita_homologacao.evidencia.documento import TITULO_DO_PERFIL_ESTENDIDO
from tramita_homologacao.evidencia.mensagem import gerar_mensagem
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.orgao.processo_teste import Variante, documento_grande, gerar_processo_de_teste, novo_faker
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.simulador.contrapartes import Roteiro
from tramita_homologacao.simulador.erros import RequisicaoInvalida

CASOS = [r.id for r in ESTENDIDOS]
NAO_NO_SEI = ("documento_avulso", "varios_componentes")  # its module never sends them
# the case, and the clause a plain processo (the operator's mistake) breaks
# (documento_avulso: in the assisted test of every case)
CLAUSULA_DA_FORMA = {
    "componente_em_partes": "componente_grande_registrado",
    "varios_componentes": "varios_componentes_registrados",
    "restrito_com_hipotese_legal": "sigilo_registrado",
    "anexado_e_apensado": "anexado_e_apensado_registrados",
}


def resumo(pasta: Path) -> dict:
    return json.loads((pasta / "resumo.json").read_text(encoding="utf-8"))


def casos(dados: dict) -> dict[str, dict]:
    return {r["id"]: r for r in dados["perfil_estendido"]}


def com_bloco_de_1_mb(caminho: Path) -> Path:
    """The environment with a 1 MB transfer block: the large component is 1.5 MB, not 75."""
    dados = tomllib.loads(caminho.read_text(encoding="utf-8"))
    dados["conexao"]["tamanho_bloco_mb"] = 1
    return gravar(dados, caminho.parent, caminho.stem)


def test_no_modo_api_cada_caso_passa_e_fica_a_parte_do_resultado(simulador, tmp_path):
    ambiente = com_bloco_de_1_mb(ambiente_apontando_para(simulador, tmp_path))
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--perfil", "estendido")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    dados = resumo(tmp_path)
    assert [r["id"] for r in dados["requisitos"]] == [r.id for r in REQUISITOS] and dados["aprovado"] is True
    estendidos = casos(dados)
    assert list(estendidos) == CASOS
    for caso in estendidos.values():
        assert caso["veredito"] == "aprovado" and caso["modo"] == ["api"], caso["id"]
        assert {c["situacao"] for c in caso["clausulas"]} == {"comprovada"}, caso["id"]
    tramites = {t.idt: t for t in simulador.plataforma.consultar_tramites(ORGAO)}
    [avulso] = estendidos["documento_avulso"]["tramites"]
    assert tramites[avulso["idt"]].tipo == "D" and len(avulso["componentes"]) == 1
    [anexos] = estendidos["varios_componentes"]["tramites"]
    documentos = tramites[anexos["idt"]].dados_protocolo["documentos"]
    assert [len(d["componentesDigitais"]) for d in documentos] == [3, 3] and len(anexos["componentes"]) == 6
    [restrito] = estendidos["restrito_com_hipotese_legal"]["tramites"]
    enviado = tramites[restrito["idt"]].dados_protocolo
    assert enviado["nivelDeSigilo"] == "2" and all(d["nivelDeSigilo"] == "2" for d in enviado["documentos"])
    ativas = {h.identificacao for h in simulador.plataforma.semente.hipoteses if h.ativa}
    assert enviado["hipoteseLegal"]["identificacao"] in ativas
    [com_outros] = estendidos["anexado_e_apensado"]["tramites"]
    registrado = tramites[com_outros["idt"]]
    [apensado] = registrado.dados_protocolo["processoApensado"]
    assert [p for p, _ in registrado.solicitados_por_protocolo()] == [registrado.protocolo, apensado["protocolo"]]
    assert [bool(d.get("protocoloDoProcessoAnexado")) for d in registrado.dados_protocolo["documentos"]] == [
        False,
        False,
        True,
    ]
    assert len(com_outros["componentes"]) == 5  # 2 + the anexado's despacho + the apensado's 2
    ida, volta = estendidos["devolucao_so_pendentes"]["tramites"]
    assert ida["nre"] == volta["nre"] and [h["situacao"] for h in volta["historico"]] == [1, 2, 3, 4, 5, 6]
    # the trâmite back transfers, and its recibo lists, only the new component
    assert len(tramites[volta["idt"]].baixados) == len(volta["componentes"]) == 1
    [recibo] = volta["recibos"]
    assert recibo["hashes"] == [volta["componentes"][0]["sha256_base64"]] and recibo["hashes_conferem"]
    [grande] = estendidos["componente_em_partes"]["tramites"]
    recebido = tramites[grande["idt"]]
    maior = max(recebido.solicitados.values(), key=lambda c: c.declarado.tamanho)
    assert maior.declarado.tamanho == 3 * 1024**2 // 2 and maior.partes == [(0, 1024**2), (1024**2, 3 * 1024**2 // 2)]
    [parado] = estendidos["cancelamento_automatico"]["tramites"]
    assert [h["situacao"] for h in parado["historico"]] == [1, 2, 10]
    # refused by the destination's SEI, by itself, with the module's motivo and message; the organ acknowledged (9)
    recusas = {
        tramites[t["idt"]].recusa
        for caso in ("nao_mapeado_no_destino", "acima_do_limite_do_destino")
        for t in estendidos[caso]["tramites"]
    }
    assert {(m.value, j.split(" não ")[0].split(" é ")[0]) for m, j in recusas} == {
        ("04", "O Documento do tipo Certidão"),
        ("01", "O formato odg"),
        ("99", "O tamanho máximo geral permitido para documentos externos"),
    }
    assert all(t["situacao_final"] == 9 for c in ("nao_mapeado_no_destino",) for t in estendidos[c]["tramites"])
    # reported apart: its own section and table in the relatório, its own table on the terminal
    html = (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")
    assert 'id="perfil-estendido"' in html and "Caso do perfil estendido" in html
    assert html.index('id="requisitos"') < html.index('id="perfil-estendido-casos"')
    saida = " ".join(processo.stdout.split())
    assert "Perfil estendido: casos além dos requisitos mínimos (fora do resultado)" in saida
    assert "Todos os requisitos aprovados nesta campanha, e os casos do perfil estendido que se aplicam aqui." in saida
    pacote = ler_resumo(tmp_path / "resumo.json")  # the simulator's pack has no mensagem: as if in homologação
    mensagem = gerar_mensagem(
        pacote.model_copy(update={"ambiente": pacote.ambiente.model_copy(update={"tipo": "homologacao"})})
    )
    assert "Perfil estendido: casos além dos requisitos mínimos (o PEN não os exige" in mensagem
    suites = set()
    for resultado in (tmp_path / "allure-results").glob("*-result.json"):
        dados_allure = json.loads(resultado.read_text(encoding="utf-8"))
        suite = [r["value"] for r in dados_allure["labels"] if r["name"] == "parentSuite"]
        etiquetas = {r["value"] for r in dados_allure["labels"] if r["name"] == "tag"}
        suites.add((tuple(suite), bool(etiquetas & {f"requisito_{caso}" for caso in CASOS})))
    assert suites == {((), False), ((TITULO_DO_PERFIL_ESTENDIDO,), True)}
    verificacao = executar_cli(str(tmp_path), comando="verificar")
    assert verificacao.returncode == 0, verificacao.stdout + verificacao.stderr


def test_sem_o_perfil_estendido_nenhum_caso_dele_roda(simulador, tmp_path):
    ambiente = ambiente_apontando_para(simulador, tmp_path)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path))
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert resumo(tmp_path)["perfil_estendido"] == []
    assert all(t.tipo == "P" and t.situacao != 10 for t in simulador.plataforma.consultar_tramites(ORGAO))
    assert "Perfil estendido" not in (tmp_path / "relatorio-ensaio.html").read_text(encoding="utf-8")


def test_no_modo_assistido_o_spe_faz_cada_caso_pelas_instrucoes_e_o_que_erra_nao_muda_o_resultado(simulador, tmp_path):
    """Every case by the operator's SPE; the one it gets wrong (a processo, not a documento avulso) is reprovado on its
    clause, and neither decides the campaign's result nor passes for a minimum requirement."""
    defeito = {"documento_avulso": "processo_comum"}
    ambiente = com_bloco_de_1_mb(ambiente_assistido(simulador, tmp_path, defeito))
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--perfil", "estendido")
    assert processo.returncode == 1, processo.stdout + processo.stderr  # what was asked for did not all pass
    dados = resumo(tmp_path)
    assert {i: (c["veredito"], c["modo"]) for i, c in casos(dados).items()} == {
        i: ("reprovado" if i in defeito else "aprovado", ["assistido"]) for i in CASOS
    }
    violadas = {c["id"] for c in casos(dados)["documento_avulso"]["clausulas"] if c["situacao"] == "violada"}
    assert violadas == {"documento_avulso_registrado"}
    pacote = ler_resumo(tmp_path / "resumo.json")
    assert pacote.aprovado is True and {r.veredito for r in pacote.requisitos} == {"aprovado"}
    movido = pacote.model_copy(update={"requisitos": [*pacote.requisitos, pacote.perfil_estendido[0]]})
    assert any("requisitos mínimos registrados" in p for p in contradicoes(movido))
    inventado = pacote.model_copy(
        update={"perfil_estendido": [pacote.perfil_estendido[1].model_copy(update={"id": "inventado"})]}
    )
    assert any("perfil estendido registrados (inventado)" in p for p in contradicoes(inventado))
    instrucoes = {i["requisito"]: i["texto"] for i in dados["instrucoes_ao_operador"]}
    assert "crie um documento avulso (fora de processo)" in instrucoes["documento_avulso"]
    assert "um deles com 3 arquivos (componentes digitais)" in instrucoes["varios_componentes"]
    assert "com nível de acesso restrito e uma hipótese legal" in instrucoes["restrito_com_hipotese_legal"]
    assert instrucoes["cancelamento_automatico"].startswith("Não cancele o trâmite")
    assert "arquivo .txt de ao menos 1.5 MB (maior que o bloco de transferência)" in instrucoes["componente_em_partes"]
    assert "com outro processo anexado a ele" in instrucoes["anexado_e_apensado"]
    instrucoes_do_caso = [
        i["texto"] for i in dados["instrucoes_ao_operador"] if i["requisito"] == "acima_do_limite_do_destino"
    ]
    assert "mais um documento da espécie Despacho, em arquivo .txt de ao menos 1.1 MB" in instrucoes_do_caso[0]
    assert instrucoes_do_caso[1].startswith("O destino recusa sozinho o processo que acabou de enviar")


def test_com_o_sei_o_que_o_modulo_nao_envia_nao_se_aplica_e_o_resto_passa(simulador, tmp_path):
    caminho = com_bloco_de_1_mb(ambiente_assistido(simulador, tmp_path))
    dados = tomllib.loads(caminho.read_text(encoding="utf-8"))
    dados["spe"] = {"nome": "SEI", "versao": "4.1", "perfil": "sei", "formato_recusado": "xyz"}
    ambiente = gravar(dados, tmp_path, "sei")
    pedidos = [a for caso in (*NAO_NO_SEI, "anexado_e_apensado") for a in ("--requisito", caso)]
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), *pedidos)
    assert processo.returncode == 0, processo.stdout + processo.stderr  # what does not apply does not fail it
    vereditos = {i: c["veredito"] for i, c in casos(resumo(tmp_path)).items()}
    assert vereditos == {**dict.fromkeys(NAO_NO_SEI, "não se aplica"), "anexado_e_apensado": "aprovado"}
    apensado = next(i for i in resumo(tmp_path)["instrucoes_ao_operador"] if i["requisito"] == "anexado_e_apensado")
    assert "indique outro processo aberto na unidade como apensado" in apensado["texto"]


@pytest.mark.parametrize(("caso", "clausula"), CLAUSULA_DA_FORMA.items())
def test_um_spe_que_envia_um_processo_comum_e_reprovado_na_clausula_do_caso(simulador, tmp_path, caso, clausula):
    ambiente = ambiente_assistido(simulador, tmp_path, {caso: "processo_comum"})
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", caso)
    assert processo.returncode == 1, processo.stdout + processo.stderr
    dados = resumo(tmp_path)
    reprovado = casos(dados)[caso]
    assert reprovado["veredito"] == "reprovado"
    situacoes = {c["id"]: c["situacao"] for c in reprovado["clausulas"]}
    assert situacoes.pop(clausula) == "violada" and set(situacoes.values()) == {"comprovada"}
    # the trâmite itself went well (6): only the case's clause fails, and the minimum's verdict is not touched
    assert [t["situacao_final"] for t in reprovado["tramites"]] == [6]
    assert dados["aprovado"] is False and {r["veredito"] for r in dados["requisitos"]} == {"não executado"}


def test_um_spe_que_nao_manda_o_que_o_destino_recusa_e_reprovado_na_clausula(simulador, tmp_path):
    """The operator leaves out the document the destination would refuse: it receives (6), never refuses."""
    ambiente = ambiente_assistido(simulador, tmp_path, {"acima_do_limite_do_destino": "processo_comum"}, limite=2)
    argumentos = ("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "acima_do_limite_do_destino")
    processo = executar_cli(*argumentos)
    assert processo.returncode == 1, processo.stdout + processo.stderr
    [caso] = resumo(tmp_path)["perfil_estendido"]
    assert caso["veredito"] == "reprovado" and [t["situacao_final"] for t in caso["tramites"]] == [6]
    assert "o processo não leva o documento que o destino recusaria" in caso["cenarios"][0]["mensagem"]
    violadas = {c["id"] for c in caso["clausulas"] if c["situacao"] == "violada"}
    assert violadas == {"recusa_automatica_registrada"}


@pytest.mark.parametrize(
    ("caso", "defeito", "explicacao"),
    [
        ("cancelamento_automatico", "nao_age", "nenhum trâmite do órgão para 2/300003 foi registrado"),
        ("devolucao_so_pendentes", "sem_recibo", "ficou na situação 4 (Arquivos digitais recebidos pelo destinatário)"),
        ("nao_mapeado_no_destino", "nao_age", "nenhum trâmite do órgão para 2/300005 foi registrado"),
    ],
)
def test_um_spe_que_erra_nos_outros_casos_e_reprovado_com_o_motivo(simulador, tmp_path, caso, defeito, explicacao):
    ambiente = ambiente_assistido(simulador, tmp_path, {caso: defeito}, limite=2)
    processo = executar_cli("-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", caso)
    assert processo.returncode == 1, processo.stdout + processo.stderr
    [julgado] = resumo(tmp_path)["perfil_estendido"]
    assert julgado["veredito"] == "reprovado"
    assert explicacao in " ".join(julgado["cenarios"][0]["mensagem"].split())


def test_um_destino_que_recebe_o_tramite_deixa_o_cancelamento_automatico_inconclusivo(simulador, tmp_path):
    """Nothing to prove, and not the organ's failure: the counterpart received before the deadline."""
    simulador.contrapartes.roteirizar("SEI-ORGAO3", Roteiro("aceitar"))
    ambiente = ambiente_apontando_para(simulador, tmp_path, 2)
    processo = executar_cli(
        "-a", str(ambiente), "--relatorios", str(tmp_path), "--requisito", "cancelamento_automatico"
    )
    assert processo.returncode == 0, processo.stdout + processo.stderr
    [caso] = resumo(tmp_path)["perfil_estendido"]
    assert caso["veredito"] == "inconclusivo" and [t["situacao_final"] for t in caso["tramites"]] in ([5], [6])
    assert "antes do fim do prazo" in caso["cenarios"][0]["mensagem"]
    assert "não é falha do órgão" in caso["cenarios"][0]["mensagem"]


# --- the checks on the platform's record, on answers that break them ------------------------------------------
def _metadados(processo, tipo: str = "P") -> Metadados:
    chave = "processo" if tipo == "P" else "documento"
    corpo = {"nre": "1", "remetente": {}, "destinatario": {}, chave: processo.como_json()}
    corpo["remetente"] = corpo["destinatario"] = {
        "identificacaoDoRepositorioDeEstruturas": 1,
        "numeroDeIdentificacaoDaEstrutura": 1,
    }
    return Metadados.de_json(7, corpo)


def _gerar(tmp_path: Path, variante: Variante, hipotese: int | None = None):
    return gerar_processo_de_teste(
        novo_faker(), tmp_path, unidade="P", sigla_unidade="A", variante=variante, hipotese_legal=hipotese
    )


def test_documento_avulso_confere_o_tipo_e_os_componentes(tmp_path):
    avulso = _gerar(tmp_path / "a", Variante(avulso=True))
    hashes = [c.hash for c in avulso.componentes]
    assert not documento_avulso(_metadados(avulso, "D"), hashes).problemas
    assert (
        documento_avulso(_metadados(_gerar(tmp_path / "p", Variante())), hashes)
        .problemas[0]
        .startswith("o Tramita.GOV.BR registrou um processo")
    )
    assert "não são os enviados" in documento_avulso(_metadados(avulso, "D"), [*hashes, "x"]).problemas[0]


def test_varios_componentes_exige_a_quantidade_a_ordem_e_hashes_distintos(tmp_path):
    processo = _gerar(tmp_path, Variante(componentes_por_documento=3))
    hashes = [c.hash for c in processo.componentes]
    assert not varios_componentes(_metadados(processo), 3, hashes).problemas
    assert "nenhum documento tem 4" in varios_componentes(_metadados(processo), 4, hashes).problemas[0]
    metadados = _metadados(processo)
    componentes = metadados.protocolo["documentos"][0]["componentesDigitais"]
    componentes[2]["ordem"] = 5
    assert "ordens dos componentes do documento 1" in varios_componentes(metadados, 3, ()).problemas[0]
    componentes[2] |= {"ordem": 3, "hash": componentes[1]["hash"]}
    assert "repete um componente" in varios_componentes(metadados, 3, ()).problemas[0]


def test_sigilo_restrito_exige_nivel_2_e_hipotese_ativa_e_a_enviada(tmp_path):
    processo = _gerar(tmp_path, Variante(restrito=True), hipotese=1)
    ativas = {1: "Sigilo bancário", 2: "Segredo de justiça"}
    assert not sigilo_restrito(_metadados(processo), ativas, 1).problemas
    assert "não é uma das ativas" in " ".join(sigilo_restrito(_metadados(processo), {2: "x"}, None).problemas)
    assert "mas foi enviada a 2" in " ".join(sigilo_restrito(_metadados(processo), ativas, 2).problemas)
    publico = sigilo_restrito(_metadados(_gerar(tmp_path / "p", Variante())), ativas, None).problemas
    assert publico == ["o protocolo tem nível de sigilo 1, não 2 (restrito)", "nenhum documento é restrito"]
    with pytest.raises(ValueError, match="restrito"):
        _gerar(tmp_path / "x", Variante(restrito=True))


@pytest.mark.parametrize("pelo_que", ["especie", "formato", "tamanho"])
def test_a_recusa_automatica_com_outro_motivo_ou_sem_citar_o_que_recusou_reprova(pelo_que):
    sei = OQueARecusa("SEI-X", "sei", ((13, "Certidão"),), frozenset({"pdf", "txt"}), 1.0)
    a_mais, prevista = sei.documento_recusado(pelo_que)
    assert a_mais.especie_codigo == (13 if pelo_que == "especie" else 25)
    assert a_mais.tamanho_minimo > 1024**2 if pelo_que == "tamanho" else a_mais.tamanho_minimo == 0
    justificativa = f"Recusado: {prevista.termo}."
    certo = tramite_recusado(prevista.motivo.value, justificativa)
    Verificador().recusa_pelo_spe(certo, prevista, "recusa_automatica_registrada")
    outro_motivo = "99" if prevista.motivo.value != "99" else "01"
    for errado in (tramite_recusado(outro_motivo, justificativa), tramite_recusado(prevista.motivo.value, "Recusado.")):
        with pytest.raises(AssertionError):
            Verificador().recusa_pelo_spe(errado, prevista, "recusa_automatica_registrada")
    with pytest.raises(ErroDeAmbiente, match="não recusa sozinha"):
        OQueARecusa("SEI-Y", "aceitar", (), frozenset(), None).documento_recusado(pelo_que)


def tramite_recusado(motivo: str, justificativa: str) -> Tramite:
    agora = datetime.now(UTC)
    return Tramite(
        idt=1,
        nre="1",
        protocolo="00000.000001/2026-01",
        situacao=Situacao.CIENCIA_RECUSA,
        remetente=Endereco(1, 100001),
        destinatario=Endereco(2, 300005),
        data_registro=agora,
        hashes_pendentes=(),
        mudancas=(MudancaDeSituacao(Situacao.CIENCIA_RECUSA, agora),),
        motivo_recusa=motivo,
        justificativa_recusa=justificativa,
    )


def test_componente_grande_exige_um_maior_que_o_bloco_e_o_enviado(tmp_path):
    processo = _gerar(tmp_path, Variante(a_mais=documento_grande(3000)))
    grande = processo.documentos[-1].componentes[0]
    assert grande.tamanho == 3000 and not componente_grande(_metadados(processo), 2000, grande.hash).problemas
    assert "nenhum componente é maior que o bloco de 4000 bytes (o maior tem 3000)" in (
        componente_grande(_metadados(processo), 4000, grande.hash).problemas
    )
    assert componente_grande(_metadados(processo), 2000, "outro").problemas == [
        "o componente grande registrado não é o enviado (outro hash)"
    ]


def test_anexado_e_apensado_exige_o_numero_de_cada_um_e_a_ordem(tmp_path):
    processo = _gerar(tmp_path, Variante(anexado=True, apensado=True))
    anexado, apensado = processo.documentos[-1].processo_anexado, processo.apensados[0].protocolo
    assert anexado and not anexado_e_apensado(_metadados(processo), anexado, apensado).problemas
    assert anexado_e_apensado(_metadados(_gerar(tmp_path / "p", Variante())), None, None).problemas == [
        "nenhum documento traz protocoloDoProcessoAnexado (o número do processo anexado)",
        "o processo não traz processoApensado (o processo apensado)",
    ]
    metadados = _metadados(processo)
    metadados.protocolo["documentos"][2]["ordem"] = 7
    metadados.protocolo["processoApensado"][0] |= {"protocolo": processo.protocolo, "documentos": []}
    assert anexado_e_apensado(metadados, "outro", apensado).problemas == [
        f"o processo anexado registrado ({anexado}) não é o enviado (outro)",
        "as ordens dos documentos, com os do anexado, não são 1 a 3: [1, 2, 7]",
        f"o processo apensado registrado ({processo.protocolo}) não é o enviado ({apensado})",
        f"o processo apensado {processo.protocolo} não tem documentos",
        "o processo apensado tem o número do próprio processo",
    ]


def test_o_simulador_pede_e_guarda_os_componentes_do_apensado_pelo_numero_dele(cliente, tmp_path):
    processo = _gerar(tmp_path, Variante(apensado=True))
    apensado = processo.apensados[0]
    novo = cliente.enviar_processo(cabecalho(destinatario=ORGAO1), processo.como_json())
    assert novo.componentes_solicitados == {
        processo.protocolo: tuple(c.hash for d in processo.documentos for c in d.componentes),
        apensado.protocolo: tuple(c.hash for c in apensado.componentes),
    }
    componente = apensado.componentes[0]
    with pytest.raises(ErroDaApi, match=f"é do protocolo {apensado.protocolo}"):
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, componente.hash, componente.caminho)
    repetido = processo.como_json()
    repetido["processoApensado"][0]["protocolo"] = processo.protocolo
    with pytest.raises(ErroDaApi, match=r"processoApensado\[1\]\.protocolo .* repete o de outro processo"):
        cliente.enviar_processo(cabecalho(destinatario=ORGAO1), repetido)


def test_devolucao_exige_o_mesmo_nre_e_so_os_componentes_novos(tmp_path):
    processo = _gerar(tmp_path, Variante())
    metadados = _metadados(processo)
    antigo, novo = [c.hash for c in processo.componentes[:1]], processo.componentes[1].hash
    assert not devolucao(metadados, "1", antigo, [novo]).problemas
    assert devolucao(metadados, "2", antigo, [novo]).problemas == [
        "a devolução tem o NRE 1, não o do processo enviado (2)"
    ]
    [todos] = devolucao(metadados, "1", antigo, [antigo[0], novo]).problemas
    assert todos.startswith("o Tramita.GOV.BR pediu 2 componente(s) na devolução, e os novos são 1")
    assert "a devolução não trouxe componente novo" in devolucao(metadados, "1", [*antigo, novo], []).problemas


def test_o_simulador_so_pede_na_devolucao_o_que_o_destino_nao_tem(simulador, cliente, processo):
    novo = cliente.enviar_processo(cabecalho(destinatario=ORGAO1), processo.como_json())
    for hash_ in novo.componentes_solicitados[processo.protocolo]:
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivos_de(processo)[hash_])
    esperar_ate(lambda: cliente.consultar_tramite(novo.idt).situacao == Situacao.RECIBO_ENVIADO_DESTINATARIO, "5", 30)
    cliente.receber_recibo_de_tramite(novo.idt)
    volta = simulador.contrapartes.devolver("SEI-ORGAO1", novo.idt, DIGED_ANEX)
    assert volta.nre == novo.nre and len(volta.componentes) == len(processo.componentes) + 1
    assert cliente.consultar_tramite(volta.idt).hashes_pendentes == (volta.componentes[-1].hash,)
    with pytest.raises(RequisicaoInvalida, match="não é um processo que SEI-ORGAO1 recebeu e concluiu"):
        simulador.contrapartes.devolver("SEI-ORGAO1", volta.idt, DIGED_ANEX)
