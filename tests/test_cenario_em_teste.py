"""The scenario façade's judging steps, run in process against real trâmites of the simulator on loopback.

Each check passes on the outcome it names and fails on any other: a different final status, a
downloaded component whose bytes do not match the metadata.
"""

from __future__ import annotations

import functools

import pytest

from tests.apoio.ambientes import dados_tls, gravar
from tests.apoio.espera import contrapartes_ociosas
from tests.apoio.plataforma_alterada import PlataformaAlterada
from tests.apoio.simulador import DIGED_ANEX, ORGAO3
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo, desfecho
from tramita_homologacao.conformidade.signatario import Confianca, certificados_pem
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.orgao.acoes import ErroDeRecebimento, OrgaoEmTeste, ProcessoRecebido
from tramita_homologacao.orgao.espera import SituacaoInesperada
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.assinatura import ParDeChaves, gerar_par_efemero
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.situacoes import Situacao as S
from tramita_homologacao.simulador.contrapartes import Roteiro
from tramita_homologacao.suite.cenario import CenarioEmTeste, justificativa_de_teste


@functools.cache
def _chaves_do_anex() -> ParDeChaves:
    """The organ's throwaway key pair, made once per test process (an RSA key costs ~50 ms)."""
    return gerar_par_efemero("ANEX")


@pytest.fixture
def orgao(simulador, tmp_path):
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    orgao = OrgaoEmTeste(cliente, carregar_ambiente("local"), RegistroDeExecucao(), _chaves_do_anex(), tmp_path)
    orgao.confianca = Confianca.das_acs(certificados_pem(simulador.plataforma.autoridade.certificado_pem))
    yield orgao
    cliente.fechar()


@pytest.fixture
def cenario(simulador, orgao, faker_teste, tmp_path):
    def novo(requisito: str) -> CenarioEmTeste:
        url = simulador.url_raiz + "interoperabilidade/rest/"
        return CenarioEmTeste(requisito, f"cenário de {requisito}", orgao, Verificador(), faker_teste, tmp_path, url)

    return novo


def _enviado(cenario, requisito: str = "envio") -> CenarioEmTeste:
    em_teste = cenario(requisito)
    em_teste.preparar_processo()
    em_teste.enviar()
    return em_teste


def test_envio_concluido_aprova_a_situacao_final_e_os_recibos(cenario):
    envio = _enviado(cenario)  # SEI-ORGAO1 receives and concludes
    envio.receber_recibo_de_conclusao()
    envio.conferir_situacao_final(S.RECIBO_RECEBIDO_REMETENTE)
    envio.conferir_historico([1, 2, 3, 4, 5, 6])
    envio.conferir_hashes_do_recibo_de_envio()
    envio.conferir_hashes_do_recibo_de_conclusao()
    envio.conferir_assinatura_do_recibo_de_conclusao()
    envio.conferir_cancelamento_recusado()
    assert envio.orgao.consultar(envio.idt).situacao == S.RECIBO_RECEBIDO_REMETENTE


@pytest.mark.parametrize("esperada", [7, 9, 10])
def test_outra_situacao_final_reprova(cenario, esperada):
    envio = _enviado(cenario)
    envio.receber_recibo_de_conclusao()
    with pytest.raises(SituacaoInesperada, match="chegou à situação 6"):
        envio.conferir_situacao_final(S(esperada))
    with pytest.raises(AssertionError, match="esperado"):
        envio.conferir_historico([1, 2, 3, 4, 5, esperada])


def test_recusa_reprova_quem_esperava_a_conclusao(simulador, cenario):
    simulador.contrapartes.roteirizar("SEI-ORGAO1", Roteiro("recusar", justificativa="Não esperado."))
    envio = _enviado(cenario)
    with pytest.raises(SituacaoInesperada, match="chegou à situação 8"):
        envio.conferir_situacao_final(S.RECIBO_RECEBIDO_REMETENTE)


