"""`tramita-homologacao simulador`: the Tramita.GOV.BR simulator alone, in the foreground."""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
import signal
import socket
from pathlib import Path

import click
from rich.text import Text

from tramita_homologacao.cli.console import console
from tramita_homologacao.cli.sessao import ha_terminal, perguntar_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.protocolo.assinatura import impressao_digital, somente_o_certificado
from tramita_homologacao.protocolo.horario import AVISO_DE_FUSO, struct_em_brasilia
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA, CABECALHO_TOKEN
from tramita_homologacao.simulador.semente import ARQUIVO_PADRAO

ARQUIVO = click.Path(exists=True, dir_okay=False, path_type=Path)


VARIAVEL_DA_SENHA_DA_CHAVE = "TRAMITA_SENHA_CHAVE_SIMULADOR"


def _senha_da_chave(chave: Path) -> Segredo | None:
    """An encrypted server key's password, from the environment or typed (as the organ's certificate's)."""
    if b"ENCRYPTED" not in chave.read_bytes():
        return None
    if VARIAVEL_DA_SENHA_DA_CHAVE in os.environ:
        return Segredo(os.environ[VARIAVEL_DA_SENHA_DA_CHAVE])
    if not ha_terminal():
        raise click.ClickException(
            f"A chave TLS do servidor ({chave.name}) está protegida por senha e não há terminal para digitá-la: "
            f"defina a variável de ambiente {VARIAVEL_DA_SENHA_DA_CHAVE}."
        )
    return Segredo(perguntar_senha(f"Senha da chave TLS do servidor {chave.name}: "))


