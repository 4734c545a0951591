"""An environment file (the organ's copy, else the template) → a validated `Ambiente`, every mistake in Portuguese."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from tramita_homologacao.configuracao.arquivo_toml import ErroDeAmbiente, ler_toml
from tramita_homologacao.configuracao.localizacao import REGRA_DO_NOME, e_modelo, e_nome_de_pasta, resolver_arquivo
from tramita_homologacao.conformidade.requisitos import IDS, POR_ID
from tramita_homologacao.protocolo.dominio import TAMANHO_BLOCO_PADRAO_MB, Endereco
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.pydantic_pt import MENSAGENS_TOML, explicar_validacao

TIPOS_POR_EXTENSO = {"simulador": "simulador", "homologacao": "homologação", "producao": "produção"}
MARCA_A_PREENCHER = "PREENCHA"


def _requisito_conhecido(valor: str) -> str:
    if valor not in POR_ID:
        raise PydanticCustomError(
            "requisito", "requisito desconhecido '{valor}': use um de {ids}", {"valor": valor, "ids": ", ".join(IDS)}
        )
    return valor


IdDeRequisito = Annotated[str, AfterValidator(_requisito_conhecido)]


class _Secao(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrgaoConfigurado(_Secao):
    nome: str = Field(min_length=1)
    sigla: str = Field(min_length=1)
    repositorio: int
    unidade_envio: int
    unidade_recebimento: int

    @property
    def endereco_envio(self) -> Endereco:
        return Endereco(self.repositorio, self.unidade_envio)

    @property
    def endereco_recebimento(self) -> Endereco:
        return Endereco(self.repositorio, self.unidade_recebimento)


class Contraparte(_Secao):
    """The other organ of a requirement: where the harness sends, or who sends to it."""

    repositorio: int
    estrutura: int
    descricao: str = ""
    sistema_simulado: str | None = None

    @property
    def endereco(self) -> Endereco:
        return Endereco(self.repositorio, self.estrutura)


class Espera(_Secao):
    """How long a trâmite may stay in each status before the wait fails (produção waits hours)."""

    intervalo_segundos: float = Field(default=2.0, gt=0)
    limite_segundos: float = Field(default=120.0, gt=0)
    limites_por_situacao: dict[Situacao, float] = Field(default_factory=dict)
    # "aguardar": a trâmite still waiting for the counterpart leaves the scenario "aguardando", to be
    # followed later; "reprovar": the scenario fails (the simulator answers at once).
    ao_esgotar_o_prazo: Literal["aguardar", "reprovar"] = "aguardar"
    # Polls come less and less often while nothing changes (doubling from intervalo_segundos), up to this.
    intervalo_maximo_segundos: float = Field(default=600.0, gt=0)

    def limite(self, situacao: Situacao) -> float:
        return self.limites_por_situacao.get(situacao, self.limite_segundos)


class Conexao(_Secao):
    timeout_conexao_segundos: float = Field(default=10, gt=0)
    timeout_leitura_segundos: float = Field(default=300, gt=0)
    tentativas: int = Field(default=3, ge=0, le=10)
    tamanho_bloco_mb: int = Field(default=TAMANHO_BLOCO_PADRAO_MB, ge=1, le=200)
    ca: Path | None = None
    verificar_servidor: bool = True


class Certificado(_Secao):
    """Where the organ's certificate is; the password is never here, only where it comes from."""

    arquivo: Path
    chave: Path | None = None
    # PEM of the authority that issues the systems' certificates: who may sign a recibo de conclusão.
    ac_dos_sistemas: Path | None = None
    origem_da_senha: Literal["variavel", "perguntar", "sem_senha"] = "variavel"
    variavel_da_senha: str = "TRAMITA_SENHA_CERTIFICADO"

    @field_validator("variavel_da_senha")
    @classmethod
    def _nome_de_variavel(cls, valor: str) -> str:
        # The value is never repeated in the message: it may be the password, typed here by mistake.
        if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", valor):
            raise PydanticCustomError(
                "nome_de_variavel",
                "deve ser o NOME de uma variável de ambiente, em maiúsculas, números e _ (exemplo: "
                "TRAMITA_SENHA_HOMOLOGACAO), nunca a senha. O valor escrito não é mostrado aqui: se for a senha, "
                "apague-a do arquivo e, se ele foi compartilhado, troque a senha do certificado.",
            )
        return valor


