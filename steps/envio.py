"""Steps of the organ as remetente: build, send, fetch the recibos."""

from pytest_bdd import given, parsers, then, when


@given("um processo de teste com um ofício em PDF e um despacho em HTML")
def processo_de_teste(cenario_em_teste):
    cenario_em_teste.preparar_processo()


@when("o órgão envia o processo à contraparte do requisito")
def enviar_a_contraparte(cenario_em_teste):
    cenario_em_teste.enviar()


@when(parsers.parse('o órgão envia o processo à contraparte do requisito "{outro}"'))
def enviar_a_contraparte_de_outro_requisito(cenario_em_teste, outro):
    cenario_em_teste.enviar(contraparte_de=outro)


@when("o órgão recebe o recibo de conclusão do destinatário")
def receber_recibo_de_conclusao(cenario_em_teste):
    cenario_em_teste.receber_recibo_de_conclusao()


@then("os hashes do recibo de envio conferem com os componentes enviados")
def hashes_do_recibo_de_envio(cenario_em_teste):
    cenario_em_teste.conferir_hashes_do_recibo_de_envio()


@then("os hashes do recibo de conclusão conferem com os componentes enviados")
def hashes_do_recibo_de_conclusao(cenario_em_teste):
    cenario_em_teste.conferir_hashes_do_recibo_de_conclusao()


@then("a assinatura do recibo de conclusão confere com o certificado do destinatário")
def assinatura_do_recibo_de_conclusao(cenario_em_teste):
    cenario_em_teste.conferir_assinatura_do_recibo_de_conclusao()
