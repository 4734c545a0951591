"""The campaign's units named as the platform's catalogue of structures names them (`GET
repositorios-de-estruturas/{r}/estruturas/{n}`), kept in the ledger: the report, the terminal and the message
to PEN show the name PEN knows, never the free text of the environment file."""

from __future__ import annotations

from dataclasses import dataclass

from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.erros import ErroTramita
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.dominio import Endereco

CHAVE = "unidades"


def enderecos_do_ambiente(ambiente: Ambiente) -> set[Endereco]:
    orgao = ambiente.orgao
    enderecos = {
        orgao.endereco_envio,
        orgao.endereco_recebimento,
        *(c.endereco for c in ambiente.contrapartes.values()),
    }
    if ambiente.producao is not None:
        enderecos.add(ambiente.producao.endereco)
    return enderecos


def nomear_unidades(cliente: ClienteDeConsulta, ambiente: Ambiente, registro: RegistroDeExecucao) -> None:
    """Asks the platform (read-only) the name of each unit of the environment the ledger does not name yet; a unit
    it does not answer for stays unnamed (shown by its number)."""
    guardados = registro.livro.ler(CHAVE)
    nomes = {str(k): str(v) for k, v in guardados.items()} if isinstance(guardados, dict) else {}
    for endereco in sorted(enderecos_do_ambiente(ambiente), key=str):
        if str(endereco) in nomes:
            continue
        try:
            estrutura = cliente.consultar_estrutura(endereco.repositorio, endereco.estrutura)
        except ErroTramita:
            continue
        nomes[str(endereco)] = f"{estrutura.nome} ({estrutura.sigla})" if estrutura.sigla else estrutura.nome
    registro.guardar(CHAVE, nomes)


@dataclass(frozen=True)
class NomesDasUnidades:
    """Unit → name: the platform's, kept in the ledger; the organ's own units, if unnamed, by their role."""

    nomes: dict[Endereco, str]

    @classmethod
    def da_campanha(cls, ambiente: Ambiente, livro: Livro) -> NomesDasUnidades:
        guardados = livro.ler(CHAVE)
        orgao = ambiente.orgao
        nomes = {
            orgao.endereco_envio: f"{orgao.sigla}, unidade de envio",
            orgao.endereco_recebimento: f"{orgao.sigla}, unidade de recebimento",
        }
        if isinstance(guardados, dict):
            nomes |= {_endereco(texto): str(nome) for texto, nome in guardados.items()}
        return cls(nomes)

    def nome(self, endereco: Endereco) -> str:
        return self.nomes.get(endereco, "")

    def rotulo(self, endereco: Endereco) -> str:
        nome = self.nome(endereco)
        return f"{nome} ({endereco})" if nome else str(endereco)


def _endereco(texto: str) -> Endereco:
    repositorio, estrutura = texto.split("/")
    return Endereco(int(repositorio), int(estrutura))