class Pen(_Secao):
    email_notificacao: str = "processo.eletronico@economia.gov.br"


DefeitoDoOperador = Literal[
    "nao_age",
    "unidade_errada",
    "outro_motivo",
    "falhar",
    "sem_recibo",
    "recibo_divergente",
    "hash_divergente",
    "processo_comum",  # the extended profile's cases: the operator makes a plain processo, not what was asked
]


class OperadorSimulado(_Secao):
    """Modo assistido no simulador: as instruções vão para o SPE simulado do órgão, com defeitos de propósito."""

    atraso_segundos: float = Field(default=0.2, ge=0)
    defeitos: dict[IdDeRequisito, DefeitoDoOperador] = Field(default_factory=dict)
    unidade_errada: Contraparte | None = None  # where the "unidade_errada" defect sends

    def defeito(self, requisito: str) -> str | None:
        return self.defeitos.get(requisito)


class SimuladorEmbutido(_Secao):
    sistema: str = Field(min_length=1, description="sistema do órgão em teste nos dados do simulador")
    operador: OperadorSimulado | None = None


class Responsavel(_Secao):
    """Quem conduz os testes pelo órgão: assina a mensagem ao PEN e aparece no relatório."""

    nome: str = Field(min_length=1)
    contato: str = ""  # e-mail institucional e/ou telefone


class SpeDoOrgao(_Secao):
    """O SPE do órgão que o modo assistido prova (aparece no relatório).

    `perfil` diz o que uma pessoa faz e o que o sistema faz sozinho: no `sei` (o SEI com o módulo do
    Tramita.GOV.BR) o módulo recebe sozinho e recusa sozinho um processo com um formato de arquivo que o órgão
    não aceita (`formato_recusado`), com o motivo e a mensagem dele; no `generico`, uma pessoa recebe e recusa.
    """

    nome: str = Field(min_length=1)
    versao: str = ""
    perfil: Literal["generico", "sei"] = "generico"
    formato_recusado: str = Field(default="xyz", pattern=r"^[a-z0-9]{1,10}$")

    @property
    def sei(self) -> bool:
        return self.perfil == "sei"


