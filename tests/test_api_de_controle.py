"""The simulator's control API: the examples of docs/simulador.md work as written, and what is out of range is a 400
that names the field (a bad behaviour never reaches a counterpart; an absurd clock jump never breaks later calls).
"""

from __future__ import annotations

import json
import re

import pytest
import requests

from tests.apoio.ambientes import RAIZ
from tests.apoio.espera import esperar_ate
from tests.apoio.simulador import ORGAO1, arquivos_de, cabecalho
from tramita_homologacao.protocolo.situacoes import Situacao

SECAO = (RAIZ / "docs" / "simulador.md").read_text(encoding="utf-8").split("\n## ")[0]
EXEMPLOS = re.findall(r"`(PUT|POST) (/_simulador/[^`]+)`(.*?)(?=\n- `|\Z)", SECAO, re.S)
SISTEMA_DO_EXEMPLO = {"contrapartes": "SEI-ORGAO2", "spe": "SPE-ANEX"}


def _corpos(texto: str) -> list[dict]:
    return [json.loads(trecho) for trecho in re.findall(r"`(\{.*?\})`", texto.replace("\n  ", " "))]


def test_o_readme_tem_um_exemplo_por_operacao_de_controle():
    caminhos = {caminho for _, caminho, texto in EXEMPLOS if _corpos(texto)}
    assert caminhos == {
        "/_simulador/contrapartes/{sistema}/envios",
        "/_simulador/contrapartes/{sistema}/roteiro",
        "/_simulador/spe/{sistema}/operacoes",
        "/_simulador/relogio/avancar",
    }


@pytest.mark.parametrize(
    ("metodo", "caminho", "corpo"),
    [(m, c, corpo) for m, c, texto in EXEMPLOS for corpo in _corpos(texto)],
    ids=lambda valor: valor if isinstance(valor, str) else None,
)
def test_cada_exemplo_do_readme_funciona_como_escrito(simulador, metodo, caminho, corpo):
    grupo = caminho.split("/")[2]
    url = simulador.url_raiz + caminho.lstrip("/").replace("{sistema}", SISTEMA_DO_EXEMPLO.get(grupo, ""))
    resposta = requests.request(metodo, url, json=corpo, timeout=30)
    assert resposta.ok, resposta.text


def test_o_roteiro_do_readme_recusa_com_o_motivo_dado(simulador, cliente, processo):
    """The documented roteiro once broke the counterpart (motivo kept as text): now it refuses as told."""
    [corpo] = next(_corpos(texto) for _, caminho, texto in EXEMPLOS if caminho.endswith("/roteiro"))
    url = f"{simulador.url_raiz}_simulador/contrapartes/SEI-ORGAO1/roteiro"
    assert requests.put(url, json={**corpo, "atrasoSegundos": 0}, timeout=30).status_code == 204
    novo = cliente.enviar_processo(cabecalho(destinatario=ORGAO1), processo.como_json())
    for hash_ in novo.componentes_solicitados[processo.protocolo]:
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, arquivos_de(processo)[hash_])
    esperar_ate(lambda: cliente.consultar_tramite(novo.idt).situacao == Situacao.RECUSADO, "a recusa", 30)
    tramite = cliente.consultar_tramite(novo.idt)
    assert (tramite.motivo_recusa, tramite.justificativa_recusa) == ("01", corpo["justificativa"])


@pytest.mark.parametrize(
    ("caminho", "corpo", "mensagem"),
    [
        ("contrapartes/SEI-ORGAO1/roteiro", {"comportamento": "dormir"}, "comportamento: valor não permitido"),
        ("contrapartes/SEI-ORGAO1/roteiro", {"comportamento": "recusar", "motivo": 1}, "motivo: valor não permitido"),
        ("contrapartes/SEI-ORGAO1/roteiro", {"comportamento": "aceitar", "atrasoSegundos": "nan"}, "atrasoSegundos"),
        ("contrapartes/SEI-ORGAO1/roteiro", {"comportamento": "recusar", "justificativa": ""}, "não pode ser vazio"),
        ("contrapartes/SEI-ORGAO2/envios", {"destinatario": {"identificacaoDoRepositorioDeEstruturas": 1}}, "ausente"),
        ("contrapartes/SEI-ORGAO2/envios", {"destinatario": "1/100002"}, "destinatario: deve ser um objeto"),
        ("relogio/avancar", {"segundos": 1e12}, "segundos: valor acima do máximo"),
        ("relogio/avancar", {"segundos": -5}, "segundos: deve ser maior que zero"),
        ("relogio/avancar", {}, "segundos: campo obrigatório ausente"),
    ],
)
def test_pedido_fora_da_regra_e_400_com_o_campo(simulador, caminho, corpo, mensagem):
    metodo = "PUT" if caminho.endswith("roteiro") else "POST"
    resposta = requests.request(metodo, f"{simulador.url_raiz}_simulador/{caminho}", json=corpo, timeout=30)
    assert resposta.status_code == 400 and mensagem in resposta.json()["mensagem"], resposta.text


