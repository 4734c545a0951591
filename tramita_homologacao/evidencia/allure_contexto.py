"""Allure's context files: environment.properties, categories.json and executor.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tramita_homologacao import __version__
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.protocolo.horario import hora

# Allure 2 matches with Java regexes and Allure 3 with JavaScript ones: [\s\S] spans lines in both.
CATEGORIAS_DE_FALHA = (
    ("Falha de certificado ou de conexão segura (TLS)", r"(certificado|conexão segura|TLS)"),
    ("Tramita.GOV.BR inalcançável", r"Não foi possível conectar ao Tramita\.GOV\.BR"),
    ("Tempo esgotado esperando uma situação", r"ficou na situação[\s\S]*por mais de"),
    ("Recusa inesperada", r"chegou à situação (8|9) "),
    ("Hash ou recibo divergente", r"(não conferem|assinatura INVÁLIDA|chegou corrompido)"),
    ("Erro devolvido pela API do Tramita.GOV.BR", r"o Tramita\.GOV\.BR respondeu HTTP"),
)
CATEGORIAS = [
    *(
        {"name": nome, "matchedStatuses": ["failed", "broken"], "messageRegex": rf"[\s\S]*{trecho}[\s\S]*"}
        for nome, trecho in CATEGORIAS_DE_FALHA
    ),
    # Skipped in Allure, three different things in the relatório: said apart by the reason's first words.
    *(
        {"name": nome, "matchedStatuses": ["skipped"], "messageRegex": rf"[\s\S]*{inicio}[\s\S]*"}
        for nome, inicio in (
            ("Não se aplica a este ambiente ou modo", "Cenário (não previsto|só do modo)"),
            ("Aguardando a contraparte, o PEN ou uma nova execução", "Aguardando"),
            ("Inconclusivo (não é falha do órgão)", "Inconclusivo"),
        )
    ),
]


def escrever_contexto(pasta: Path, ambiente: Ambiente, url_base: str, certificado: CertificadoDoOrgao | None) -> None:
    pasta.mkdir(parents=True, exist_ok=True)
    orgao = ambiente.orgao
    propriedades = {
        "Ambiente": f"{ambiente.nome} ({ambiente.tipo_por_extenso})",
        "Endpoint": url_base,
        "Versão da API": ambiente.versao_api,
        "Órgão": f"{orgao.nome} ({orgao.sigla})",
        "Repositório": str(orgao.repositorio),
        "Unidade de envio": str(orgao.unidade_envio),
        "Unidade de recebimento": str(orgao.unidade_recebimento),
        "Certificado": f"{certificado.titular} (SHA-256 {certificado.impressao_digital})" if certificado else "nenhum",
        "Harness": f"tramita-homologacao {__version__}",
        "Data": f"{hora(datetime.now().astimezone())} (horário de Brasília)",
        # Allure draws its own dates in the browser's zone; only our attachments can say theirs
        "Horários": "nos anexos, de Brasília (UTC−03:00); nas datas do próprio Allure, o fuso do computador que o abre",
    }
    if ambiente.producao:
        propriedades["Unidade de teste"] = f"{ambiente.producao.descricao} ({ambiente.producao.endereco})"
    # Read as UTF-8 by both Allure versions (docs/armadilhas.md); spaces in a key are escaped, as .properties wants.
    linhas = [chave.replace(" ", "\\ ") + "=" + valor for chave, valor in propriedades.items()]
    (pasta / "environment.properties").write_text("\n".join(linhas) + "\n", encoding="utf-8")
    (pasta / "categories.json").write_text(json.dumps(CATEGORIAS, ensure_ascii=False, indent=2), encoding="utf-8")
    executor = {
        "name": "tramita-homologacao",
        "type": "local",
        "buildName": f"Requisitos mínimos - {orgao.sigla} - {ambiente.nome}",
        "reportName": f"Evidências Tramita.GOV.BR - {orgao.sigla}",
    }
    (pasta / "executor.json").write_text(json.dumps(executor, ensure_ascii=False, indent=2), encoding="utf-8")
