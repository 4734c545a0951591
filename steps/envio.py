"""Steps of the organ as remetente: build, send, fetch the recibos."""

from pytest_bdd import given, parsers, then, when

from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, marca_de_teste
from tramita_homologacao.protocolo.situacoes import Situacao


@given("um processo de teste com um ofício em PDF e um despacho em HTML", target_fixture="processo")
def processo_de_teste(faker_pt_br, ambiente, orgao, pasta_de_trabalho, cenario):
    unidade = orgao.cliente.consultar_estrutura(ambiente.orgao.repositorio, ambiente.orgao.unidade_envio)
    return gerar_processo_de_teste(
        faker_pt_br,
        pasta_de_trabalho / "enviados",
        unidade=unidade.nome,
        sigla_unidade=unidade.sigla,
        marca=marca_de_teste(ambiente.orgao.sigla),
    )


def _enviar(orgao, ambiente, processo, requisito_da_contraparte, requisito, cenario):
    destino = ambiente.contraparte(requisito_da_contraparte).endereco
    return orgao.enviar_processo(processo, destino, requisito=requisito, cenario=cenario)


@when("o órgão envia o processo à contraparte do requisito", target_fixture="tramite_em_foco")
def enviar_a_contraparte(orgao, ambiente, processo, requisito, cenario):
    return _enviar(orgao, ambiente, processo, requisito, requisito, cenario)


@when(parsers.parse('o órgão envia o processo à contraparte do requisito "{outro}"'), target_fixture="tramite_em_foco")
def enviar_a_contraparte_de_outro_requisito(orgao, ambiente, processo, requisito, cenario, outro):
    return _enviar(orgao, ambiente, processo, outro, requisito, cenario)


@when("o órgão recebe o recibo de conclusão do destinatário", target_fixture="recibo_de_conclusao")
def receber_recibo_de_conclusao(orgao, tramite_em_foco):
    orgao.aguardar(tramite_em_foco.idt, {Situacao.RECIBO_ENVIADO_DESTINATARIO, Situacao.RECIBO_RECEBIDO_REMETENTE})
    return orgao.receber_recibo_de_conclusao(tramite_em_foco.idt)


@then("os hashes do recibo de envio conferem com os componentes enviados")
def hashes_do_recibo_de_envio(verificador, tramite_em_foco):
    verificador.hashes_conferem(
        "recibo de envio", tramite_em_foco.recibo_de_envio.hashes, tramite_em_foco.hashes_enviados
    )


@then("os hashes do recibo de conclusão conferem com os componentes enviados")
def hashes_do_recibo_de_conclusao(verificador, tramite_em_foco, recibo_de_conclusao):
    verificador.hashes_conferem("recibo de conclusão", recibo_de_conclusao.hashes, tramite_em_foco.hashes_enviados)


@then("a assinatura do recibo de conclusão confere com o certificado do destinatário")
def assinatura_do_recibo_de_conclusao(verificador, recibo_de_conclusao):
    verificador.assinatura_do_recibo(recibo_de_conclusao)