def test_cancelamento_antes_da_conclusao(cenario):
    cancelamento = _enviado(cenario, "cancelamento")  # SEI-ORGAO3 stays silent
    cancelamento.cancelar()
    with pytest.raises(SituacaoInesperada, match="chegou à situação 7"):
        cancelamento.conferir_situacao_final(S.RECIBO_RECEBIDO_REMETENTE)
    cancelamento.conferir_situacao_final(S.CANCELADO)
    with pytest.raises(AssertionError, match="esperava-se a recusa do cancelamento"):
        cancelamento.conferir_cancelamento_recusado()  # already cancelled: nothing refused it


def test_componentes_recebidos_conferem_pelos_bytes_baixados(cenario):
    recebimento = cenario("recebimento")
    recebimento.receber_envio_da_contraparte()
    recebimento.receber_processo()
    assert recebimento.recebido is not None
    pasta = recebimento.orgao.pasta / f"recebido-{recebimento.idt}"
    calculados = sorted(hash_de_bytes(f.read_bytes()) for f in pasta.iterdir())
    assert sorted(recebimento.recebido.hashes_calculados) == calculados
    recebimento.conferir_componentes_recebidos()
    recebimento.conferir_situacao_final(S.RECIBO_RECEBIDO_REMETENTE)
    outro = hash_de_bytes(b"outro")
    recebimento.recebido = ProcessoRecebido(recebimento.recebido.metadados, (*calculados[1:], outro))
    with pytest.raises(AssertionError, match="Os hashes do conteúdo baixado não conferem"):
        recebimento.conferir_componentes_recebidos()


def test_componente_corrompido_no_caminho_nao_e_aceito(simulador, cenario):
    recebimento = cenario("recebimento")
    recebimento.receber_envio_da_contraparte()
    tramite = simulador.plataforma.tramite_visivel("SEI-ORGAO2", recebimento.idt)
    chave = (tramite.nre, tramite.hashes_em_ordem()[0])
    arquivo = simulador.plataforma._conteudos[chave][0].arquivo  # the stored component's first part: a byte flipped
    original = arquivo.read_bytes()
    arquivo.write_bytes(bytes([original[0] ^ 0xFF]) + original[1:])
    with pytest.raises(ErroDeRecebimento, match="chegou corrompido"):
        recebimento.receber_processo()
    situacao = recebimento.orgao.consultar(recebimento.idt).situacao
    assert situacao not in (5, 6), "nenhum recibo de conclusão pode sair para um componente corrompido"


def test_recusa_confere_motivo_e_justificativa(cenario):
    recusa = cenario("recusa")
    recusa.receber_envio_da_contraparte()
    recusa.recusar(MotivoRecusa.FORMATO, "x" * 10)
    recusa.conferir_situacao_final(S.CIENCIA_RECUSA)
    recusa.conferir_recusa()
    recusa.recusa = (recusa.recusa[0], "y" * 10)  # what a platform that altered the justificativa would show
    with pytest.raises(AssertionError, match="justificativa registrada com 10 caracteres difere"):
        recusa.conferir_recusa()


def test_justificativa_de_teste_tem_exatamente_o_tamanho_pedido():
    assert [len(justificativa_de_teste(n)) for n in (1, 999, 1000, 1500)] == [1, 999, 1000, 1500]


def test_passo_fora_de_ordem_diz_o_que_falta(cenario):
    with pytest.raises(pytest.UsageError, match="ainda não tem trâmite"):
        cenario("envio").cancelar()
    with pytest.raises(pytest.UsageError, match="nenhum passo preparou"):
        cenario("envio").enviar()


def test_o_orgao_nao_recebe_o_que_nao_e_dele(simulador, orgao):
    alheio = simulador.contrapartes.enviar_processo("SEI-ORGAO2", ORGAO3)
    with pytest.raises(Exception, match="Ação bloqueada"):
        orgao.receber_processo(alheio.idt)


def _em_producao(simulador, tmp_path, faker_teste, requisito: str = "cancelamento") -> CenarioEmTeste:
    dados = dados_tls(simulador, tmp_path / "nao-usado.pem", tmp_path / "nao-usada.pem", tipo="producao")
    ambiente = carregar_ambiente(str(gravar(dados, tmp_path)))
    cliente = ClienteTramita(simulador.url_base, timeout_leitura=30, tentativas=0)
    orgao = OrgaoEmTeste(cliente, ambiente, RegistroDeExecucao(), _chaves_do_anex(), tmp_path)
    url = simulador.url_raiz + "interoperabilidade/rest/"
    nome = requisito.capitalize()
    return CenarioEmTeste(requisito, nome, orgao, Verificador(), faker_teste, tmp_path, url)


