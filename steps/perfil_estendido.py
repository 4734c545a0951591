"""Steps of the extended profile's cases: what each changes in the test processo, and what the platform's record
of the trâmite must show."""

from pytest_bdd import given, parsers, then, when

from tramita_homologacao.orgao.processo_teste import Variante


@given("um documento avulso de teste, em PDF")
def documento_avulso(cenario_em_teste):
    cenario_em_teste.preparar_processo(Variante(avulso=True))


@given(parsers.parse("um processo de teste com documentos de {quantos:d} componentes digitais cada"))
def varios_componentes(cenario_em_teste, quantos):
    cenario_em_teste.preparar_processo(Variante(componentes_por_documento=quantos))


@given("um processo de teste restrito, com uma hipótese legal ativa do Tramita.GOV.BR")
def processo_restrito(cenario_em_teste):
    cenario_em_teste.preparar_processo(Variante(restrito=True))


POR = {"espécie": "especie", "formato": "formato", "tamanho": "tamanho"}


@given(parsers.parse("um processo de teste com um documento a mais, recusado pelo destino por {por}"))
def recusado_pelo_destino(cenario_em_teste, por):
    cenario_em_teste.preparar_o_que_o_destino_recusa(POR[por])


@given("um processo de teste com um documento maior que o bloco de transferência")
def componente_grande(cenario_em_teste):
    cenario_em_teste.preparar_componente_grande()


@given("um processo de teste com outro processo anexado e outro apensado")
def anexado_e_apensado(cenario_em_teste):
    cenario_em_teste.preparar_processo(Variante(anexado=True, apensado=True))


@when("a contraparte devolve o processo ao órgão com um documento novo, só com os componentes pendentes")
def devolucao(cenario_em_teste):
    cenario_em_teste.receber_devolucao()


@when("o órgão toma ciência da recusa do destinatário")
def tomar_ciencia(cenario_em_teste):
    cenario_em_teste.tomar_ciencia_da_recusa()


@when("o destinatário não recebe o trâmite até o fim do prazo")
def prazo_esgotado(cenario_em_teste):
    cenario_em_teste.esperar_o_cancelamento_automatico()


@then("o Tramita.GOV.BR registra um documento avulso com os componentes enviados")
def documento_avulso_registrado(cenario_em_teste):
    cenario_em_teste.conferir_documento_avulso()


@then(parsers.parse("o Tramita.GOV.BR registra os {quantos:d} componentes digitais de um documento"))
def componentes_registrados(cenario_em_teste, quantos):
    cenario_em_teste.conferir_varios_componentes(quantos)


@then("o Tramita.GOV.BR registra o sigilo restrito e a hipótese legal do processo e dos documentos")
def sigilo_registrado(cenario_em_teste):
    cenario_em_teste.conferir_sigilo_restrito()


@then("o destinatário recusou sozinho, com o motivo previsto e uma justificativa que cita o que recusou")
def recusa_automatica(cenario_em_teste):
    cenario_em_teste.conferir_recusa_automatica()


@then("o Tramita.GOV.BR registra inteiro o componente maior que o bloco")
def componente_grande_registrado(cenario_em_teste):
    cenario_em_teste.conferir_componente_grande()


@then("o Tramita.GOV.BR registra o documento do processo anexado e o processo apensado")
def anexado_e_apensado_registrados(cenario_em_teste):
    cenario_em_teste.conferir_anexado_e_apensado()


@then("na devolução o Tramita.GOV.BR só transferiu os componentes que o órgão não tinha")
def devolucao_so_pendentes(cenario_em_teste):
    cenario_em_teste.conferir_devolucao()
