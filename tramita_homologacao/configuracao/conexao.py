"""From an environment to a working client: the password, the organ's certificate, the TLS context."""

from __future__ import annotations

import os
from collections.abc import Callable

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.erros import ErroDeConexao
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import (
    CertificadoDoOrgao,
    ErroDeCertificado,
    carregar_certificado,
    contexto_tls,
)
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.problemas import ProblemaConhecido

Perguntar = Callable[[str], str]


def obter_senha(
    ambiente: Ambiente, fornecida: Segredo | None = None, perguntar: Perguntar | None = None
) -> Segredo | None:
    """The certificate password from where the environment says it comes; never from the file."""
    configuracao = ambiente.certificado
    if configuracao is None or configuracao.origem_da_senha == "sem_senha":
        return None
    if fornecida is not None:
        return fornecida
    if configuracao.origem_da_senha == "variavel":
        valor = os.environ.get(configuracao.variavel_da_senha)
        if valor is None:
            raise ErroDeCertificado(
                f"A variável de ambiente {configuracao.variavel_da_senha} (senha do certificado) não está definida. "
                f"Defina-a antes de executar (Windows: set {configuracao.variavel_da_senha}=...; Linux: export "
                f'{configuracao.variavel_da_senha}=...) ou use origem_da_senha = "perguntar".',
                "senha",
            )
        return Segredo(valor)
    if perguntar is None:
        raise ErroDeCertificado(
            "O ambiente pede que a senha do certificado seja digitada, mas não há terminal para perguntá-la. "
            'Execute num terminal ou use origem_da_senha = "variavel".',
            "senha",
        )
    return Segredo(perguntar(f"Senha do certificado {configuracao.arquivo.name}: "))


def certificado_do_ambiente(ambiente: Ambiente, senha: Segredo | None) -> CertificadoDoOrgao | None:
    configuracao = ambiente.certificado
    if configuracao is None:
        return None
    return carregar_certificado(configuracao.arquivo, senha, configuracao.chave)


def abrir_cliente(ambiente: Ambiente, url_base: str, certificado: CertificadoDoOrgao | None) -> ClienteTramita:
    conexao = ambiente.conexao
    contexto = (
        contexto_tls(certificado, conexao.ca, conexao.verificar_servidor) if url_base.startswith("https:") else None
    )
    return ClienteTramita(
        url_base,
        contexto_tls=contexto,
        verificar=str(conexao.ca) if conexao.ca else conexao.verificar_servidor,
        timeout_conexao=conexao.timeout_conexao_segundos,
        timeout_leitura=conexao.timeout_leitura_segundos,
        tentativas=conexao.tentativas,
        tamanho_bloco_mb=conexao.tamanho_bloco_mb,
    )


class SemConexao(ProblemaConhecido):
    """The platform cannot be reached: nothing was done."""

    titulo = "Sem conexão"


def exigir_conexao(cliente: ClienteTramita) -> None:
    """Reaches the platform once before anything is sent: an unreachable one stops the run with nothing done."""
    try:
        cliente.healthcheck()
    except ErroDeConexao as erro:
        raise SemConexao(
            f"Sem conexão com {cliente.url_base}: {erro} Nada foi enviado e a campanha ficou como estava."
        ) from None