def _so_desta_maquina(host: str) -> bool:
    """Whether `--host` is loopback only (a name is resolved; what cannot be resolved counts as exposed)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
        except OSError:
            return False


def _certificado_pem(arquivo: Path, servidor, opcao: str) -> str:
    try:
        return somente_o_certificado(arquivo.read_text(encoding="ascii"))
    except (OSError, ValueError):
        servidor.parar()
        raise click.ClickException(f"Não foi possível ler o certificado PEM '{arquivo}' de {opcao}.") from None


def _encerrar(*_sinal: object) -> None:
    """`kill` or a service manager stopping the simulator: the same clean end as Ctrl-C (components removed)."""
    raise KeyboardInterrupt


@click.command("simulador", options_metavar="[OPÇÕES]")
@click.option(
    "--porta",
    default=8080,
    metavar="PORTA",
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Porta TCP (0 = livre).",
)
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ENDEREÇO", help="Endereço de escuta.")
@click.option(
    "--sistema",
    default=None,
    metavar="NOME",
    help=f"Sistema assumido quando a requisição não traz certificado nem o cabeçalho {CABECALHO_SISTEMA} "
    "(permite apontar um SPE real para o simulador sem alterá-lo).",
)
@click.option(
    "--versao-api",
    default="v3",
    show_default=True,
    metavar="VERSÃO",
    help="Versão da API servida (v3 hoje; v4 anunciada).",
)
@click.option(
    "--semente",
    default=ARQUIVO_PADRAO,
    metavar="ARQUIVO",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Arquivo TOML com os dados iniciais (repositórios, unidades, sistemas, espécies).",
)
@click.option(
    "--tls-certificado", type=ARQUIVO, default=None, metavar="PEM", help="Certificado do servidor (liga o HTTPS)."
)
@click.option(
    "--tls-chave",
    type=ARQUIVO,
    default=None,
    metavar="PEM",
    help=f"Chave privada do servidor (protegida por senha: digitada, ou na variável {VARIAVEL_DA_SENHA_DA_CHAVE}).",
)
@click.option(
    "--tls-ca-clientes",
    type=ARQUIVO,
    default=None,
    metavar="PEM",
    help="CA dos certificados dos clientes: com ela o certificado cliente é exigido, como no Tramita.GOV.BR.",
)
@click.option(
    "--controle",
    "controles",
    multiple=True,
    type=ARQUIVO,
    metavar="CERTIFICADO.pem",
    help="Com TLS mútuo: certificado que pode usar a API de controle (/_simulador/), como o do órgão num ensaio "
    "conduzido pelo harness (pode repetir).",
)
@click.option(
    "--vincular",
    multiple=True,
    metavar="SISTEMA=CERTIFICADO.pem",
    help="Vincula o certificado (PEM) de um cliente a um sistema dos dados do simulador (pode repetir).",
)
def simulador(
    porta: int,
    host: str,
    sistema: str | None,
    versao_api: str,
    semente: Path,
    tls_certificado: Path | None,
    tls_chave: Path | None,
    tls_ca_clientes: Path | None,
    controles: tuple[Path, ...],
    vincular: tuple[str, ...],
) -> None:
    """Inicia o simulador do Tramita.GOV.BR em primeiro plano, até Ctrl-C."""
    from tramita_homologacao.simulador.servidor import ConfiguracaoTls, Simulador

    if bool(tls_certificado) != bool(tls_chave):
        raise click.UsageError("Informe --tls-certificado e --tls-chave juntos.")
    tls = (
        ConfiguracaoTls(tls_certificado, tls_chave, tls_ca_clientes, _senha_da_chave(tls_chave))
        if tls_certificado and tls_chave
        else None
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    for manipulador in logging.getLogger().handlers:
        if manipulador.formatter is not None:
            manipulador.formatter.converter = struct_em_brasilia
    token = None if _so_desta_maquina(host) else secrets.token_urlsafe(24)
    servidor = Simulador(
        semente=semente,
        host=host,
        porta=porta,
        versao_api=versao_api,
        sistema_padrao=sistema,
        tls=tls,
        token_de_controle=token,
    )
    for controle in controles:
        servidor.dar_papel_de_controle(impressao_digital(_certificado_pem(controle, servidor, "--controle")))
        console.print(f"Certificado {controle} com o papel de controle do simulador.")
    if token:
        console.print(
            Text.assemble(
                ("Atenção:", "bold yellow"),
                f" o simulador escuta em {host}, fora desta máquina. A API de controle (/_simulador/) só atende quem "
                f"enviar o cabeçalho {CABECALHO_TOKEN}: {token}",
            ),
            soft_wrap=True,
        )
    cadastrados = [s.nome for s in servidor.plataforma.semente.sistemas]
    for nome in [sistema, *(v.partition("=")[0] for v in vincular)]:
        if nome and nome not in cadastrados:
            servidor.parar()
            raise click.ClickException(
                f"O sistema '{nome}' não existe nos dados do simulador. Cadastrados: {', '.join(cadastrados)}."
            )
    for vinculo in vincular:
        nome, _, arquivo = vinculo.partition("=")
        pem = _certificado_pem(Path(arquivo), servidor, "--vincular")
        servidor.plataforma.vincular_certificado(nome, impressao_digital(pem), pem)
        console.print(f"Certificado {arquivo} vinculado ao sistema {nome}.")
    escutando = Text.assemble("Simulador do Tramita.GOV.BR escutando em ", (servidor.url_base, "bold"))
    console.print(escutando, soft_wrap=True)
    console.print(f"Sistema padrão: {sistema or f'nenhum (envie o cabeçalho {CABECALHO_SISTEMA})'}")
    console.print("Sistemas cadastrados: " + ", ".join(cadastrados))
    console.print(f"Componentes recebidos ficam em {servidor.plataforma.armazem.pasta} (apagada ao encerrar).")
    console.print(f"Pressione Ctrl-C para encerrar. Registro das requisições: {AVISO_DE_FUSO}")
    signal.signal(signal.SIGTERM, _encerrar)
    servidor.servir_para_sempre()  # werkzeug ends serve_forever quietly on Ctrl-C
    console.print("Simulador encerrado.")
