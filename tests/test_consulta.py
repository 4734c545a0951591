"""The read-only client: the operations that move a trâmite do not exist on it, and what uses it moves nothing.

`diagnostico`, `explicar` and the look at the organ's pendências are run against a simulator holding
trâmites in every status where the organ has something to do; afterwards every status and every
pendência is exactly as before.
"""

from __future__ import annotations

import inspect
import io

import pytest

from tests.apoio.ambientes import VARIAVEL_DA_SENHA, ambiente_tls, executar_cli
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tests.apoio.espera import contrapartes_ociosas
from tests.apoio.simulador import DIGED_ANEX, ORGAO, ORGAO1, ORGAO4, arquivos_de, cabecalho, vincular_certificado
from tramita_homologacao.campanha.adocao import adotar_enviados_pelo_pen
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.consulta import ClienteDeConsulta, LeituraQueMudaria
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import carregar_certificado
from tramita_homologacao.configuracao.conexao import abrir_cliente
from tramita_homologacao.configuracao.diagnostico import diagnosticar
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.simulador.contrapartes import Roteiro

CONSULTAS = {
    "ler_metadados",
    "ler_recibo_de_conclusao",
    "ler_recibo_de_envio",
    "healthcheck",
    "consultar_estrutura",
    "listar_pendencias",
    "consultar_tramite",
    "consultar_tramites",
    "ler_descricao",
    "medir_desvio_do_relogio",
    "listar_hipoteses_legais",  # a catalogue (the extended profile checks a restrito processo's hipótese)
}


def publicos(classe: type) -> set[str]:
    """Public methods (not the copies a mutation-testing run adds beside them, named with 'ǁ')."""
    membros = inspect.getmembers(classe, inspect.isfunction)
    return {nome for nome, _ in membros if not nome.startswith("_") and "ǁ" not in nome}


def test_so_existem_as_consultas():
    assert publicos(ClienteDeConsulta) == CONSULTAS | {"fechar"}
    que_mudam = publicos(ClienteTramita) - CONSULTAS - {"fechar", "consultar_estruturas", "listar_especies"}
    que_mudam -= {"listar_repositorios", "receber_recibo_de_envio"}  # a catalogue; `ler_…`
    assert {"enviar_processo", "solicitar_metadados", "recusar_tramite", "cancelar_tramite"} <= que_mudam
    assert {"receber_recibo_de_tramite", "baixar_componente_digital", "dar_ciencia_da_recusa"} <= que_mudam
    assert not que_mudam & publicos(ClienteDeConsulta)


def test_o_cliente_de_consulta_nao_alcanca_nada_que_muda_um_tramite():
    """Not on the class, and not on an instance either: nothing is passed through to the full client."""
    completo = ClienteTramita("http://127.0.0.1:9/", tentativas=0)
    consulta = ClienteDeConsulta(completo)
    que_mudam = publicos(ClienteTramita) - CONSULTAS - {"fechar"}
    for nome in sorted(que_mudam | {"sessao", "observadores", "cancelar_tramite", "_cliente_qualquer"}):
        assert not hasattr(consulta, nome), nome
    completo.fechar()


def estado(simulador) -> tuple[list, list]:
    tramites = sorted((t.idt, int(t.situacao)) for t in simulador.plataforma.consultar_tramites(ORGAO))
    pendencias = sorted((t.idt, int(t.situacao)) for t in simulador.plataforma.listar_pendencias(ORGAO))
    return tramites, pendencias


