"""`mensagem-pen.txt` for its reader, PEN: what they must do (per trâmite, per processo to send), where each
requirement stands and, last, the request itself; never a command meant for the organ."""

from __future__ import annotations

import pytest

from tests.apoio.resumos import como_se_fosse
from tramita_homologacao.campanha.adocao import REGRA_DE_ADOCAO
from tramita_homologacao.conformidade.vereditos import AGUARDANDO, REPROVADO
from tramita_homologacao.evidencia.mensagem import gerar_mensagem
from tramita_homologacao.evidencia.modelo import Pedido, Resumo, SpeNoResumo
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.protocolo.situacoes import Situacao


@pytest.fixture(scope="module")
def resumo(execucao) -> Resumo:
    """The simulator's whole run, every requirement approved, as if it had run in homologação."""
    return como_se_fosse(ler_resumo(execucao / "resumo.json"), "homologacao")


def _parado(resumo: Resumo, requisito: str, situacao: Situacao, veredito: str = AGUARDANDO) -> Resumo:
    """`resumo` with `requisito` not approved and its first trâmite stopped in `situacao`."""
    requisitos = []
    for r in resumo.requisitos:
        if r.id == requisito:
            mudou = {"situacao_final": int(situacao), "situacao_final_descricao": situacao.explicacao.significado}
            tramite = r.tramites[0].model_copy(update=mudou)
            r = r.model_copy(update={"veredito": veredito, "tramites": [tramite, *r.tramites[1:]]})
        requisitos.append(r)
    return resumo.model_copy(update={"requisitos": requisitos, "aprovado": False})


def _providencias(mensagem: str) -> list[str]:
    return [linha for linha in mensagem.splitlines() if linha[:1].isdigit() and ". " in linha[:4]]


def _pedido_final(mensagem: str) -> str:
    """The paragraph right before the signature."""
    corpo = mensagem.split("\nAtenciosamente,")[0].rstrip().split("\n\n")
    return corpo[-1]


def test_aprovada_em_homologacao_termina_pedindo_a_liberacao_para_producao(resumo):
    mensagem = gerar_mensagem(resumo)
    assert mensagem.startswith(
        "Para: processo.eletronico@economia.gov.br\nAssunto: ANEX — testes dos requisitos mínimos do Tramita.GOV.BR "
        "em homologação: pedido de liberação para produção\n"
    )
    assert "O órgão Agência Nacional de Exemplo (ANEX) executa em homologação" in mensagem and "o(a)" not in mensagem
    assert "Horários de Brasília" in mensagem and "relatorio-homologacao.pdf" in mensagem
    for requisito in resumo.requisitos:
        for tramite in requisito.tramites:
            assert f"IDT {tramite.idt} | NRE {tramite.nre}" in mensagem
    assert _providencias(mensagem) == [] and "Providências" not in mensagem
    assert _pedido_final(mensagem) == (
        "Todos os requisitos mínimos foram aprovados em homologação. Solicitamos a análise das evidências anexas e "
        "a liberação do acesso do órgão ao ambiente de produção do Tramita.GOV.BR."
    )
    assert "tramita-homologacao" not in mensagem  # nothing meant for the organ


def test_aprovada_em_producao_pede_a_confirmacao_da_integracao(resumo):
    mensagem = gerar_mensagem(como_se_fosse(resumo, "producao"))
    assert "em produção: pedido de conclusão\n" in mensagem
    assert "confirmação de que a integração do órgão ao Tramita.GOV.BR está concluída." in _pedido_final(mensagem)


def test_aprovada_num_ensaio_nao_pede_nada(resumo):
    mensagem = gerar_mensagem(como_se_fosse(resumo, "homologacao", oficial=False))
    assert mensagem.count("ATENÇÃO: ENSAIO") == 1 and ": ensaio\n" in mensagem
    assert "Solicitamos" not in mensagem and "fora do endereço oficial" in _pedido_final(mensagem)


def test_envio_parado_na_unidade_de_teste_pede_ao_pen_que_o_receba(resumo):
    mensagem = gerar_mensagem(_parado(resumo, "envio", Situacao.COMPONENTES_ENVIADOS_REMETENTE))
    tramite = resumo.requisito("envio").tramites[0]
    assert tramite.destinatario is not None
    (providencia,) = _providencias(mensagem)
    assert providencia.startswith(
        f"1. Receber, na unidade {tramite.destinatario.rotulo()}, o processo que o órgão enviou, para o requisito "
        f'"Enviar ao menos um processo com sucesso": IDT {tramite.idt} | NRE {tramite.nre} | protocolo '
        f"{tramite.protocolo} | situação 2 (Arquivos digitais recebidos pelo Tramita) desde "
    )
    assert ": providências do PEN\n" in mensagem
    assert _pedido_final(mensagem) == (
        "Solicitamos a providência acima. Quando for atendida, os testes seguem e enviaremos o relatório final "
        "com o pedido de liberação para produção."
    )


