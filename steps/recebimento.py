"""Steps of the organ as destinatário: a counterpart sends, the organ receives or refuses."""

from pytest_bdd import given, parsers, then, when

from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.suite.cenario import justificativa_de_teste


@given("que a contraparte do requisito enviou um processo ao órgão")
def contraparte_enviou(cenario_em_teste):
    cenario_em_teste.receber_envio_da_contraparte()


@when("o órgão recebe o processo e envia o recibo de conclusão")
def receber_processo(cenario_em_teste):
    cenario_em_teste.receber_processo()


@then("os componentes recebidos conferem com os hashes dos metadados")
def componentes_conferem(cenario_em_teste):
    cenario_em_teste.conferir_componentes_recebidos()


@when(parsers.parse('o órgão recusa o processo com o motivo "{motivo}" e a justificativa "{justificativa}"'))
def recusar(cenario_em_teste, motivo, justificativa):
    cenario_em_teste.recusar(MotivoRecusa(motivo), justificativa)


@when(parsers.parse('o órgão recusa o processo com o motivo "{motivo}" e uma justificativa de {tamanho:d} caracteres'))
def recusar_com_justificativa_longa(cenario_em_teste, motivo, tamanho):
    cenario_em_teste.recusar(MotivoRecusa(motivo), justificativa_de_teste(tamanho))


@then("a recusa registra o motivo e a justificativa enviados")
def recusa_registrada(cenario_em_teste):
    cenario_em_teste.conferir_recusa()
