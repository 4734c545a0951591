"""The evidence pack, from one run's `reports/`: relatório (HTML, PDF), the message to PEN, Allure's HTML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.evidencia.allure_html import AllureIndisponivel, gerar_allure_html
from tramita_homologacao.evidencia.manifesto import escrever_manifesto
from tramita_homologacao.evidencia.mensagem import escrever_mensagem
from tramita_homologacao.evidencia.relatorio import escrever_relatorio
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.problemas import ProblemaConhecido


class ErroDoPacote(ProblemaConhecido):
    titulo = "Pacote de evidências"


@dataclass
class Pacote:
    arquivos: list[Path] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)


def montar_pacote(
    pasta: Path,
    raiz_do_projeto: Path,
    assinante: CertificadoDoOrgao | None,
    *,
    html_allure: bool = True,
    avisar: Callable[[str], None] = lambda texto: None,
) -> Pacote:
    """The pack's files, then its manifest, signed with the organ's certificate when there is one."""
    resumo_json = pasta / "resumo.json"
    if not resumo_json.is_file():
        raise ErroDoPacote(f"Não há {resumo_json}: a campanha ainda não tem nada a relatar.")
    resumo = ler_resumo(resumo_json)
    pacote = Pacote()
    pacote.arquivos.extend(escrever_relatorio(resumo, pasta))
    mensagem = escrever_mensagem(resumo, pasta)
    if mensagem is not None:
        pacote.arquivos.append(mensagem)
    if html_allure:
        try:
            pacote.arquivos.append(
                gerar_allure_html(pasta / "allure-results", pasta / "allure-report", raiz_do_projeto, avisar)
            )
        except AllureIndisponivel as erro:
            pacote.avisos.append(str(erro))
    pacote.arquivos.extend(escrever_manifesto(pasta, resumo.ambiente.nome, assinante))
    if assinante is None and not resumo.ensaio:
        pacote.avisos.append(
            "O pacote não foi assinado: a campanha foi aberta sem o certificado do órgão. O PEN não tem como "
            "atribuí-lo ao órgão."
        )
    return pacote