@pytest.mark.parametrize("situacao", [Situacao.INICIADO, Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECUSADO])
def test_envio_parado_do_lado_do_orgao_nao_pede_nada_ao_pen(resumo, situacao):
    """1: the organ has not finished sending; 5: the organ must fetch the recibo; 8: the organ must acknowledge."""
    mensagem = gerar_mensagem(_parado(resumo, "envio", situacao, REPROVADO))
    assert _providencias(mensagem) == [] and ": andamento\n" in mensagem
    assert _pedido_final(mensagem) == (
        "Não há providência a pedir ao PEN neste momento: o órgão conclui o que falta (Enviar ao menos um processo "
        "com sucesso: reprovado) e enviará o relatório final com o pedido de liberação para produção."
    )


def test_tramite_que_o_orgao_deve_cancelar_nunca_e_pedido_ao_pen_para_receber(resumo):
    mensagem = gerar_mensagem(_parado(resumo, "cancelamento", Situacao.COMPONENTES_ENVIADOS_REMETENTE))
    assert _providencias(mensagem) == [] and "Receber, na unidade" not in mensagem


@pytest.mark.parametrize(
    ("requisito", "situacao", "pedido"),
    [
        ("recebimento", Situacao.RECIBO_ENVIADO_DESTINATARIO, "o recibo de conclusão do processo que o órgão recebeu"),
        ("recusa", Situacao.RECUSADO, "da recusa do processo que o órgão recusou"),
    ],
)
def test_recebido_parado_no_remetente_de_teste_pede_ao_pen_o_passo_dele(resumo, requisito, situacao, pedido):
    mensagem = gerar_mensagem(_parado(resumo, requisito, situacao))
    tramite = resumo.requisito(requisito).tramites[0]
    (providencia,) = _providencias(mensagem)
    assert tramite.remetente is not None
    assert f"no sistema da unidade {tramite.remetente.rotulo()}, {pedido}" in providencia
    assert f"IDT {tramite.idt} | NRE {tramite.nre}" in providencia


def test_processos_a_enviar_vem_numerados_depois_dos_tramites_com_a_regra_sem_comando(resumo):
    parado = _parado(resumo, "envio", Situacao.METADADOS_RECEBIDO_DESTINATARIO)
    requisitos = [
        r if r.id != "recebimento" else r.model_copy(update={"veredito": AGUARDANDO, "tramites": []})
        for r in parado.requisitos
    ]
    pedido = Pedido(requisito="recebimento", cenario="Recebimento", pedido_em=resumo.fim, idt=None)
    atendido = Pedido(requisito="recusa", cenario="Recusa", pedido_em=resumo.inicio, idt=1)
    mensagem = gerar_mensagem(
        parado.model_copy(
            update={"requisitos": requisitos, "pedidos_ao_pen": [pedido, atendido], "regra_de_adocao": REGRA_DE_ADOCAO}
        )
    )
    contraparte = resumo.requisito("recebimento").contraparte
    assert contraparte is not None
    providencias = _providencias(mensagem)
    assert [p.split(",")[0] for p in providencias] == ["1. Receber", "2. Enviar"]
    assert providencias[1].startswith(
        f"2. Enviar, da unidade {contraparte.rotulo()} à unidade {resumo.orgao.recebimento.rotulo()}, um processo "
        'de teste para o requisito "Receber ao menos um processo com sucesso", que será recebido (pedido em '
    )
    assert "são adotados por ordem de chegada" in mensagem and "tramita-homologacao" not in mensagem
    assert "pelo IDT, o processo que o PEN enviou de outra unidade" in mensagem
    assert _pedido_final(mensagem).startswith("Solicitamos as 2 providências acima.")


def test_com_o_sei_pede_o_processo_com_o_formato_que_ele_recusa(resumo):
    """With SEI, nobody refuses by hand: PEN is asked for a processo with a file format the organ's SEI refuses."""
    pedido = Pedido(requisito="recusa", cenario="Recusa", pedido_em=resumo.fim, idt=None)
    sei = SpeNoResumo(nome="SEI", versao="4.1", perfil="sei", formato_recusado="xyz")
    aberto = resumo.model_copy(update={"pedidos_ao_pen": [pedido], "aprovado": False})
    mensagem = " ".join(gerar_mensagem(aberto.model_copy(update={"spe": sei})).split())
    assert "com um documento no formato .xyz (que o SEI do órgão não aceita), e que por isso será recusado" in mensagem
    generico = " ".join(gerar_mensagem(aberto).split())
    assert ", que será recusado (pedido em" in generico and "formato .xyz" not in generico
