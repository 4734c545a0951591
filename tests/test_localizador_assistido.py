"""The assisted finder cannot adopt someone else's work: not a trâmite registered before its instruction (in the
platform's clock, whatever this machine's says), not one from another unit, not one already used, not one whose
readable descrição lacks the campaign's code. `adotar` follows the same rules.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.apoio.espera import contrapartes_ociosas
from tests.apoio.plataforma_alterada import PlataformaAlterada
from tests.apoio.simulador import ORGAO, ORGAO1, PROTOCOLO_ANEX
from tests.test_modo_assistido import ambiente_assistido
from tramita_homologacao.campanha.adocao import ErroDeAdocao, adotar_por_indicacao
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.erros import RespostaIncoerente
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo
from tramita_homologacao.conformidade.verificacoes import Verificador
from tramita_homologacao.livro.livro import OBSERVADO, Livro
from tramita_homologacao.orgao.assistido import OperadorNaoAgiu, OrgaoObservador, leva_o_codigo
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.simulador.contrapartes import Operacao
from tramita_homologacao.suite.ator_assistido import AtorAssistido
from tramita_homologacao.suite.cenario import CenarioEmTeste


class Calado:
    """An operator who is told things and picks nothing (the run would stop and list the candidates)."""

    def instruir(self, instrucao) -> None:
        pass

    def escolher(self, pergunta, opcoes):
        return None


@pytest.fixture
def orgao(simulador, tmp_path):
    ambiente = carregar_ambiente(str(ambiente_assistido(simulador, tmp_path, limite=0.3)))
    cliente = ClienteTramita(simulador.url_base, tentativas=0)
    yield OrgaoObservador(ClienteDeConsulta(cliente), ambiente, RegistroDeExecucao(Livro(None)), Calado())
    cliente.fechar()


def enviar(simulador, descricao: str) -> int:
    """The organ's SPE sends a processo to ORGAO1 (which receives it at once); its IDT."""
    antes = {t.idt for t in simulador.plataforma.consultar_tramites(ORGAO)}
    simulador.contrapartes.operar(ORGAO, Operacao("enviar", destinatario=ORGAO1, descricao=descricao))
    contrapartes_ociosas(simulador)
    [idt] = {t.idt for t in simulador.plataforma.consultar_tramites(ORGAO)} - antes
    return idt


def do_teste(orgao) -> str:
    return f"TESTE – ANEX – {orgao.registro.livro.codigo_da_campanha()} – envio"


def procurar(orgao, desde):
    return orgao.encontrar_enviado("envio", "Envio", ORGAO1, desde, orgao.registro.livro.codigo_da_campanha())


def test_o_enviado_depois_da_instrucao_e_encontrado(simulador, orgao):
    desde = orgao.agora_na_plataforma()
    idt = enviar(simulador, do_teste(orgao))
    assert procurar(orgao, desde).idt == idt
    assert orgao.registro.livro.por_idt(idt) is not None


def test_registrado_antes_da_instrucao_no_relogio_da_plataforma_nunca_e_adotado(simulador, orgao):
    """The platform's clock runs 90 s ahead of this machine's: by this machine's clock the trâmite would look
    sent after the instruction; by the platform's (measured from its answers) it was sent 30 s before."""
    simulador.plataforma.relogio.avancar(90)
    antigo = enviar(simulador, do_teste(orgao))
    simulador.plataforma.relogio.avancar(30)
    desde = orgao.agora_na_plataforma()
    assert orgao.registro.livro.ler("desvio_do_relogio_segundos") > 100  # 120 s, to the second, over a busy line
    with pytest.raises(OperadorNaoAgiu, match="nenhum trâmite do órgão"):
        procurar(orgao, desde)
    assert orgao.registro.livro.por_idt(antigo) is None


def test_de_outra_unidade_do_orgao_nunca_e_adotado(simulador, orgao):
    """Even when the platform's answer ignores the filter by remetente: that answer is incoherent."""

    def de_outra_unidade(corpo):
        for tramite in corpo.get("tramites", []):
            tramite["remetente"]["numeroDeIdentificacaoDaEstrutura"] = 100002
        return corpo

    desde = orgao.agora_na_plataforma()
    idt = enviar(simulador, do_teste(orgao))
    PlataformaAlterada(simulador).alterar("GET", r"/tramites$", de_outra_unidade)
    with pytest.raises(RespostaIncoerente, match="pedidos os trâmites com remetente 1/100001, veio o IDT"):
        procurar(orgao, desde)
    assert orgao.registro.livro.por_idt(idt) is None


def test_um_tramite_ja_usado_por_outro_requisito_nao_serve_a_um_segundo(simulador, orgao):
    desde = orgao.agora_na_plataforma()
    idt = enviar(simulador, do_teste(orgao))
    usado = simulador.plataforma.consultar_tramites(ORGAO, idt=idt)[0]
    orgao.registro.registrar("cancelamento", "Cancelamento", "remetente", idt, usado.nre, usado.protocolo)
    with pytest.raises(OperadorNaoAgiu):
        procurar(orgao, desde)
    assert orgao.registro.livro.por_idt(idt).requisito == "cancelamento"