def test_cancelamento_que_o_destinatario_ganha_em_producao_e_inconclusivo(simulador, faker_teste, tmp_path):
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("aceitar"))  # a real SEI that receives at once
    cancelamento = _em_producao(simulador, tmp_path, faker_teste)
    cancelamento.preparar_processo()
    cancelamento.enviar()
    contrapartes_ociosas(simulador)  # DISIS received and sent its recibo before the organ could cancel
    with pytest.raises(Inconclusivo, match="o destinatário iniciou o recebimento do trâmite") as erro:
        cancelamento.cancelar()
    assert "Não é falha do órgão" in str(erro.value)
    assert (
        "deixe-o assim ou repita-o (envia outro processo) com tramita-homologacao executar --refazer cancelamento"
        in (str(erro.value))
    )
    # The organ did its part to the end (recibo fetched), and a retry sends a new processo.
    assert cancelamento.orgao.consultar(cancelamento.idt).situacao == S.RECIBO_RECEBIDO_REMETENTE
    assert cancelamento.orgao.registro.livro.nao_avaliados("cancelamento", "Cancelamento", "remetente") == []


def test_o_mesmo_cancelamento_no_simulador_e_reprovado(simulador, cenario):
    simulador.contrapartes.roteirizar("SEI-ORGAO3", Roteiro("aceitar"))
    cancelamento = _enviado(cenario, "cancelamento")
    contrapartes_ociosas(simulador)
    with pytest.raises(ErroDaApi, match="já iniciou o recebimento"):
        cancelamento.cancelar()


def test_cancelamento_recusado_em_producao_sem_o_destino_ter_recebido_nao_e_inconclusivo(
    simulador, faker_teste, tmp_path
):
    """Outside the simulator only the receiving race is beyond the organ: a refusal in any other status is a
    failure of the requirement, never waved through as inconclusive."""
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("recusar"))
    cancelamento = _em_producao(simulador, tmp_path, faker_teste)
    cancelamento.preparar_processo()
    cancelamento.enviar()
    contrapartes_ociosas(simulador)  # DISIS refused it: 8, where the platform no longer lets it be cancelled
    with pytest.raises(ErroDaApi) as erro:
        cancelamento.cancelar()
    assert not isinstance(erro.value, Inconclusivo) and erro.value.http_status < 500
    assert desfecho(erro.value).veredito == "reprovado"


def test_falha_da_plataforma_no_cancelamento_em_producao_nao_e_a_corrida(simulador, faker_teste, tmp_path):
    """Even after DISIS received it, a 503 on the DELETE says nothing about the race: the platform failed."""
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("aceitar"))
    PlataformaAlterada(simulador).falhar("DELETE", r"/tramites/\d+$")
    cancelamento = _em_producao(simulador, tmp_path, faker_teste)
    cancelamento.preparar_processo()
    cancelamento.enviar()
    contrapartes_ociosas(simulador)
    with pytest.raises(ErroDaApi) as erro:
        cancelamento.cancelar()
    assert erro.value.http_status == 503 and desfecho(erro.value).veredito == "aguardando"
    assert cancelamento.orgao.registro.livro.nao_avaliados("cancelamento", "Cancelamento", "remetente")


def test_falha_da_plataforma_ao_tentar_cancelar_depois_da_conclusao_nao_e_verificada(simulador, cenario):
    envio = _enviado(cenario)
    envio.receber_recibo_de_conclusao()
    alterada = PlataformaAlterada(simulador)
    alterada.falhar("DELETE", r"/tramites/\d+$")
    registradas = []
    envio.verificador = Verificador(ao_verificar=registradas.append)
    with pytest.raises(ErroDaApi):
        envio.conferir_cancelamento_recusado()
    assert registradas == []  # a 503 is not the refusal the check expects, nor a failure of it
    envio.conferir_cancelamento_recusado()
    [verificacao] = registradas
    assert (verificacao.aprovada, verificacao.idt, verificacao.clausula) == (
        True,
        envio.idt,
        "cancelamento_so_antes_da_conclusao",
    )
    assert verificacao.observado["http_status"] == 409 and verificacao.observado["mensagem"]


