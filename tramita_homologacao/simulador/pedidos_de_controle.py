"""The bodies the simulator's control API accepts, validated before anything changes: a behaviour, a motivo,
a delay or a clock jump out of range is a 400 that says which field and why, never a broken counterpart later.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.pydantic_pt import explicar_validacao
from tramita_homologacao.simulador.contrapartes import Operacao, Roteiro
from tramita_homologacao.simulador.erros import RequisicaoInvalida
from tramita_homologacao.simulador.processo_da_contraparte import DocumentoAMais
from tramita_homologacao.simulador.semente import Comportamento

ATRASO_MAXIMO = 86_400.0  # a day: longer is a typo, and would keep a thread waiting
SALTO_MAXIMO_DO_RELOGIO = 3_650 * 86_400.0  # ten years
MAXIMO_DE_COMPONENTES = 20  # per document an operator is told to make: more is a typo
TAMANHO_MAXIMO_A_MAIS = 320 * 1024**2  # a further document the simulator makes in memory (1.5 × the largest block)
Motivo = Literal["01", "02", "03", "04", "99"]
P = TypeVar("P", bound="_Pedido")


class _Pedido(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnderecoPedido(_Pedido):
    identificacaoDoRepositorioDeEstruturas: int = Field(ge=1, le=2**31 - 1)
    numeroDeIdentificacaoDaEstrutura: int = Field(ge=1, le=2**31 - 1)

    @property
    def endereco(self) -> Endereco:
        return Endereco(self.identificacaoDoRepositorioDeEstruturas, self.numeroDeIdentificacaoDaEstrutura)


class EnvioDaContraparte(_Pedido):
    destinatario: EnderecoPedido
    marca: str = Field(default="", max_length=100)
    extensao: str = Field(default="", pattern=r"^[a-z0-9]{0,10}$")  # a third document in this file format


class DevolucaoPedido(_Pedido):
    idt: int = Field(ge=1, le=2**63 - 1)  # the trâmite the counterpart received and concluded
    destinatario: EnderecoPedido


class RoteiroPedido(_Pedido):
    comportamento: Comportamento
    motivo: Motivo = "99"
    justificativa: str = Field(default="Recusa simulada pelo órgão de teste.", min_length=1, max_length=1000)
    atrasoSegundos: float = Field(default=0.0, ge=0, le=ATRASO_MAXIMO, allow_inf_nan=False)

    def roteiro(self) -> Roteiro:
        return Roteiro(self.comportamento, MotivoRecusa(self.motivo), self.justificativa, self.atrasoSegundos)


class DocumentoAMaisPedido(_Pedido):
    especie: int = Field(ge=1, le=2**31 - 1)  # its code in the platform's list
    formato: str = Field(default="pdf", pattern=r"^[a-z0-9]{1,10}$")
    tamanhoBytes: int = Field(default=0, ge=0, le=TAMANHO_MAXIMO_A_MAIS)


class OperacaoPedido(_Pedido):
    acao: Literal["enviar", "receber", "recusar", "cancelar"]
    destinatario: EnderecoPedido | None = None
    descricao: str = Field(default="", max_length=100)
    idt: int | None = Field(default=None, ge=1, le=2**63 - 1)
    motivo: Motivo = "99"
    justificativa: str = Field(default="Recusa feita pelo operador do SPE simulado.", min_length=1, max_length=1000)
    defeito: Literal["sem_recibo", "recibo_divergente", "falhar", "hash_divergente"] | None = None
    atrasoSegundos: float = Field(default=0.0, ge=0, le=ATRASO_MAXIMO, allow_inf_nan=False)
    documentoAvulso: bool = False
    componentesPorDocumento: int = Field(default=1, ge=1, le=MAXIMO_DE_COMPONENTES)
    restrito: bool = False
    documentoAMais: DocumentoAMaisPedido | None = None
    processoAnexado: bool = False
    processoApensado: bool = False

    def operacao(self, especies: dict[int, str]) -> Operacao:
        """`especies`: the platform's, by code (an unknown one is refused here, as the platform would)."""
        a_mais = self.documentoAMais
        if a_mais is not None and a_mais.especie not in especies:
            raise RequisicaoInvalida(
                f"documentoAMais.especie: {a_mais.especie} não é uma espécie documental conhecida."
            )
        return Operacao(
            acao=self.acao,
            destinatario=self.destinatario.endereco if self.destinatario else None,
            descricao=self.descricao,
            idt=self.idt,
            motivo=MotivoRecusa(self.motivo),
            justificativa=self.justificativa,
            defeito=self.defeito,
            atraso_segundos=self.atrasoSegundos,
            avulso=self.documentoAvulso,
            componentes_por_documento=self.componentesPorDocumento,
            restrito=self.restrito,
            a_mais=DocumentoAMais(a_mais.especie, especies[a_mais.especie], a_mais.formato, a_mais.tamanhoBytes)
            if a_mais
            else None,
            anexado=self.processoAnexado,
            apensado=self.processoApensado,
        )


class SaltoDoRelogio(_Pedido):
    segundos: float = Field(gt=0, le=SALTO_MAXIMO_DO_RELOGIO, allow_inf_nan=False)


def ler_pedido(modelo: type[P], dados: dict, titulo: str) -> P:
    """`titulo` says what was refused, agreeing in gender ("Operação inválida", "Roteiro inválido")."""
    try:
        return modelo.model_validate(dados)
    except ValidationError as erro:
        raise RequisicaoInvalida(f"{titulo}:\n{explicar_validacao(erro)}") from None