def test_descricao_legivel_sem_o_codigo_da_campanha_nao_e_adotada(simulador, orgao):
    desde = orgao.agora_na_plataforma()
    alheio = enviar(simulador, "Processo de contratação de serviços")  # received at once: the descrição is readable
    with pytest.raises(OperadorNaoAgiu):
        procurar(orgao, desde)
    assert orgao.registro.livro.por_idt(alheio) is None
    do_teste_idt = enviar(simulador, do_teste(orgao))
    assert procurar(orgao, desde).idt == do_teste_idt


@pytest.mark.parametrize(
    ("descricao", "leva"),
    [
        ("TESTE – ANEX – 2D12 – envio", True),
        ("TESTE ? ANEX ? 2D12 ? envio", True),  # the dash lost in ISO-8859-1
        ("teste - anex - 2d12 - envio", True),
        ("TESTE – ANEX – 12D12 – envio", False),  # another code that merely contains it
        ("TESTE – ANEX – envio", False),
        ("", False),
    ],
)
def test_codigo_da_campanha_na_descricao(descricao, leva):
    assert leva_o_codigo(descricao, "2D12") is leva


def _instruir_envio(orgao, desde) -> None:
    orgao.registro.livro.registrar_instrucao("envio", "Envio", "enviar", "envie", None, desde)


def test_adotar_recusa_um_envio_registrado_antes_da_instrucao(simulador, orgao):
    antigo = enviar(simulador, do_teste(orgao))
    simulador.plataforma.relogio.avancar(60)
    _instruir_envio(orgao, orgao.agora_na_plataforma())
    with pytest.raises(ErroDeAdocao, match="antes da instrução"):
        adotar_por_indicacao(orgao, str(antigo), "envio")
    assert orgao.registro.livro.por_idt(antigo) is None


def test_adotar_recusa_um_envio_sem_o_codigo_e_aceita_o_do_teste(simulador, orgao):
    _instruir_envio(orgao, orgao.agora_na_plataforma() - timedelta(seconds=1))
    alheio = enviar(simulador, "Processo de contratação de serviços")
    with pytest.raises(ErroDeAdocao, match="sem o código da campanha"):
        adotar_por_indicacao(orgao, str(alheio), "envio")
    certo = enviar(simulador, do_teste(orgao))
    tramite, cenario = adotar_por_indicacao(orgao, str(certo), "envio")
    assert (tramite.idt, cenario) == (certo, "Envio")


def test_o_enviado_com_atraso_e_encontrado_e_fica_no_livro_como_do_spe(simulador, tmp_path):
    """The operator acts after the first look: the finder keeps looking (within the wait), links the instruction
    to the trâmite and records it as observed — the SPE's, never the harness's to act on."""
    ambiente = carregar_ambiente(str(ambiente_assistido(simulador, tmp_path, limite=10)))
    cliente = ClienteTramita(simulador.url_base, tentativas=0)
    orgao = OrgaoObservador(ClienteDeConsulta(cliente), ambiente, RegistroDeExecucao(Livro(None)), Calado())
    desde = orgao.agora_na_plataforma()
    _instruir_envio(orgao, desde)
    operacao = Operacao("enviar", destinatario=ORGAO1, descricao=do_teste(orgao), atraso_segundos=0.5)
    simulador.contrapartes.operar(ORGAO, operacao)
    registrado = procurar(orgao, desde)
    [tramite] = simulador.plataforma.consultar_tramites(ORGAO)
    assert (registrado.idt, registrado.nre, registrado.papel) == (tramite.idt, tramite.nre, "remetente")
    linha = orgao.registro.livro.por_idt(tramite.idt)
    assert (linha.requisito, linha.cenario, linha.papel, linha.etapa) == ("envio", "Envio", "remetente", OBSERVADO)
    assert linha.nre == tramite.nre
    assert orgao.registro.livro.envio_instruido("envio", "Envio") is None  # the instruction now has its trâmite
    # what was seen is recorded: the units (from the query) and, once readable, the descrição and components
    contrapartes_ociosas(simulador)
    orgao.consultar(tramite.idt)  # as every wait does
    componentes = orgao.componentes_declarados(registrado)
    descricao, remetente, destinatario = orgao.registro.livro.detalhes(tramite.idt)
    assert descricao.startswith(do_teste(orgao)) and registrado.descricao == descricao
    assert (remetente, destinatario) == (
        {"repositorio": 1, "estrutura": 100001},
        {"repositorio": 2, "estrutura": 300001},
    )
    relido = orgao.registro.retomar(orgao.registro.livro.por_idt(tramite.idt))
    assert (relido.remetente, relido.destinatario, relido.descricao) == (PROTOCOLO_ANEX, ORGAO1, descricao)
    assert componentes and all(c.nome and c.tamanho > 0 and c.mime_type for c in componentes)
    assert relido.componentes == componentes
    cliente.fechar()


