"""Session start and end: the environment, the certificate and its password, the campaign and its ledger."""

from __future__ import annotations

import getpass
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tramita_homologacao.campanha.pasta import pasta_da_campanha
from tramita_homologacao.campanha.trava import campanha_exclusiva
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import ErroDeCertificado
from tramita_homologacao.configuracao.conexao import certificado_do_ambiente, obter_senha
from tramita_homologacao.evidencia.resumo import lembrar_certificado
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.suite.chaves import (
    CHAVE_AMBIENTE,
    CHAVE_CERTIFICADO,
    CHAVE_PASTA,
    CHAVE_REGISTRO,
    CHAVE_SENHA,
    CHAVE_TRAVADA,
)

CHAVE_SAIDAS = pytest.StashKey[ExitStack]()


def _perguntar_fora_da_captura(config: pytest.Config):
    captura = config.pluginmanager.getplugin("capturemanager")

    def perguntar(texto: str) -> str:
        if sys.__stdin__ is None or not sys.__stdin__.isatty():
            raise ErroDeCertificado("Não há terminal para digitar a senha do certificado.", "senha")
        with captura.global_and_fixture_disabled():
            return getpass.getpass(texto)

    return perguntar


def pytest_configure(config: pytest.Config) -> None:
    saidas = config.stash[CHAVE_SAIDAS] = ExitStack()
    try:
        ambiente = carregar_ambiente(config.getoption("--ambiente"))
        if config.getoption("--modo"):
            ambiente = ambiente.model_copy(update={"modo": config.getoption("--modo")})
        if ambiente.tipo == "producao" and not config.getoption("--confirmar-producao"):
            unidade = ambiente.unidade_de_teste
            raise pytest.UsageError(
                f"O ambiente '{ambiente.nome}' é de PRODUÇÃO: os processos de teste vão para "
                f"{unidade.descricao or unidade.endereco} e são acompanhados pelo PEN. "
                "Confirme com --confirmar-producao."
            )
        senha = obter_senha(ambiente, config.stash.get(CHAVE_SENHA, None), _perguntar_fora_da_captura(config))
        config.stash[CHAVE_CERTIFICADO] = certificado_do_ambiente(ambiente, senha)
        relatorios = config.getoption("--relatorios")
        pasta = config.stash[CHAVE_PASTA] = pasta_da_campanha(ambiente, Path(relatorios) if relatorios else None)
        arquivo_do_livro = ambiente.arquivo_do_livro(pasta)
        # A ledger that outlives the run is shared by every run of the environment: one at a time.
        ja_travada = config.stash.get(CHAVE_TRAVADA, False) or hasattr(config, "workerinput")
        if arquivo_do_livro is not None and not ja_travada:
            saidas.enter_context(campanha_exclusiva(ambiente, pasta, "pytest"))
        livro = Livro(arquivo_do_livro)
    except ProblemaConhecido as erro:
        if config.stash.get(CHAVE_TRAVADA, False):
            raise  # run by a command, which reports it by its own rule
        raise pytest.UsageError(str(erro)) from None
    config.stash[CHAVE_AMBIENTE] = ambiente
    saidas.callback(livro.fechar)
    lembrar_certificado(livro, config.stash[CHAVE_CERTIFICADO])
    livro.guardar("modo", ambiente.modo)  # the follow-up judges in the mode the campaign last ran
    if config.getoption("--recomecar"):
        livro.deixar_de_retomar("substituído por um novo envio (--recomecar)")
    elif config.getoption("--refazer"):
        livro.deixar_de_retomar("substituído por um novo envio (--refazer)", tuple(config.getoption("--refazer")))
    config.stash[CHAVE_REGISTRO] = RegistroDeExecucao(livro)


def pytest_unconfigure(config: pytest.Config) -> None:
    saidas = config.stash.get(CHAVE_SAIDAS, None)
    if saidas is not None:
        saidas.close()
