"""The typed record of a campaign: what `resumo.json` holds and every output reads (relatório, PDF,
mensagem, terminal). A renamed field fails type checking in each reader, never at render time.

`docs/resumo.schema.json` is this model's JSON Schema (a test keeps them equal); `versao_do_esquema`
changes whenever a field is renamed or removed.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, JsonValue

VERSAO_DO_ESQUEMA: Final = 4


class _Registro(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Unidade(_Registro):
    """A unit of the structures' repository, with the name people know it by."""

    repositorio: int
    estrutura: int
    descricao: str = ""

    def rotulo(self) -> str:
        numero = f"{self.repositorio}/{self.estrutura}"
        return f"{self.descricao} ({numero})" if self.descricao else numero


class AmbienteNoResumo(_Registro):
    nome: str
    tipo: Literal["simulador", "homologacao", "producao"]  # as the environment file says
    url_base: str
    versao_api: str
    host: str  # where the run went
    endereco_oficial: bool  # the official host of `tipo`, with the server's certificate verified


class OrgaoNoResumo(_Registro):
    nome: str
    sigla: str
    repositorio: int
    unidade_envio: int
    unidade_recebimento: int
    envio: Unidade  # the two units, named as the platform names them
    recebimento: Unidade


class CertificadoNoResumo(_Registro):
    titular: str
    emissor: str
    impressao_digital_sha256: str
    valido_ate: AwareDatetime


class Pessoa(_Registro):
    """Who runs the campaign for the organ (the environment file's `[responsavel]`)."""

    nome: str
    contato: str = ""


class SpeNoResumo(_Registro):
    nome: str
    versao: str = ""
    perfil: str = "generico"
    formato_recusado: str = ""


class Instrucao(_Registro):
    requisito: str
    texto: str
    dada_em: AwareDatetime


class Mudanca(_Registro):
    situacao: int
    descricao: str
    data_hora: AwareDatetime


class Componente(_Registro):
    nome: str
    tamanho_em_bytes: int
    sha256_base64: str
    mime_type: str


class Recibo(_Registro):
    """A recibo as received and checked: whose trâmite it names, who signed it and whether it is recognised."""

    tipo: str
    idt: int
    nre: str
    idt_esperado: int | None
    nre_esperado: str
    do_tramite: bool
    data: str
    hashes: list[str]
    signatario: str
    emissor: str
    impressao_digital: str
    signatario_reconhecido: bool
    motivo_do_signatario: str
    assinatura_confere: bool
    hashes_conferem: bool
    faltando: list[str]
    sobrando: list[str]
    veredito: str
    bruto: dict[str, JsonValue] = {}  # as the platform handed it, with cadeiaDoCertificado: `verificar` checks it


class Verificacao(_Registro):
    """One check: the clause it proves, what was expected, what was observed, and the verdict."""

    clausula: str
    nome: str
    esperado: JsonValue
    observado: JsonValue
    aprovada: bool
    mensagem: str
    feita_em: AwareDatetime
    resposta: JsonValue = None  # the platform's answer the check read, as received


class Tramite(_Registro):
    idt: int
    nre: str
    protocolo: str
    descricao: str  # the processo's description, as DISIS staff search for it ("TESTE – ANEX – …")
    papel_do_orgao: str
    remetente: Unidade | None
    destinatario: Unidade | None
    retomado_de_execucao_anterior: bool
    cenario: str
    situacao_final: int
    situacao_final_descricao: str
    historico: list[Mudanca]
    motivo_recusa: str | None
    justificativa_recusa: str | None
    componentes: list[Componente]
    recibos: list[Recibo]
    verificacoes: list[Verificacao]


class Cenario(_Registro):
    nome: str
    veredito: str
    mensagem: str
    duracao_segundos: float
    julgado_em: AwareDatetime
    modo: str


class ClausulaNoResumo(_Registro):
    """A clause of the requirement and how the campaign's checks cover it."""

    id: str
    descricao: str
    fonte: str
    situacao: Literal["comprovada", "violada", "não verificada"]
    verificacoes: int


class RequisitoNoResumo(_Registro):
    id: str
    titulo: str
    papel_do_orgao: str
    situacao_final_esperada: int
    publicado_pelo_pen: bool
    veredito: str
    pendencia: str
    julgado_em: AwareDatetime | None
    modo: list[str]
    contraparte: Unidade | None
    clausulas: list[ClausulaNoResumo]
    cenarios: list[Cenario]
    tramites: list[Tramite]


class Pedido(_Registro):
    requisito: str
    cenario: str
    pedido_em: AwareDatetime
    idt: int | None


class Ignorado(_Registro):
    idt: int
    remetente: str
    motivo: str
    visto_em: AwareDatetime


class Resumo(_Registro):
    versao_do_esquema: Literal[4] = VERSAO_DO_ESQUEMA
    versao_harness: str
    commit_harness: str
    executado_por: str  # the operating-system account that ran the last command
    responsavel: Pessoa | None
    ambiente: AmbienteNoResumo
    orgao: OrgaoNoResumo
    certificado: CertificadoNoResumo | None
    unidade_de_teste_de_producao: Unidade | None
    email_notificacao_pen: str
    spe: SpeNoResumo | None
    instrucoes_ao_operador: list[Instrucao]
    inicio: AwareDatetime
    fim: AwareDatetime
    aprovado: bool  # the minimum requirements' verdict: the extended profile never counts
    requisitos: list[RequisitoNoResumo]
    # The extended profile's cases the campaign ran (beyond the minimum; reported apart, outside the verdict).
    perfil_estendido: list[RequisitoNoResumo] = []
    regra_de_adocao: str
    pedidos_ao_pen: list[Pedido]
    ignorados: list[Ignorado]

    def requisito(self, id_: str) -> RequisitoNoResumo:
        return next(r for r in self.todos_os_requisitos if r.id == id_)

    @property
    def todos_os_requisitos(self) -> list[RequisitoNoResumo]:
        """The minimum requirements, then the extended profile's cases."""
        return [*self.requisitos, *self.perfil_estendido]

    @property
    def ensaio(self) -> bool:
        """Made against the simulator, or anywhere but the official address: worth nothing as homologação, and
        said so everywhere."""
        return self.ambiente.tipo == "simulador" or not self.ambiente.endereco_oficial