def test_sem_o_envio_do_operador_quem_decide_e_o_ambiente(simulador, tmp_path):
    """When the wait runs out the environment's rule decides (in homologação: keep waiting), not a failure."""

    def deixar_aguardando(erro):
        raise Aguardando(str(erro))

    ambiente = carregar_ambiente(str(ambiente_assistido(simulador, tmp_path, limite=0.2)))
    cliente = ClienteTramita(simulador.url_base, tentativas=0)
    orgao = OrgaoObservador(
        ClienteDeConsulta(cliente), ambiente, RegistroDeExecucao(Livro(None)), Calado(), deixar_aguardando
    )
    with pytest.raises(Aguardando, match="nenhum trâmite do órgão"):
        procurar(orgao, orgao.agora_na_plataforma())
    cliente.fechar()


def test_adotar_pelo_nre_ou_pelo_nup_e_so_o_que_nao_esta_no_livro(simulador, orgao):
    _instruir_envio(orgao, orgao.agora_na_plataforma() - timedelta(seconds=1))
    idt = enviar(simulador, do_teste(orgao))
    [tramite] = simulador.plataforma.consultar_tramites(ORGAO, idt=idt)
    with pytest.raises(ErroDeAdocao, match="Nenhum trâmite visível ao órgão com IDT, NRE ou NUP '0000000000009999'"):
        adotar_por_indicacao(orgao, "0000000000009999", "envio")
    adotado, _ = adotar_por_indicacao(orgao, tramite.nre, "envio")
    assert adotado.idt == idt
    linha = orgao.registro.livro.por_idt(idt)  # the SPE's: recorded as observed, never the harness's to act on
    assert (linha.requisito, linha.cenario, linha.papel, linha.etapa, linha.nre) == (
        "envio",
        "Envio",
        "remetente",
        OBSERVADO,
        tramite.nre,
    )
    assert orgao.registro.livro.envio_instruido("envio", "Envio") is None
    with pytest.raises(ErroDeAdocao, match="já está no livro de registro"):
        adotar_por_indicacao(orgao, tramite.protocolo, "envio")


def test_adotar_pelo_nup_encontra_pelo_protocolo(simulador, orgao):
    _instruir_envio(orgao, orgao.agora_na_plataforma() - timedelta(seconds=1))
    idt = enviar(simulador, do_teste(orgao))
    [tramite] = simulador.plataforma.consultar_tramites(ORGAO, idt=idt)
    assert adotar_por_indicacao(orgao, tramite.protocolo, "envio")[0].idt == idt


def test_o_cliente_de_consulta_repassa_cada_filtro(simulador, orgao):
    primeiro, segundo = enviar(simulador, do_teste(orgao)), enviar(simulador, do_teste(orgao))
    t1, t2 = (simulador.plataforma.consultar_tramites(ORGAO, idt=i)[0] for i in (primeiro, segundo))
    consulta = orgao.cliente
    assert [t.idt for t in consulta.consultar_tramites(nre=t2.nre)] == [segundo]
    assert [t.idt for t in consulta.consultar_tramites(protocolo=t1.protocolo)] == [primeiro]
    assert {t.idt for t in consulta.consultar_tramites(destinatario=ORGAO1)} >= {primeiro, segundo}
    assert consulta.consultar_tramites(destinatario=PROTOCOLO_ANEX) == []


def test_o_tramite_encontrado_sem_o_codigo_na_descricao_nao_e_julgado(simulador, orgao, faker_teste, tmp_path):
    """Read later, a descrição without the campaign's code means it is not the instructed processo: inconclusive."""
    url = simulador.url_raiz + "interoperabilidade/rest/"
    cenario = CenarioEmTeste("envio", "Envio", orgao, Verificador(), faker_teste, tmp_path, url)
    desde = orgao.agora_na_plataforma()
    idt = enviar(simulador, "Processo de contratação de serviços")
    [tramite] = simulador.plataforma.consultar_tramites(ORGAO, idt=idt)
    alheio = orgao.registro.registrar("envio", "Envio", "remetente", idt, tramite.nre, tramite.protocolo)
    cenario.tramite = alheio
    orgao.componentes_declarados(alheio)
    ator = cenario.ator
    assert isinstance(ator, AtorAssistido)
    with pytest.raises(Inconclusivo, match="sem o código da campanha") as erro:
        ator._exigir_o_codigo(cenario, alheio)
    assert "--refazer envio" in str(erro.value)
    do_teste_idt = enviar(simulador, do_teste(orgao))
    assert procurar(orgao, desde).idt == do_teste_idt
    proprio = orgao.registro.exigir_proprio(do_teste_idt, "conferir")
    orgao.componentes_declarados(proprio)
    ator._exigir_o_codigo(cenario, proprio)  # the instructed one passes
