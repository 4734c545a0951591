"""The organ's own SPE, simulated: it acts only when its operator tells it (the control API), like a person
driving a real SPE, and then does its remetente duties by itself. This is what assisted mode is tested with.
"""

from __future__ import annotations

import pytest
import requests

from tests.apoio.espera import contrapartes_ociosas
from tests.apoio.simulador import DIGED_ANEX, ORGAO, ORGAO1, ORGAO3
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.situacoes import Situacao as S
from tramita_homologacao.simulador.contrapartes import Roteiro


def operar(simulador, **operacao) -> requests.Response:
    return requests.post(f"{simulador.url_raiz}_simulador/spe/{ORGAO}/operacoes", json=operacao, timeout=30)


def recebido_de(simulador, sistema: str = "SEI-ORGAO2") -> int:
    return simulador.contrapartes.enviar_processo(sistema, DIGED_ANEX, "TESTE – ORGAO2").idt


def situacao(simulador, idt: int) -> S:
    return simulador.plataforma.tramite_visivel(ORGAO, idt).situacao


def historico(simulador, idt: int) -> list[int]:
    return [int(s) for s, _ in simulador.plataforma.tramite_visivel(ORGAO, idt).mudancas]


def test_sem_operacao_o_spe_do_orgao_nao_faz_nada(simulador):
    idt = recebido_de(simulador)
    contrapartes_ociosas(simulador)
    assert situacao(simulador, idt) == S.COMPONENTES_ENVIADOS_REMETENTE  # API mode: the harness is the SPE


def test_o_operador_envia_e_o_spe_busca_o_recibo_sozinho(simulador):
    resposta = operar(simulador, acao="enviar", destinatario=ORGAO1.como_json(), descricao="TESTE – ANEX – C7Q2")
    assert resposta.status_code == 202, resposta.text
    contrapartes_ociosas(simulador)
    [enviado] = simulador.plataforma.consultar_tramites(ORGAO)
    assert enviado.destinatario == ORGAO1 and enviado.dados_protocolo["descricao"].startswith("TESTE – ANEX – C7Q2")
    assert historico(simulador, enviado.idt) == [1, 2, 3, 4, 5, 6]  # SEI-ORGAO1 received; the SPE fetched the recibo


def test_o_operador_cancela(simulador):
    simulador.contrapartes.roteirizar("SEI-ORGAO3", Roteiro("silenciar"))
    operar(simulador, acao="enviar", destinatario=ORGAO3.como_json())
    contrapartes_ociosas(simulador)
    [enviado] = simulador.plataforma.consultar_tramites(ORGAO)
    assert operar(simulador, acao="cancelar", idt=enviado.idt).status_code == 202
    contrapartes_ociosas(simulador)
    assert historico(simulador, enviado.idt) == [1, 2, 7]


def test_o_operador_recebe_e_o_recibo_e_assinado_pelo_spe(simulador):
    idt = recebido_de(simulador)
    operar(simulador, acao="receber", atrasoSegundos=0.1)
    contrapartes_ociosas(simulador)
    assert historico(simulador, idt) == [1, 2, 3, 4, 5, 6]  # SEI-ORGAO2 fetched the recibo the SPE sent
    tramite = simulador.plataforma.tramite_visivel(ORGAO, idt)
    assert sorted(tramite.recibo.hashes) == sorted(tramite.hashes_em_ordem())


def test_o_operador_recusa_com_o_motivo_e_a_justificativa(simulador):
    idt = recebido_de(simulador)
    operar(simulador, acao="recusar", idt=idt, motivo="04", justificativa="Espécie não mapeada no SPE.")
    contrapartes_ociosas(simulador)
    tramite = simulador.plataforma.tramite_visivel(ORGAO, idt)
    assert historico(simulador, idt) == [1, 2, 3, 8, 9]
    assert tramite.recusa == ("04", "Espécie não mapeada no SPE.")


@pytest.mark.parametrize(
    ("defeito", "onde_para"),
    [("falhar", S.METADADOS_RECEBIDO_DESTINATARIO), ("sem_recibo", S.COMPONENTES_RECEBIDOS_DESTINATARIO)],
)
def test_um_spe_com_defeito_para_no_meio(simulador, defeito, onde_para):
    idt = recebido_de(simulador)
    operar(simulador, acao="receber", idt=idt, defeito=defeito)
    contrapartes_ociosas(simulador)
    assert situacao(simulador, idt) == onde_para


def test_recibo_divergente(simulador):
    idt = recebido_de(simulador)
    operar(simulador, acao="receber", defeito="recibo_divergente")
    contrapartes_ociosas(simulador)
    assert hash_de_bytes(b"componente divergente") in simulador.plataforma.tramite_visivel(ORGAO, idt).recibo.hashes


@pytest.mark.parametrize(
    ("operacao", "mensagem"),
    [
        ({"acao": "enviar"}, "Informe o destinatario"),
        ({"acao": "cancelar"}, "Informe o idt"),
        ({"acao": "voar"}, "acao: valor não permitido (permitidos: 'enviar', 'receber', 'recusar' ou 'cancelar')"),
        ({"acao": "receber", "defeito": "sumir"}, "defeito: valor não permitido (permitidos: 'sem_recibo'"),
        ({"acao": "recusar", "motivo": "77"}, "motivo: valor não permitido"),
        ({}, "Operação inválida:\n  - acao: campo obrigatório ausente"),
        ({"acao": "receber", "atrasoSegundos": -1}, "atrasoSegundos: valor abaixo do mínimo (mínimo 0.0)"),
        ({"acao": "receber", "atrasoSegundos": 1e9}, "atrasoSegundos: valor acima do máximo (máximo 86400.0)"),
        ({"acao": "receber", "idt": "cinco"}, "idt: deve ser um número inteiro"),
        ({"acao": "receber", "idt": 1.5}, "idt: deve ser um número inteiro (sem casas decimais)"),
        ({"acao": "receber", "quando": "já"}, "quando: campo desconhecido"),
    ],
)
def test_operacao_invalida_e_recusada_com_a_regra(simulador, operacao, mensagem):
    resposta = operar(simulador, **operacao)
    assert 400 <= resposta.status_code < 500 and mensagem in resposta.json()["mensagem"]


def test_sistema_desconhecido(simulador):
    resposta = requests.post(
        f"{simulador.url_raiz}_simulador/spe/SPE-NENHUM/operacoes", json={"acao": "receber"}, timeout=30
    )
    assert resposta.status_code in (401, 403) and "SPE-NENHUM" in resposta.json()["mensagem"]
