"""Where the run went decides what the pack is: homologação or produção only at the official address, with the
server verified; anywhere else an ensaio, in the title, the banner, the file names and the message."""

from __future__ import annotations

import pytest

from tests.apoio.resumos import como_se_fosse
from tramita_homologacao.evidencia.documento import montar_documento
from tramita_homologacao.evidencia.mensagem import gerar_mensagem
from tramita_homologacao.evidencia.relatorio import escrever_relatorio
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.protocolo.enderecos import e_endereco_oficial


@pytest.mark.parametrize(
    ("tipo", "url", "verificado", "oficial"),
    [
        ("homologacao", "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/", True, True),
        ("homologacao", "https://HOMOLOG.api.processoeletronico.gov.br:443/interoperabilidade/rest/v3/", True, True),
        ("producao", "https://api.conectagov.processoeletronico.gov.br/interoperabilidade/rest/v3/", True, True),
        # the other environment's host, another port, plain HTTP, the server not verified, a look-alike, loopback
        ("producao", "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/", True, False),
        ("homologacao", "https://homolog.api.processoeletronico.gov.br:8443/rest/v3/", True, False),
        ("homologacao", "http://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/", True, False),
        ("homologacao", "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/", False, False),
        ("homologacao", "https://homolog.api.processoeletronico.gov.br.exemplo.com/rest/v3/", True, False),
        ("homologacao", "https://127.0.0.1:8443/interoperabilidade/rest/v3/", True, False),
        ("simulador", "https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/v3/", True, False),
    ],
)
def test_so_o_endereco_oficial_verificado_vale_como_o_ambiente(tipo, url, verificado, oficial):
    assert e_endereco_oficial(tipo, url, servidor_verificado=verificado) is oficial


def test_homologacao_fora_do_endereco_oficial_e_ensaio_no_titulo_na_faixa_e_na_mensagem(execucao, tmp_path):
    resumo = como_se_fosse(ler_resumo(execucao / "resumo.json"), "homologacao", oficial=False)
    assert resumo.ensaio
    documento = montar_documento(resumo)
    assert documento.titulo == "Ensaio fora do endereço oficial — Tramita.GOV.BR" and documento.tipo == "simulador"
    assert "127.0.0.1" in documento.faixa.texto and "homolog.api.processoeletronico.gov.br" in documento.faixa.texto
    assert "homologação" not in documento.titulo.casefold()
    html, pdf = escrever_relatorio(resumo, tmp_path)
    assert (html.name, pdf.name) == ("relatorio-ensaio.html", "relatorio-ensaio.pdf")
    mensagem = gerar_mensagem(resumo)
    assert "ATENÇÃO: ENSAIO — SEM VALOR DE HOMOLOGAÇÃO" in mensagem and "relatorio-ensaio.pdf" in mensagem
    oficial = montar_documento(como_se_fosse(resumo, "homologacao"))
    assert oficial.titulo == "Relatório de homologação — Tramita.GOV.BR"
