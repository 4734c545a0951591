"""Steps about where a trâmite ends and how it got there (shared by every feature)."""

from pytest_bdd import parsers, then

from tramita_homologacao.protocolo.situacoes import Situacao


@then(parsers.parse("o trâmite termina na situação {situacao:d}"))
def termina_na_situacao(cenario_em_teste, situacao):
    cenario_em_teste.conferir_situacao_final(Situacao(situacao))


@then(parsers.parse("o histórico de situações é {historico}"))
def historico_de_situacoes(cenario_em_teste, historico):
    cenario_em_teste.conferir_historico([int(s) for s in historico.split(",")])