def test_um_salto_absurdo_do_relogio_nao_quebra_as_chamadas_seguintes(simulador, cliente):
    recusado = requests.post(f"{simulador.url_raiz}_simulador/relogio/avancar", json={"segundos": 1e12}, timeout=30)
    assert recusado.status_code == 400
    cliente.healthcheck()
    assert cliente.consultar_tramites(idt=1) == []


def test_rejeicoes_com_parametro_invalido(simulador):
    resposta = requests.get(f"{simulador.url_raiz}_simulador/rejeicoes", params={"depois": "ontem"}, timeout=30)
    assert resposta.status_code == 400 and "depois deve ser um número inteiro" in resposta.json()["mensagem"]


# --- who may use the control API ---------------------------------------------------------------------
def test_de_outra_maquina_sem_token_e_recusado(simulador):
    cliente = simulador.app.test_client()
    de_fora = cliente.post(
        "/_simulador/relogio/avancar", json={"segundos": 60}, environ_base={"REMOTE_ADDR": "10.1.2.3"}
    )
    assert de_fora.status_code == 403 and "só atende pedidos desta máquina" in de_fora.get_json()["mensagem"]
    daqui = cliente.post("/_simulador/relogio/avancar", json={"segundos": 60}, environ_base={"REMOTE_ADDR": "::1"})
    assert daqui.status_code == 204
    # the Tramita API itself answers anyone (it identifies systems by certificate or header)
    api = cliente.get("/interoperabilidade/rest/v3/healthcheck", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert api.status_code == 200


def test_com_token_so_quem_o_envia():
    from tramita_homologacao.simulador.servidor import Simulador

    with Simulador(token_de_controle="t0k3n") as simulador:
        cliente = simulador.app.test_client()
        url, corpo = "/_simulador/relogio/avancar", {"segundos": 60}
        assert cliente.post(url, json=corpo).status_code == 403  # even from loopback
        errado = cliente.post(url, json=corpo, headers={"X-Simulador-Token": "outro"})
        assert errado.status_code == 403 and "X-Simulador-Token" in errado.get_json()["mensagem"]
        assert cliente.post(url, json=corpo, headers={"X-Simulador-Token": "t0k3n"}).status_code == 204


def test_com_tls_mutuo_so_o_certificado_com_papel_de_controle(simulador_tls, ca, tmp_path):
    from tests.apoio.certificados import emitir_certificado_do_orgao
    from tests.apoio.simulador import vincular_certificado
    from tramita_homologacao.cliente.api import ClienteTramita
    from tramita_homologacao.configuracao.certificado import contexto_tls

    def sessao(nome: str, controle: bool) -> requests.Session:
        arquivo = emitir_certificado_do_orgao(ca, tmp_path, nome)
        certificado = vincular_certificado(simulador_tls, arquivo, controle=controle)
        cliente = ClienteTramita(
            simulador_tls.url_base, contexto_tls=contexto_tls(certificado, simulador_tls.ca_pem),
            verificar=str(simulador_tls.ca_pem), tentativas=0,
        )  # fmt: skip
        return cliente.sessao

    url = f"{simulador_tls.url_raiz}_simulador/relogio/avancar"
    sem_papel = sessao("sem-papel", controle=False).post(url, json={"segundos": 60}, timeout=30)
    assert sem_papel.status_code == 403 and "--controle" in sem_papel.json()["mensagem"]
    assert sessao("com-papel", controle=True).post(url, json={"segundos": 60}, timeout=30).status_code == 204


# --- identity on the Tramita API itself --------------------------------------------------------------
def test_catalogos_tambem_exigem_um_sistema_identificado():
    from tramita_homologacao.simulador.servidor import Simulador

    with Simulador() as simulador:  # no default system: a client must say who it is
        cliente, raiz = simulador.app.test_client(), "/interoperabilidade/rest/v3/"
        for caminho in ("especies", "hipoteses", "repositorios-de-estruturas", "tramites/pendentes"):
            anonimo = cliente.get(raiz + caminho)
            assert anonimo.status_code == 403 and "Nenhum certificado digital" in anonimo.get_json()["mensagem"]
            assert cliente.get(raiz + caminho, headers={"X-Simulador-Sistema": "SPE-ANEX"}).status_code == 200
        assert cliente.get(raiz + "healthcheck").status_code == 200  # the installation check comes first
