"""Units by name: every number of the structures' repository the environment knows, with what it is."""

from __future__ import annotations

from dataclasses import dataclass

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.evidencia.modelo import Unidade
from tramita_homologacao.protocolo.dominio import Endereco


@dataclass(frozen=True)
class NomesDasUnidades:
    nomes: dict[Endereco, str]

    @classmethod
    def do_ambiente(cls, ambiente: Ambiente) -> NomesDasUnidades:
        orgao = ambiente.orgao
        nomes = {c.endereco: c.descricao for c in ambiente.contrapartes.values() if c.descricao}
        if ambiente.producao is not None:
            nomes[ambiente.producao.endereco] = ambiente.producao.descricao or "unidade de teste de produção"
        nomes[orgao.endereco_envio] = f"{orgao.sigla}, unidade de envio"
        nomes[orgao.endereco_recebimento] = f"{orgao.sigla}, unidade de recebimento"
        return cls(nomes)

    def unidade(self, endereco: Endereco) -> Unidade:
        return Unidade(
            repositorio=endereco.repositorio, estrutura=endereco.estrutura, descricao=self.nomes.get(endereco, "")
        )
