"""Session start and end: the environment, the certificate and its password, the ledger and run record."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import pytest

from tramita_homologacao.configuracao.ambiente import ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.configuracao.certificado import ErroDeCertificado
from tramita_homologacao.configuracao.conexao import certificado_do_ambiente, obter_senha
from tramita_homologacao.orgao.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.suite.chaves import CHAVE_AMBIENTE, CHAVE_CERTIFICADO, CHAVE_REGISTRO, CHAVE_SENHA


def _perguntar_fora_da_captura(config: pytest.Config):
    captura = config.pluginmanager.getplugin("capturemanager")

    def perguntar(texto: str) -> str:
        if sys.__stdin__ is None or not sys.__stdin__.isatty():
            raise ErroDeCertificado("Não há terminal para digitar a senha do certificado.", "senha")
        with captura.global_and_fixture_disabled():
            return getpass.getpass(texto)

    return perguntar


def pytest_configure(config: pytest.Config) -> None:
    try:
        ambiente = carregar_ambiente(config.getoption("--ambiente"))
        if ambiente.tipo == "producao" and not config.getoption("--confirmar-producao"):
            unidade = ambiente.unidade_de_teste
            raise pytest.UsageError(
                f"O ambiente '{ambiente.nome}' é de PRODUÇÃO: os processos de teste vão para "
                f"{unidade.descricao or unidade.endereco} e são acompanhados pelo PEN. "
                "Confirme com --confirmar-producao."
            )
        senha = obter_senha(ambiente, config.stash.get(CHAVE_SENHA, None), _perguntar_fora_da_captura(config))
        config.stash[CHAVE_CERTIFICADO] = certificado_do_ambiente(ambiente, senha)
    except (ErroDeAmbiente, ErroDeCertificado) as erro:
        raise pytest.UsageError(str(erro)) from None
    config.stash[CHAVE_AMBIENTE] = ambiente
    livro = Livro(ambiente.arquivo_do_livro(Path(config.getoption("--relatorios"))))
    if config.getoption("--recomecar"):
        livro.deixar_de_retomar("substituído por um novo envio (--recomecar)")
    config.stash[CHAVE_REGISTRO] = RegistroDeExecucao(livro)


def pytest_unconfigure(config: pytest.Config) -> None:
    registro = config.stash.get(CHAVE_REGISTRO, None)
    if registro is not None:
        registro.livro.fechar()
