"""What the commands that talk to an environment share: the environment chosen, and a client for it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente, resolver_arquivo
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.conexao import abrir_cliente, certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo


def ambiente_da_linha_de_comando(nome_ou_caminho: str | None) -> Ambiente:
    return carregar_ambiente(str(resolver_arquivo(nome_ou_caminho)))


def perguntar_senha(texto: str) -> str:
    return click.prompt(texto, hide_input=True, prompt_suffix="", show_default=False)


def ha_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def perguntar_se_houver_terminal():
    return perguntar_senha if ha_terminal() else None


@contextmanager
def cliente_do_ambiente(ambiente: Ambiente, senha: Segredo | None = None) -> Iterator[ClienteTramita]:
    """A client with the organ's certificate (password asked unless given), for trâmites that outlive a run."""
    with conexao_do_ambiente(ambiente, senha) as (cliente, _):
        yield cliente


@contextmanager
def conexao_do_ambiente(
    ambiente: Ambiente, senha: Segredo | None = None
) -> Iterator[tuple[ClienteTramita, CertificadoDoOrgao | None]]:
    """The client and the organ's certificate it holds (whose chain says who may sign the recibos)."""
    if ambiente.embutido:
        raise click.ClickException(
            f"O ambiente '{ambiente.nome}' usa o simulador embutido, que começa vazio a cada execução: não há trâmites "
            "anteriores a consultar. Use um ambiente de homologação, de produção ou um simulador em execução "
            "(tramita-homologacao simulador)."
        )
    certificado = certificado_do_ambiente(ambiente, obter_senha(ambiente, senha, perguntar_se_houver_terminal()))
    cliente = abrir_cliente(ambiente, ambiente.url_base(), certificado)
    try:
        yield cliente, certificado
    finally:
        cliente.fechar()
