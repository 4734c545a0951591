"""What the commands that talk to an environment share: the environment chosen, and a client for it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.campanha.abertura import CRIAR, CampanhaAberta, abrir_campanha, recusar_o_embutido
from tramita_homologacao.cli.console import console
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.conexao import abrir_cliente, certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.localizacao import resolver_arquivo
from tramita_homologacao.orgao.processo_teste import marca_de_teste


def ambiente_da_linha_de_comando(nome_ou_caminho: str | None) -> Ambiente:
    return carregar_ambiente(str(resolver_arquivo(nome_ou_caminho)))


def perguntar_senha(texto: str) -> str:
    return click.prompt(texto, hide_input=True, prompt_suffix="", show_default=False)


def ha_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def perguntar_se_houver_terminal():
    return perguntar_senha if ha_terminal() else None


@contextmanager
def cliente_do_ambiente(ambiente: Ambiente) -> Iterator[ClienteTramita]:
    """A client with the organ's certificate (its password asked if need be), for trâmites that outlive a run."""
    recusar_o_embutido(ambiente)
    certificado = certificado_do_ambiente(ambiente, obter_senha(ambiente, perguntar=perguntar_se_houver_terminal()))
    with cliente_com_certificado(ambiente, certificado) as cliente:
        yield cliente


@contextmanager
def cliente_com_certificado(ambiente: Ambiente, certificado: CertificadoDoOrgao | None) -> Iterator[ClienteTramita]:
    recusar_o_embutido(ambiente)
    cliente = abrir_cliente(ambiente, ambiente.url_base(), certificado)
    try:
        yield cliente
    finally:
        cliente.fechar()


def confirmar_execucao_em_producao(ambiente: Ambiente) -> None:
    """Production runs need `--confirmar-producao`, or the organ's sigla typed at a terminal."""
    unidade = ambiente.unidade_de_teste.descricao or str(ambiente.unidade_de_teste.endereco)
    if not ha_terminal():
        raise click.ClickException(
            f"O ambiente '{ambiente.nome}' é de PRODUÇÃO e não há terminal para confirmar. Execute de novo com "
            "--confirmar-producao se quer mesmo enviar os processos de teste para " + unidade + "."
        )
    console.print(
        Text.assemble(
            ("Atenção: ambiente de PRODUÇÃO.", "bold red"),
            f" Os processos de teste, marcados '{marca_de_teste(ambiente.orgao.sigla)}', vão para {unidade} e serão "
            "acompanhados pelo PEN.",
        )
    )
    digitado = click.prompt(
        f"Para confirmar, digite a sigla do órgão ({ambiente.orgao.sigla})", default="", show_default=False
    )
    if digitado.strip().casefold() != ambiente.orgao.sigla.casefold():
        raise click.ClickException("Execução em produção cancelada: a sigla digitada não confere.")


@contextmanager
def campanha_do_comando(
    comando: str,
    ambiente: str | None,
    relatorios: Path | None,
    *,
    confirmar_producao: bool = False,
    modo: str | None = None,
    com_certificado: bool = True,
    livro: str = CRIAR,
) -> Iterator[CampanhaAberta]:
    """The campaign as every command opens it: production confirmed here (flag or sigla typed), the password asked
    at the terminal if need be, held for this command alone."""
    confirmar = (lambda _: None) if confirmar_producao else confirmar_execucao_em_producao
    with abrir_campanha(
        ambiente,
        relatorios,
        comando=f"tramita-homologacao {comando}",
        confirmar_producao=confirmar,
        perguntar=perguntar_se_houver_terminal(),
        modo=modo,
        com_certificado=com_certificado,
        livro=livro,
    ) as campanha:
        yield campanha
