"""Steps about where a trâmite ends and how it got there (shared by every feature)."""

from pytest_bdd import parsers, then

from tramita_homologacao.protocolo.situacoes import Situacao


@then(parsers.parse("o trâmite termina na situação {situacao:d}"))
def termina_na_situacao(orgao, verificador, tramite_em_foco, situacao):
    tramite = orgao.aguardar(tramite_em_foco.idt, {Situacao(situacao)})
    verificador.situacao_final(tramite, Situacao(situacao))


@then(parsers.parse("o histórico de situações é {historico}"))
def historico_de_situacoes(orgao, verificador, tramite_em_foco, historico):
    verificador.historico(orgao.consultar(tramite_em_foco.idt), [int(s) for s in historico.split(",")])