def test_diagnostico_explicar_e_a_procura_nao_mudam_nada(simulador_tls, ca, tmp_path, faker_teste, monkeypatch):
    simulador = simulador_tls
    arquivo = emitir_certificado_do_orgao(ca, tmp_path / "orgao", "anex")
    vincular_certificado(simulador, arquivo)
    for sistema, roteiro in (("SEI-ORGAO1", Roteiro("aceitar")), ("SEI-ORGAO4", Roteiro("recusar"))):
        simulador.contrapartes.roteirizar(sistema, roteiro)
    p = simulador.plataforma
    # Pending for the organ's SPE: a processo to receive (2), a recibo to fetch (5), a refusal to acknowledge (8).
    recebido = simulador.contrapartes.enviar_processo("SEI-ORGAO4", DIGED_ANEX).idt
    enviados = []
    for destino in (ORGAO1, ORGAO4):
        processo = gerar_processo_de_teste(
            faker_teste, tmp_path / str(destino), unidade="Protocolo", sigla_unidade="ANEX/PROT", marca="TESTE – ANEX"
        )
        enviado = p.criar_tramite(ORGAO, "P", cabecalho(destinatario=destino), processo.como_json())
        for hash_, caminho in arquivos_de(processo).items():
            p.enviar_componente(ORGAO, enviado.ticket, processo.protocolo, hash_, io.BytesIO(caminho.read_bytes()))
        enviados.append(enviado.idt)
    contrapartes_ociosas(simulador)
    antes = estado(simulador)
    assert sorted(s for _, s in antes[1]) == [2, 5, 8], antes

    caminho = ambiente_tls(simulador, tmp_path, arquivo, simulador.ca_pem, tipo="homologacao")
    monkeypatch.setenv(VARIAVEL_DA_SENHA, SENHA)
    ambiente = carregar_ambiente(str(caminho))
    assert diagnosticar(ambiente, caminho, ambiente.url_base())
    for idt in (recebido, *enviados):
        explicado = executar_cli(str(idt), "-a", str(caminho), comando="explicar", variaveis={VARIAVEL_DA_SENHA: SENHA})
        assert explicado.returncode == 0, explicado.stdout + explicado.stderr
    livro = Livro(tmp_path / "livro.sqlite3")
    livro.registrar_pedido("recebimento", "Recebimento de processo enviado por outro órgão")
    completo = abrir_cliente(ambiente, ambiente.url_base(), carregar_certificado(arquivo, Segredo(SENHA)))
    procura = adotar_enviados_pelo_pen(OrgaoEmTeste(completo, ambiente, RegistroDeExecucao(livro), None, tmp_path))
    completo.fechar()
    livro.fechar()
    # The SPE's own trâmites are looked at and left alone, as is the one from a remetente nobody asked.
    assert sorted(t.idt for t, _ in procura.ignorados) == sorted([recebido, *enviados]) and procura.adotados == []

    assert estado(simulador) == antes


def test_as_leituras_que_moveriam_o_tramite_sao_recusadas_onde_moveriam(simulador, cliente, processo):
    simulador.contrapartes.roteirizar("SEI-ORGAO2", Roteiro("silenciar"))
    consulta = ClienteDeConsulta(cliente)
    chegou = simulador.contrapartes.enviar_processo("SEI-ORGAO2", DIGED_ANEX).idt
    with pytest.raises(LeituraQueMudaria, match="cabe ao SPE do órgão"):
        consulta.ler_metadados(chegou)  # in 2, reading the metadata is the destinatário receiving
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("aceitar"))
    p = simulador.plataforma
    enviado = p.criar_tramite(ORGAO, "P", cabecalho(destinatario=ORGAO1), processo.como_json())
    for hash_, caminho in arquivos_de(processo).items():
        p.enviar_componente(ORGAO, enviado.ticket, processo.protocolo, hash_, io.BytesIO(caminho.read_bytes()))
    contrapartes_ociosas(simulador)  # ORGAO1 concluded: 5, the recibo waits for the organ's SPE
    with pytest.raises(LeituraQueMudaria, match="só é lido na situação 6"):
        consulta.ler_recibo_de_conclusao(enviado.idt)
    assert [int(s) for s, _ in p.tramite_visivel(ORGAO, chegou).mudancas] == [1, 2]
    assert int(p.tramite_visivel(ORGAO, enviado.idt).situacao) == 5
    assert consulta.ler_metadados(enviado.idt).idt == enviado.idt  # the remetente's own, past 2: harmless
