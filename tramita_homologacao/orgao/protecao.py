"""Production guard rails: what may be sent in produção, checked before any request leaves the machine."""

from __future__ import annotations

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.orgao.processo_teste import ProcessoDeTeste, marca_de_teste
from tramita_homologacao.protocolo.dominio import Endereco


class ErroDeProtecao(Exception):
    """A send refused by the production guard rails."""


def conferir_envio(ambiente: Ambiente, processo: ProcessoDeTeste, destinatario: Endereco) -> None:
    """In produção: only test processos, marked `TESTE – <sigla>`, and only to the configured test unit."""
    if ambiente.tipo != "producao":
        return
    marca = marca_de_teste(ambiente.orgao.sigla)
    if not processo.descricao.startswith(marca) or processo.marca != marca:
        raise ErroDeProtecao(
            f"Envio bloqueado em produção: o processo {processo.protocolo} não está descrito como teste "
            f"('{processo.descricao[:60]}'). Em produção todo processo deve começar por '{marca}', na descrição e nos "
            "documentos."
        )
    unidade = ambiente.producao.endereco if ambiente.producao else None
    if destinatario != unidade:
        raise ErroDeProtecao(
            f"Envio bloqueado em produção: o destinatário {destinatario} não é a unidade de teste configurada "
            f"({unidade}, {ambiente.producao.descricao if ambiente.producao else 'não configurada'}). Em produção os "
            "processos de teste só podem ir para a unidade indicada pelo PEN."
        )