def test_fora_do_simulador_o_recebimento_pede_ao_pen_espera_e_adota_so_o_que_chega_depois(
    simulador, faker_teste, tmp_path
):
    """No processo of the counterpart yet: a request is recorded and the scenario waits (never a verdict); what the
    counterpart sent before the request is not taken; what it sends after it is adopted, for this scenario."""
    simulador.contrapartes.roteirizar("SEI-MGI", Roteiro("silenciar"))
    recebimento = _em_producao(simulador, tmp_path, faker_teste, "recebimento")
    livro = recebimento.orgao.registro.livro
    antes = simulador.contrapartes.enviar_processo("SEI-MGI", DIGED_ANEX)
    simulador.plataforma.relogio.avancar(3600)  # the request comes an hour after it, in the platform's clock
    with pytest.raises(Aguardando, match="Aguardando o PEN enviar um processo de teste"):
        recebimento.receber_envio_da_contraparte()
    [pedido] = livro.pedidos()
    assert (pedido.requisito, pedido.cenario, pedido.idt) == ("recebimento", "Recebimento", None)
    assert livro.por_idt(antes.idt) is None
    depois = simulador.contrapartes.enviar_processo("SEI-MGI", DIGED_ANEX)
    recebimento.receber_envio_da_contraparte()
    assert recebimento.idt == depois.idt
    linha = livro.por_idt(depois.idt)
    assert (linha.requisito, linha.cenario, linha.papel) == ("recebimento", "Recebimento", "destinatário")
    assert [p.idt for p in livro.pedidos()] == [depois.idt]


def test_recibo_de_envio_de_outro_tramite_reprova_os_hashes_do_recibo_de_envio(simulador, cenario):
    """The same hashes, but the recibo names another trâmite: it proves nothing about this one."""

    def outro_nre(corpo):
        corpo["reciboDeEnvio"]["NRE"] = "0000000000009999"
        return corpo

    PlataformaAlterada(simulador).alterar("GET", r"/recibo-de-envio$", outro_nre)
    envio = _enviado(cenario)
    registradas = []
    envio.verificador = Verificador(ao_verificar=registradas.append)
    with pytest.raises(AssertionError, match="de OUTRO trâmite"):
        envio.conferir_hashes_do_recibo_de_envio()
    [verificacao] = registradas
    assert (verificacao.clausula, verificacao.idt, verificacao.aprovada) == (
        "hashes_do_recibo_de_envio",
        envio.idt,
        False,
    )
    assert verificacao.observado["NRE"] == "0000000000009999"


def test_destino_que_recebe_o_que_devia_recusar_deixa_inconclusivo(simulador, cenario):
    """The organ sent the document the destination does not map; the destination received it anyway."""
    caso = cenario("nao_mapeado_no_destino")
    caso.preparar_o_que_o_destino_recusa("especie")  # read while SEI-ORGAO5 still behaves as SEI
    simulador.contrapartes.roteirizar("SEI-ORGAO5", Roteiro("aceitar"))
    caso.enviar()
    with pytest.raises(Inconclusivo, match=r"em vez de recusá-lo.*não é falha dele"):
        caso.tomar_ciencia_da_recusa()


def test_orgao_que_nao_envia_o_que_o_destino_recusa_reprova_na_clausula(simulador, orgao, faker_teste, tmp_path):
    verificacoes: list = []
    url = simulador.url_raiz + "interoperabilidade/rest/"
    caso = CenarioEmTeste(
        "nao_mapeado_no_destino", "cenário", orgao, Verificador(verificacoes.append), faker_teste, tmp_path, url
    )
    caso.preparar_o_que_o_destino_recusa("especie")
    pedido = caso.variante
    caso.preparar_processo()  # but a plain processo goes: the SEI destination takes it
    caso.variante = pedido
    caso.enviar()
    with pytest.raises(AssertionError, match="não leva o documento que o destino recusaria"):
        caso.tomar_ciencia_da_recusa()
    assert [(v.clausula, v.aprovada) for v in verificacoes] == [("recusa_automatica_registrada", False)]