class Ambiente(_Secao):
    nome: str = Field(min_length=1)
    descricao: str = ""
    tipo: Literal["simulador", "homologacao", "producao"]
    url_api: str = ""
    versao_api: str = Field(default="v3", pattern=r"^v\d+$")
    orgao: OrgaoConfigurado
    contrapartes: dict[IdDeRequisito, Contraparte]
    espera: Espera = Espera()
    conexao: Conexao = Conexao()
    certificado: Certificado | None = None
    pen: Pen = Pen()
    producao: Contraparte | None = None
    simulador: SimuladorEmbutido | None = None
    # "api": the harness plays the organ's SPE; "assistido": the organ's own SPE acts, driven by a person
    modo: Literal["api", "assistido"] = "api"
    spe: SpeDoOrgao | None = None
    responsavel: Responsavel | None = None
    livro: Path | None = (
        None  # the ledger; default <campaign folder>/livro.sqlite3 (in memory for the embedded simulator)
    )
    arquivo: Path | None = Field(default=None, exclude=True)  # where it was read from (set by the loader)

    @field_validator("nome")
    @classmethod
    def _nome_de_pasta(cls, valor: str) -> str:
        """The campaign folder is `reports/<nome>`: a plain name, never a path out of it, on Windows as on Linux."""
        if not e_nome_de_pasta(valor):
            raise PydanticCustomError("nome", REGRA_DO_NOME + ": o nome é a pasta da campanha dentro de reports/")
        return valor

    @field_validator("url_api")
    @classmethod
    def _endereco(cls, valor: str) -> str:
        if not valor:
            return valor
        exemplo = " (exemplo: https://homolog.api.processoeletronico.gov.br/interoperabilidade/rest/)"
        partes = urlsplit(valor)
        if partes.scheme not in ("https", "http"):
            raise PydanticCustomError("url", "endereço deve começar com https://" + exemplo)
        if not partes.hostname:
            raise PydanticCustomError("url", "falta o nome do servidor depois de https://" + exemplo)
        if "@" in partes.netloc:  # a credential in the address would reach the pack, the logs and the terminal
            raise PydanticCustomError(
                "url",
                "o endereço não pode levar usuário ou senha (a parte antes de '@'): a API se autentica pelo "
                "certificado do órgão ([certificado]). Apague essa parte do url_api e troque a senha que estava nele"
                + exemplo,
            )
        try:
            porta = partes.port
        except ValueError:
            porta = 0
        if porta == 0:
            raise PydanticCustomError("url", "porta inválida: depois de ':' vem um número de 1 a 65535" + exemplo)
        return valor

    @property
    def formato_que_o_spe_recusa(self) -> str | None:
        """Assisted mode with SEI: the file format its module refuses by itself (the recusa is provoked with it);
        None where a person refuses."""
        sei = self.modo == "assistido" and self.spe is not None and self.spe.sei
        return self.spe.formato_recusado if sei and self.spe is not None else None

    def arquivo_do_livro(self, pasta_da_campanha: Path) -> Path | None:
        if self.embutido:
            return None
        return self.livro or pasta_da_campanha / "livro.sqlite3"

    @property
    def tipo_por_extenso(self) -> str:
        return TIPOS_POR_EXTENSO[self.tipo]

    @property
    def embutido(self) -> bool:
        """True when the harness starts its own simulator (type simulador with no url_api)."""
        return self.tipo == "simulador" and not self.url_api

    def url_base(self, url_api: str | None = None) -> str:
        """`<url_api>/<versao_api>/`, the base every endpoint is relative to."""
        raiz = (url_api or self.url_api).rstrip("/")
        return f"{raiz}/{self.versao_api}/"

    def contraparte_configurada(self, requisito: str) -> Contraparte | None:
        """`[contrapartes.<requisito>]`, or the one of the requirement it borrows from (registry)."""
        emprestada = POR_ID[requisito].contraparte_de
        return self.contrapartes.get(requisito) or (self.contrapartes.get(emprestada) if emprestada else None)

    def contraparte(self, requisito: str) -> Contraparte:
        contraparte = self.contraparte_configurada(requisito)
        if contraparte is not None:
            return contraparte
        raise ErroDeAmbiente(
            f"O ambiente '{self.nome}' não define a contraparte do requisito '{requisito}': acrescente a seção "
            f"[contrapartes.{requisito}] com repositorio e estrutura."
        )

    @property
    def unidade_de_teste(self) -> Contraparte:
        """The test unit of produção (`[producao]`, required of a production file when it is loaded)."""
        if self.producao is None:
            raise ErroDeAmbiente(f"O ambiente '{self.nome}' não tem a seção [producao] com a unidade de teste.")
        return self.producao

    @property
    def sistema_embutido(self) -> str:
        """The organ's system in the embedded simulator (`[simulador]`, required when it is used)."""
        if self.simulador is None:
            raise ErroDeAmbiente(f"O ambiente '{self.nome}' não tem a seção [simulador] com o sistema do órgão.")
        return self.simulador.sistema


