"""Units are named as the platform's catalogue names them, asked once per campaign and kept in the ledger."""

from __future__ import annotations

from tramita_homologacao.campanha.unidades import NomesDasUnidades, enderecos_do_ambiente, nomear_unidades
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.orgao.registro import RegistroDeExecucao
from tramita_homologacao.protocolo.dominio import Endereco


class ContaConsultas(ClienteDeConsulta):
    def __init__(self, cliente) -> None:
        super().__init__(cliente)
        self.consultas: list[tuple[int, int]] = []

    def consultar_estrutura(self, repositorio: int, numero: int):
        self.consultas.append((repositorio, numero))
        return super().consultar_estrutura(repositorio, numero)


def test_nomes_da_plataforma_uma_vez_por_campanha_e_numero_quando_ela_nao_conhece(cliente):
    ambiente = carregar_ambiente("local")
    desconhecida = Endereco(2, 999999)
    contrapartes = {**ambiente.contrapartes}
    contrapartes["cancelamento"] = contrapartes["cancelamento"].model_copy(
        update={"repositorio": 2, "estrutura": 999999, "descricao": "nome escrito no arquivo"}
    )
    ambiente = ambiente.model_copy(update={"contrapartes": contrapartes})
    registro = RegistroDeExecucao()
    consulta = ContaConsultas(cliente)

    nomear_unidades(consulta, ambiente, registro)
    nomes = NomesDasUnidades.da_campanha(ambiente, registro.livro)
    recebimento = ambiente.contraparte("recebimento").endereco
    assert nomes.rotulo(recebimento) == f"Órgão de Teste 2 do PEN (ORGAO2) ({recebimento})"
    assert nomes.rotulo(ambiente.orgao.endereco_recebimento).startswith("Divisão de Gestão Documental (ANEX/DIGED)")
    assert nomes.rotulo(desconhecida) == "2/999999"  # never the file's free text
    assert len(consulta.consultas) == len(enderecos_do_ambiente(ambiente))

    nomear_unidades(consulta, ambiente, registro)  # a later run asks only what is still unnamed
    assert consulta.consultas[len(enderecos_do_ambiente(ambiente)) :] == [(2, 999999)]
