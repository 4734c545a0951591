"""Steps of cancelling a trâmite the organ started."""

from pytest_bdd import then, when

from tramita_homologacao.cliente.erros import ErroDaApi


@when("o órgão cancela o trâmite")
def cancelar(orgao, tramite_em_foco):
    orgao.cancelar(tramite_em_foco.idt)


@then("o Tramita.GOV.BR recusa o cancelamento do trâmite")
def cancelamento_recusado(orgao, verificador, tramite_em_foco):
    try:
        orgao.cancelar(tramite_em_foco.idt)
    except ErroDaApi as erro:
        verificador.cancelamento_recusado(tramite_em_foco.idt, erro.http_status, erro.mensagem)
    else:
        verificador.cancelamento_recusado(tramite_em_foco.idt, None, "o cancelamento foi aceito")
