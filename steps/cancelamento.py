"""Steps of cancelling a trâmite the organ started."""

from pytest_bdd import then, when


@when("o órgão cancela o trâmite")
def cancelar(cenario_em_teste):
    cenario_em_teste.cancelar()


@then("o Tramita.GOV.BR recusa o cancelamento do trâmite")
def cancelamento_recusado(cenario_em_teste):
    cenario_em_teste.conferir_cancelamento_recusado()
