"""Steps of the organ as destinatário: a counterpart sends, the organ receives or refuses."""

import pytest
from pytest_bdd import given, parsers, then, when

from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.protocolo.dominio import LIMITE_JUSTIFICATIVA_RECUSA, MotivoRecusa
from tramita_homologacao.simulador.controle import aguardando_envio_da_contraparte


@given("que a contraparte do requisito enviou um processo ao órgão", target_fixture="tramite_em_foco")
def contraparte_enviou(ambiente, orgao, requisito, cenario, request):
    pendente = orgao.tramite_recebido_pendente(requisito, cenario)  # sent to an earlier, unfinished run
    if pendente is None:
        if ambiente.tipo != "simulador":
            pytest.skip(aguardando_envio_da_contraparte(ambiente, requisito))
        contraparte = request.getfixturevalue("contraparte")
        marca = marca_de_teste(ambiente.orgao.sigla)
        pendente = contraparte.enviar_processo(ambiente.orgao.endereco_recebimento, marca=marca)
        orgao.adotar_tramite_recebido(
            pendente.idt, pendente.nre, pendente.protocolo, requisito=requisito, cenario=cenario
        )
    orgao.aguardar_pendencia(pendente.idt)
    return pendente


@when("o órgão recebe o processo e envia o recibo de conclusão", target_fixture="processo_recebido")
def receber_processo(orgao, tramite_em_foco):
    return orgao.receber_processo(tramite_em_foco.idt)


@then("os componentes recebidos conferem com os hashes dos metadados")
def componentes_conferem(verificador, processo_recebido):
    declarados = [c.hash for c in processo_recebido.metadados.componentes()]
    verificador.hashes_conferem("conteúdo baixado", processo_recebido.hashes_calculados, set(declarados))


@when(
    parsers.parse('o órgão recusa o processo com o motivo "{motivo}" e a justificativa "{justificativa}"'),
    target_fixture="recusa_enviada",
)
def recusar(orgao, tramite_em_foco, motivo, justificativa):
    orgao.recusar(tramite_em_foco.idt, MotivoRecusa(motivo), justificativa)
    return MotivoRecusa(motivo), justificativa


@when(
    parsers.parse('o órgão recusa o processo com o motivo "{motivo}" e uma justificativa de {tamanho:d} caracteres'),
    target_fixture="recusa_enviada",
)
def recusar_com_justificativa_longa(orgao, tramite_em_foco, motivo, tamanho):
    base = "Justificativa de teste de homologação no limite de caracteres aceito pelo Tramita.GOV.BR. "
    justificativa = (base * (tamanho // len(base) + 1))[: min(tamanho, LIMITE_JUSTIFICATIVA_RECUSA)]
    orgao.recusar(tramite_em_foco.idt, MotivoRecusa(motivo), justificativa)
    return MotivoRecusa(motivo), justificativa


@then("a recusa registra o motivo e a justificativa enviados")
def recusa_registrada(orgao, verificador, tramite_em_foco, recusa_enviada):
    motivo, justificativa = recusa_enviada
    verificador.recusa(orgao.consultar(tramite_em_foco.idt), motivo, justificativa)