def carregar_ambiente(nome_ou_caminho: str | None = None) -> Ambiente:
    """Loads by name (the organ's copy, else the template), by path, or from `TRAMITA_AMBIENTE`; default `local`."""
    caminho = resolver_arquivo(nome_ou_caminho)
    dados = ler_toml(caminho)
    dados.setdefault("nome", caminho.stem)
    pendentes = list(campos_a_preencher(dados))
    if pendentes:
        campos = "\n".join(f"  - {campo}: {valor}" for campo, valor in pendentes)
        if e_modelo(caminho):
            raise ErroDeAmbiente(
                f"O arquivo {caminho} é o modelo do ambiente '{caminho.stem}', que acompanha o harness: não o edite. "
                f"Crie o arquivo do órgão com\n\n    tramita-homologacao novo-ambiente {caminho.stem}\n\n"
                f"e preencha nele estes campos:\n{campos}"
            )
        raise ErroDeAmbiente(f"O arquivo {caminho} ainda tem campos a preencher com os dados do órgão:\n{campos}")
    if "senha" in (dados.get("certificado") or {}):
        raise ErroDeAmbiente(
            f"O arquivo {caminho} contém a senha do certificado: apague-a. A senha nunca fica no arquivo de ambiente; "
            'ela vem de uma variável de ambiente (origem_da_senha = "variavel") ou é digitada na hora '
            '(origem_da_senha = "perguntar").'
        )
    try:
        ambiente = Ambiente.model_validate(dados)
    except ValidationError as erro:
        raise ErroDeAmbiente(
            f"O arquivo de ambiente {caminho} tem erros:\n{explicar_validacao(erro, MENSAGENS_TOML)}"
        ) from None
    _conferir_coerencia(ambiente, caminho)
    return _com_caminhos_absolutos(ambiente, caminho)


def campos_a_preencher(dados: object, caminho: str = ""):
    """(field, hint) of every value still holding the shipped "PREENCHA…" placeholder."""
    if isinstance(dados, dict):
        for chave, valor in dados.items():
            yield from campos_a_preencher(valor, f"{caminho}.{chave}" if caminho else str(chave))
    elif isinstance(dados, str) and dados.startswith(MARCA_A_PREENCHER):
        yield caminho, dados.removeprefix(MARCA_A_PREENCHER).lstrip(": ") or "preencha"


def _conferir_coerencia(ambiente: Ambiente, caminho: Path) -> None:
    if ambiente.tipo != "simulador" and not ambiente.url_api:
        raise ErroDeAmbiente(f"O arquivo {caminho} precisa de url_api (o endereço da API do Tramita.GOV.BR).")
    if ambiente.tipo != "simulador" and ambiente.certificado is None:
        raise ErroDeAmbiente(
            f"O arquivo {caminho} precisa da seção [certificado]: o Tramita.GOV.BR identifica o órgão pelo "
            "certificado digital gerado no Portal de Administração."
        )
    if ambiente.embutido and ambiente.simulador is None:
        raise ErroDeAmbiente(
            f"O arquivo {caminho} usa o simulador embutido: acrescente a seção [simulador] com o sistema do órgão."
        )
    if ambiente.tipo == "producao":
        if ambiente.producao is None:
            raise ErroDeAmbiente(
                f"O arquivo {caminho} é de produção e precisa da seção [producao] com a unidade de teste indicada pelo "
                "PEN (a DISIS do MGI, segundo o manual)."
            )
        outras = sorted(r for r, c in ambiente.contrapartes.items() if c.endereco != ambiente.producao.endereco)
        if outras:
            raise ErroDeAmbiente(
                f"Em produção todo processo de teste vai para a unidade de teste {ambiente.producao.endereco} "
                f"([producao]); as contrapartes {', '.join(outras)} apontam para outra unidade. Corrija-as."
            )


def _com_caminhos_absolutos(ambiente: Ambiente, arquivo: Path) -> Ambiente:
    """Relative paths in the file are relative to the file's own folder."""
    pasta = arquivo.resolve().parent

    def absoluto(caminho: Path | None) -> Path | None:
        return caminho if caminho is None or caminho.is_absolute() else (pasta / caminho).resolve()

    conexao = ambiente.conexao.model_copy(update={"ca": absoluto(ambiente.conexao.ca)})
    certificado = ambiente.certificado and ambiente.certificado.model_copy(
        update={
            "arquivo": absoluto(ambiente.certificado.arquivo),
            "chave": absoluto(ambiente.certificado.chave),
            "ac_dos_sistemas": absoluto(ambiente.certificado.ac_dos_sistemas),
        }
    )
    return ambiente.model_copy(
        update={
            "conexao": conexao,
            "certificado": certificado,
            "livro": absoluto(ambiente.livro),
            "arquivo": arquivo.resolve(),
        }
    )
