"""Opening an environment's campaign, once per run, the same way for every command and for plain `pytest`.

The environment file is read, production confirmed, the certificate read with its password, the
campaign folder checked, the campaign held for this run alone and its ledger opened, in this order
and exactly once; what is opened is handed on as one `CampanhaAberta`, never turned back into
command-line options to be resolved again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

from tramita_homologacao.campanha.confianca import confianca_dos_recibos
from tramita_homologacao.campanha.pasta import comando_sugerido, para_copiar, pasta_da_campanha, preparar_pasta
from tramita_homologacao.campanha.trava import campanha_exclusiva
from tramita_homologacao.campanha.unidades import nomear_unidades
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.configuracao.ambiente import Ambiente, carregar_ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.configuracao.conexao import Perguntar, certificado_do_ambiente, obter_senha
from tramita_homologacao.configuracao.localizacao import resolver_arquivo
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.acoes import OrgaoEmTeste
from tramita_homologacao.orgao.assistido import Operador, OrgaoObservador
from tramita_homologacao.orgao.observacao import Observador, reerguer
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.assinatura import ParDeChaves

# What a command does with a ledger not yet on disk: create it (a run), refuse (a command that continues a
# campaign), or keep none (rebuilding the pack of what is there).
CRIAR, EXIGIR, SE_HOUVER = "criar", "exigir", "se_houver"
# When the campaign is held for this run alone: always (a command), only when its ledger is on disk (plain pytest:
# the embedded simulator's campaign is the run itself), or never (a pytest-xdist worker, inside a session holding it).
SEMPRE, COM_LIVRO, NUNCA = "sempre", "com_livro", "nunca"


class SemLivro(ProblemaConhecido):
    """A command that continues a campaign found none to continue."""

    titulo = "Campanha sem livro"


class SimuladorEmbutido(ProblemaConhecido):
    """What outlives a run was asked of the embedded simulator, which starts empty every time."""

    titulo = "Simulador embutido"


def recusar_o_embutido(ambiente: Ambiente) -> None:
    if ambiente.embutido:
        raise SimuladorEmbutido(
            f"O ambiente '{ambiente.nome}' usa o simulador embutido, que começa vazio a cada execução: não há trâmites "
            "anteriores a consultar. Use um ambiente de homologação, de produção ou um simulador em execução "
            "(tramita-homologacao simulador)."
        )


@dataclass(frozen=True)
class CampanhaAberta:
    ambiente: Ambiente
    relatorios: Path | None  # as the user gave it (None: the default folder)
    pasta: Path
    certificado: CertificadoDoOrgao | None
    livro: Livro

    @property
    def arquivo_do_livro(self) -> Path | None:
        """The ledger on disk; None for the embedded simulator's (in memory, this run only)."""
        return self.livro.caminho

    def comando(self, nome: str, *extras: str) -> str:
        return comando_sugerido(nome, self.ambiente, self.relatorios, *extras)

    def no_modo_do_livro(self) -> CampanhaAberta:
        """The campaign in the mode it last ran (a follow-up judges as the run that started the trâmites)."""
        modo = self.livro.ler("modo") or self.ambiente.modo
        return replace(self, ambiente=self.ambiente.model_copy(update={"modo": modo}))

    def orgao(
        self,
        cliente: ClienteTramita,
        url_raiz: str,
        *,
        modo: str | None = None,
        registro: RegistroDeExecucao | None = None,
        operador: Operador | None = None,
        chaves: ParDeChaves | None = None,
        pasta_de_trabalho: Path | None = None,
        ao_esgotar_o_prazo: Callable[[AssertionError], NoReturn] = reerguer,
    ) -> Observador:
        """The organ in the campaign's mode: the harness acting as its SPE (api), or its own SPE watched read-only
        (assistido), instructed through `operador` when there is one; with the recibos' signers it trusts."""
        registro = registro or RegistroDeExecucao(self.livro)
        orgao: Observador
        if (modo or self.ambiente.modo) == "assistido":
            consulta = ClienteDeConsulta(cliente)
            orgao = (
                Observador(consulta, self.ambiente, registro, ao_esgotar_o_prazo)
                if operador is None
                else OrgaoObservador(consulta, self.ambiente, registro, operador, ao_esgotar_o_prazo)
            )
        else:
            pasta = pasta_de_trabalho or self.pasta
            orgao = OrgaoEmTeste(cliente, self.ambiente, registro, chaves, pasta, ao_esgotar_o_prazo)
        orgao.confianca = confianca_dos_recibos(self.ambiente, self.certificado, url_raiz, cliente.sessao)
        orgao.comando = self.comando
        nomear_unidades(ClienteDeConsulta(cliente), self.ambiente, registro)
        return orgao


@contextmanager
def abrir_campanha(
    nome_ou_caminho: str | None,
    relatorios: Path | None,
    *,
    comando: str,
    confirmar_producao: Callable[[Ambiente], None],
    perguntar: Perguntar | None,
    modo: str | None = None,
    com_certificado: bool = True,
    exclusiva: str = SEMPRE,
    livro: str = CRIAR,
) -> Iterator[CampanhaAberta]:
    """The campaign of the environment `nome_ou_caminho`, opened for `comando` and closed at the end.

    `confirmar_producao` raises unless a production run is confirmed; `perguntar` asks the certificate's
    password (None: no terminal). `exclusiva`: SEMPRE, COM_LIVRO or NUNCA (above). `livro`: CRIAR, EXIGIR or
    SE_HOUVER (above).
    """
    arquivo = resolver_arquivo(nome_ou_caminho)
    ambiente = carregar_ambiente(str(arquivo))
    if modo:
        ambiente = ambiente.model_copy(update={"modo": modo})
    if ambiente.tipo == "producao":
        confirmar_producao(ambiente)
    pasta = pasta_da_campanha(ambiente, relatorios)
    arquivo_do_livro = ambiente.arquivo_do_livro(pasta)
    no_disco = arquivo_do_livro is not None and arquivo_do_livro.is_file()
    if livro == SE_HOUVER and not no_disco:
        arquivo_do_livro = None
    if livro == EXIGIR:
        recusar_o_embutido(ambiente)
        if not no_disco:
            raise SemLivro(
                f"A campanha do ambiente {ambiente.nome} ainda não tem livro de registro ({arquivo_do_livro}): nada a "
                f"continuar. Comece com:{para_copiar(comando_sugerido('executar', ambiente, relatorios))}"
            )
    certificado = None
    if com_certificado:
        certificado = certificado_do_ambiente(ambiente, obter_senha(ambiente, perguntar=perguntar))
    with ExitStack() as saidas:
        if exclusiva == SEMPRE or (exclusiva == COM_LIVRO and arquivo_do_livro is not None):
            preparar_pasta(pasta)
            saidas.enter_context(campanha_exclusiva(ambiente, pasta, comando))
        aberto = saidas.enter_context(Livro(arquivo_do_livro))
        yield CampanhaAberta(ambiente, relatorios, pasta, certificado, aberto)
