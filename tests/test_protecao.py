"""Guard rails and ownership, in process: what may leave the machine in produção, and on what the harness acts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.apoio.simulador import DISIS, ORGAO1
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente
from tramita_homologacao.conformidade.requisitos import IDS
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.protecao import ErroDeProtecao, conferir_envio
from tramita_homologacao.orgao.registro import ErroDePropriedade, RegistroDeExecucao


@pytest.fixture(scope="module")
def local() -> Ambiente:
    return carregar_ambiente("local")


@pytest.fixture(scope="module")
def producao(local) -> Ambiente:
    disis = {"descricao": "DISIS/MGI", "repositorio": DISIS.repositorio, "estrutura": DISIS.estrutura}
    return Ambiente.model_validate(
        {
            **local.model_dump(exclude={"simulador", "contrapartes", "producao"}),
            "nome": "producao-de-teste",
            "tipo": "producao",
            "url_api": "https://api.exemplo.gov.br/interoperabilidade/rest/",
            "producao": disis,
            "contrapartes": dict.fromkeys(IDS, disis),
        }
    )


def test_em_producao_o_processo_de_teste_para_a_unidade_de_teste_passa(producao, processo):
    assert processo.marca == "TESTE – ANEX" and processo.descricao.startswith("TESTE – ANEX – ")
    conferir_envio(producao, processo, DISIS)


def test_em_producao_outro_destino_e_bloqueado(producao, processo):
    with pytest.raises(ErroDeProtecao) as erro:
        conferir_envio(producao, processo, ORGAO1)
    assert str(erro.value) == (
        f"Envio bloqueado em produção: o destinatário {ORGAO1} não é a unidade de teste configurada ({DISIS}, "
        "DISIS/MGI). Em produção os processos de teste só podem ir para a unidade indicada pelo PEN."
    )


def test_em_producao_sem_unidade_de_teste_nada_sai(producao, processo):
    sem_unidade = producao.model_copy(update={"producao": None})
    with pytest.raises(ErroDeProtecao, match=r"\(None, não configurada\)"):
        conferir_envio(sem_unidade, processo, DISIS)


@pytest.mark.parametrize(
    "mudar",
    [
        lambda p: replace(p, descricao=p.descricao.removeprefix("TESTE – ANEX – ")),
        lambda p: replace(p, descricao="Ofício sobre TESTE – ANEX"),
        lambda p: replace(p, descricao="Solicitação de alteração de período de férias " * 3),  # message shows 60
        lambda p: replace(p, marca=""),
        lambda p: replace(p, marca="TESTE – OUTRO"),
        lambda p: replace(p, descricao=p.descricao.replace("ANEX", "ANE", 1), marca="TESTE – ANE"),
        lambda p: replace(p, descricao=p.descricao.replace("TESTE – ANEX", "teste – anex", 1)),  # exact, as PEN asks
        lambda p: replace(p, marca="teste – anex"),
        lambda p: replace(p, descricao=p.descricao.replace("TESTE – ANEX", "TESTE - ANEX", 1)),  # hyphen, not dash
        lambda p: replace(p, descricao=" " + p.descricao),
    ],
    ids=[
        "sem-marca",
        "marca-no-meio",
        "descricao-longa",
        "documentos-sem-marca",
        "marca-de-outro-orgao",
        "sigla-parecida",
        "descricao-em-minusculas",
        "documentos-em-minusculas",
        "hifen-no-lugar-do-travessao",
        "espaco-antes-da-marca",
    ],
)
def test_em_producao_processo_nao_marcado_como_teste_e_bloqueado(producao, processo, mudar):
    mudado = mudar(processo)
    with pytest.raises(ErroDeProtecao) as erro:
        conferir_envio(producao, mudado, DISIS)
    assert str(erro.value) == (
        f"Envio bloqueado em produção: o processo {processo.protocolo} não está descrito como teste "
        f"('{mudado.descricao[:60]}'). Em produção todo processo deve começar por 'TESTE – ANEX', na descrição e nos "
        "documentos."
    )


def test_fora_de_producao_as_regras_de_producao_nao_se_aplicam(local, processo):
    conferir_envio(local, replace(processo, descricao="Sem marca", marca=""), ORGAO1)


def test_so_age_sobre_tramites_do_livro(tmp_path):
    livro = Livro(tmp_path / "livro.sqlite3")
    registro = RegistroDeExecucao(livro)
    with pytest.raises(ErroDePropriedade) as erro:
        registro.exigir_proprio(7001, "cancelar")
    assert str(erro.value) == (
        "Ação bloqueada (cancelar): o trâmite IDT 7001, que não foi criado nem recebido pelo harness, não está no "
        "livro de registro. O harness só age sobre os próprios trâmites de teste, para não interferir em processos "
        "reais do órgão."
    )
    registro.registrar("recebimento", "cenário", "destinatário", 7001, "0000000000007001", "protocolo")
    assert registro.exigir_proprio(7001, "receber").nre == "0000000000007001"
    with pytest.raises(ErroDePropriedade):
        registro.exigir_proprio(7002, "receber")
    livro.fechar()


def test_o_livro_de_uma_execucao_anterior_conta_como_proprio(tmp_path):
    anterior = Livro(tmp_path / "livro.sqlite3")
    RegistroDeExecucao(anterior).registrar("envio", "cenário", "remetente", 7003, "0000000000007003", "p")
    anterior.fechar()
    seguinte = RegistroDeExecucao(Livro(tmp_path / "livro.sqlite3"))
    tramite = seguinte.exigir_proprio(7003, "consultar")
    assert tramite.retomado is True and tramite.requisito == "envio"
    with pytest.raises(ErroDePropriedade):
        seguinte.exigir_proprio(7004, "consultar")
    seguinte.livro.fechar()
