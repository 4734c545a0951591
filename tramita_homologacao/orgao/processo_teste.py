"""Builds realistic test processos: Faker (pt_BR) metadata and real component files (PDF, HTML, text).

The same builder serves the harness (what the organ sends) and the simulator's counterparts (what
they send to the organ), so both sides speak the same payload (`docs/api-tramita.md` §2.8.1). A `Variante`
is what a case of the extended profile changes in it: a documento avulso, several components in a document,
a restricted processo with a hipótese legal.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from faker import Faker

from tramita_homologacao.protocolo.hashes import hash_de_arquivo

FUSO_BRASILIA = timezone(timedelta(hours=-3))
# What gerar_processo_de_teste draws from: a Faker with every provider costs ~20 ms to make, one with these ~1 ms.
PROVEDORES_DO_FAKER = [f"faker.providers.{nome}" for nome in ("person", "company", "job", "ssn")]


def novo_faker() -> Faker:
    """The Faker that gerar_processo_de_teste needs (names, companies, jobs, CPFs in Brazilian Portuguese)."""
    return Faker("pt_BR", providers=PROVEDORES_DO_FAKER)


ASSUNTOS = (
    ("Pessoal: Férias", "Solicitação de alteração de período de férias"),
    ("Licitação: Pregão Eletrônico", "Contratação de serviços continuados de limpeza e conservação"),
    ("Gestão documental: Transferência", "Transferência de acervo arquivístico para o arquivo central"),
    ("Convênios: Prestação de contas", "Prestação de contas final de termo de execução descentralizada"),
    ("Ouvidoria: Manifestação", "Encaminhamento de manifestação recebida pela ouvidoria"),
    ("Patrimônio: Cessão de uso", "Cessão de uso de bens móveis entre órgãos da administração"),
)
PARAGRAFOS = (
    "Encaminho, para conhecimento e providências cabíveis, a documentação referente ao assunto em epígrafe.",
    "Solicito a análise do pedido no prazo regulamentar, observadas as normas aplicáveis.",
    "Informo que os autos foram instruídos com os documentos necessários à apreciação da matéria.",
    "Permaneço à disposição para os esclarecimentos que se fizerem necessários.",
)


@dataclass(frozen=True)
class ComponenteDeTeste:
    caminho: Path
    nome: str
    mime_type: str
    hash: str
    tamanho: int

    def como_json(self, ordem: int) -> dict:
        return {
            "ordem": ordem,
            "nome": self.nome,
            "hash": {"algoritmo": "SHA256", "conteudo": self.hash},
            "tamanhoEmBytes": self.tamanho,
            "mimeType": self.mime_type,
            "tipoDeConteudo": "txt",
        }


@dataclass(frozen=True)
class DocumentoDeTeste:
    protocolo: str
    especie_codigo: int
    especie_nome: str
    numero: int
    sigla_unidade: str
    produtor: str
    unidade: str
    data: datetime
    componentes: tuple[ComponenteDeTeste, ...]
    hipotese_legal: int | None = None  # restrito (nível de sigilo 2) under this hipótese; público without
    processo_anexado: str = ""  # the NUP of the anexado processo this document came with (anexação)

    def como_json(self, ordem: int) -> dict:
        data = self.data.isoformat(timespec="seconds")
        return {
            "ordem": ordem,
            "descricao": "***",
            "retirado": False,
            **_sigilo(self.hipotese_legal),
            "dataHoraDeProducao": data,
            "dataHoraDeRegistro": data,
            "produtor": {
                "nome": self.produtor,
                "numeroDeIdentificacao": self.protocolo,
                "tipo": "fisica",
                "unidade": {"nome": self.unidade, "tipo": "orgaopublico"},
            },
            "especie": {"codigo": self.especie_codigo, "nomeNoProdutor": self.especie_nome},
            "identificacao": {
                "numero": self.numero,
                "siglaDaUnidadeProdutora": self.sigla_unidade,
                "ano": str(self.data.year),
            },
            "componentesDigitais": [c.como_json(i) for i, c in enumerate(self.componentes, start=1)],
        } | ({"protocoloDoProcessoAnexado": self.processo_anexado} if self.processo_anexado else {})


def _sigilo(hipotese_legal: int | None) -> dict:
    """`nivelDeSigilo` "1" (público), or "2" (restrito) with its `hipoteseLegal` (`docs/api-tramita.md` §2.8.1)."""
    if hipotese_legal is None:
        return {"nivelDeSigilo": "1"}
    return {"nivelDeSigilo": "2", "hipoteseLegal": {"identificacao": hipotese_legal}}


@dataclass(frozen=True)
class DocumentoAMais:
    """A third document, made for a destination to refuse it: of this espécie, in this format, of this size."""

    especie_codigo: int
    especie_nome: str
    extensao: str = "txt"
    tamanho_minimo: int = 0  # bytes: the file is padded up to it
    para_que: str = ""  # for the operator: why it goes

    @property
    def mime_type(self) -> str:
        return {"pdf": "application/pdf", "html": "text/html", "txt": "text/plain"}.get(self.extensao, "outro")


@dataclass(frozen=True)
class Variante:
    """What a case of the extended profile changes in the test processo; the default is the minimum's."""

    avulso: bool = False  # a documento avulso (`tramites/documento`), not a processo
    componentes_por_documento: int = 1
    restrito: bool = False  # nível de sigilo 2, under a hipótese legal the platform lists as active
    a_mais: DocumentoAMais | None = None  # a third document the destination does not take
    anexado: bool = False  # a further document from another processo, anexado to this one
    apensado: bool = False  # another processo, apensado to this one (`processoApensado`)


DO_MINIMO = Variante()  # the processo of the minimum requirements


def marca_de_teste(sigla: str) -> str:
    """How PEN asks test processos to be described in produção: `TESTE – <sigla do órgão>`."""
    return f"TESTE – {sigla}"


def descricao_para_digitar(sigla: str, codigo: str, requisito: str) -> str:
    """The descrição a person types in the organ's SPE: the test mark with plain hyphens (SEI keeps ISO-8859-1,
    which has no en dash, so "–" could come back altered), the campaign's code and the requirement."""
    return " - ".join((marca_de_teste(sigla).replace("–", "-"), codigo, requisito))


@dataclass(frozen=True)
class ProcessoDeTeste:
    protocolo: str
    marca: str
    processo_de_negocio: str
    descricao: str
    interessados: tuple[str, ...]
    produtor: str
    cpf_produtor: str
    unidade: str
    data: datetime
    documentos: tuple[DocumentoDeTeste, ...]
    variante: Variante = DO_MINIMO
    hipotese_legal: int | None = None  # of a restrito one
    apensados: tuple[ProcessoDeTeste, ...] = ()

    @property
    def componentes(self) -> list[ComponenteDeTeste]:
        """Its documents' components, then its apensados'."""
        return [c for d in self.documentos for c in d.componentes] + [c for a in self.apensados for c in a.componentes]

    def como_json(self) -> dict:
        """The `processo` of `POST tramites/processo`, or the `documento` of `POST tramites/documento`."""
        if self.variante.avulso:
            return (
                self.documentos[0].como_json(1)
                | {
                    "staTipoProtocolo": "D",
                    "protocolo": self.protocolo,
                    "descricao": self.descricao[:100],  # carries the test mark, as a processo's does
                    "interessados": [{"nome": nome[:150]} for nome in self.interessados],
                }
            )
        data = self.data.isoformat(timespec="seconds")
        return {
            "staTipoProtocolo": "P",
            "protocolo": self.protocolo,
            **_sigilo(self.hipotese_legal),
            "processoDeNegocio": self.processo_de_negocio[:100],
            "descricao": self.descricao[:100],
            "dataHoraDeProducao": data,
            "dataHoraDeRegistro": data,
            "produtor": {
                "nome": self.produtor,
                "tipo": "fisica",
                "numeroDeIdentificacao": int(re.sub(r"\D", "", self.cpf_produtor)),
                "unidade": {"nome": self.unidade, "tipo": "orgaopublico"},
            },
            "interessados": [{"nome": nome[:150]} for nome in self.interessados],
            "documentos": [d.como_json(i) for i, d in enumerate(self.documentos, start=1)],
            "itensHistorico": [
                {
                    "dataHoraOperacao": data,
                    "unidadeOperacao": self.unidade,
                    "operacao": "Processo restrito gerado" if self.hipotese_legal else "Processo público gerado",
                    "usuario": self.produtor,
                }
            ],
        } | ({"processoApensado": [a.como_json() for a in self.apensados]} if self.apensados else {})


def _digito_mod11(numero: str) -> int:
    soma = sum(int(d) * peso for d, peso in zip(reversed(numero), range(2, 2 + len(numero)), strict=True))
    return (11 - soma % 11) % 10


def gerar_nup(faker: Faker, ano: int) -> str:
    """A Número Único de Protocolo `NNNNN.NNNNNN/AAAA-DD` with mod-11 check digits."""
    base = f"{faker.numerify('#####')}{faker.numerify('######')}{ano}"
    dv1 = _digito_mod11(base)
    dv2 = _digito_mod11(base + str(dv1))
    return f"{base[:5]}.{base[5:11]}/{base[11:]}-{dv1}{dv2}"


def _escrever_pdf(caminho: Path, linhas: list[str]) -> None:
    from fpdf import FPDF  # loaded when a PDF is written: it costs every command a fifth of its start

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Portuguese accents and the en dash of "TESTE –"
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for linha in linhas:
        pdf.multi_cell(0, 7, linha)
        pdf.ln(2)
    caminho.write_bytes(bytes(pdf.output()))


def _escrever_html(caminho: Path, titulo: str, linhas: list[str]) -> None:
    corpo = "".join(f"<p>{html.escape(linha)}</p>" for linha in linhas)
    caminho.write_text(
        f'<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>{html.escape(titulo)}</title>'
        f"</head><body>{corpo}</body></html>",
        encoding="utf-8",
    )


def _componente(caminho: Path, mime_type: str) -> ComponenteDeTeste:
    hash_, tamanho = hash_de_arquivo(caminho)
    return ComponenteDeTeste(caminho, caminho.name, mime_type, hash_, tamanho)


def _escrever_anexo(caminho: Path, titulo: str, linhas: list[str]) -> None:
    caminho.write_text("\n".join([titulo, *linhas]) + "\n", encoding="utf-8")


def documento_grande(tamanho: int) -> DocumentoAMais:
    """A further Despacho in text of `tamanho` bytes: larger than a transfer block, it goes in parts."""
    return DocumentoAMais(ESPECIES["Despacho"], "Despacho", "txt", tamanho, "maior que o bloco de transferência")


def _sem_acentos(texto: str) -> str:
    return unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode("ascii")


def _completar_ate(caminho: Path, tamanho: int) -> None:
    """Lines of text appended until the file has `tamanho` bytes (a large component, still readable)."""
    falta = tamanho - caminho.stat().st_size
    if falta > 0:
        linha = b"Linha de preenchimento do componente de teste grande.\n"
        with caminho.open("ab") as arquivo:
            arquivo.write((linha * (falta // len(linha) + 1))[:falta])


DOCUMENTOS = (("Ofício", "pdf", "application/pdf"), ("Despacho", "html", "text/html"))
ESPECIES = {"Ofício": 42, "Despacho": 25}  # their codes in the platform's list
ANEXOS = (("html", "text/html"), ("txt", "text/plain"))  # the further components of a document, in turn


def gerar_processo_de_teste(
    faker: Faker,
    pasta: Path,
    *,
    unidade: str,
    sigla_unidade: str,
    marca: str = "",
    especies: dict[str, int] | None = None,
    variante: Variante = DO_MINIMO,
    hipotese_legal: int | None = None,
) -> ProcessoDeTeste:
    """A processo with an Ofício (PDF) and a Despacho (HTML), written under `pasta`; a documento avulso is the
    Ofício alone. With `variante.componentes_por_documento` > 1, each document carries further components
    (its anexos, HTML and text in turn).

    `marca` (`marca_de_teste(sigla)`) starts the description and the first line of every document,
    as PEN asks for production tests. `especies` maps names to the platform's codes. A restrito one, and its
    documents, go under `hipotese_legal`.
    """
    if variante.restrito != (hipotese_legal is not None):
        raise ValueError("um processo restrito, e só ele, leva a hipótese legal")
    especies = especies or ESPECIES
    agora = datetime.now(FUSO_BRASILIA).replace(microsecond=0)
    pasta.mkdir(parents=True, exist_ok=True)
    processo_de_negocio, assunto = faker.random_element(ASSUNTOS)
    descricao = f"{marca} – {assunto}" if marca else assunto
    interessados = (faker.name(), faker.company())
    produtor = faker.name()
    cabecalho = [marca] if marca else []
    nup = gerar_nup(faker, agora.year)
    prefixo = re.sub(r"\W", "", nup)

    documentos = []
    a_mais = variante.a_mais
    modelos = [(nome, especies[nome], ext, mime, "") for nome, ext, mime in DOCUMENTOS[: 1 if variante.avulso else 2]]
    if variante.anexado:  # the anexado processo's Despacho, after the processo's own documents
        modelos.append(("Despacho", especies["Despacho"], "html", "text/html", gerar_nup(faker, agora.year)))
    if a_mais is not None:
        modelos.append((a_mais.especie_nome, a_mais.especie_codigo, a_mais.extensao, a_mais.mime_type, ""))
    for ordem, (especie, codigo, extensao, mime_type, anexado) in enumerate(modelos, 1):
        numero = faker.random_int(1, 999)
        titulo = f"{especie.upper()} Nº {numero}/{agora.year}/{sigla_unidade}"
        linhas = [
            *cabecalho,
            titulo,
            f"Interessados: {'; '.join(interessados)}",
            f"Assunto: {assunto}",
            *faker.random_elements(PARAGRAFOS, length=2, unique=True),
            f"{produtor}, {faker.job()}",
        ]
        base = pasta / f"{prefixo}-{ordem}-{_sem_acentos(especie).lower()}"
        caminho = base.with_suffix(f".{extensao}")
        if extensao == "pdf":
            _escrever_pdf(caminho, linhas)
        elif extensao == "html":
            _escrever_html(caminho, titulo, linhas)
        else:
            _escrever_anexo(caminho, titulo, linhas)
        if a_mais is not None and ordem == len(modelos):
            _completar_ate(caminho, a_mais.tamanho_minimo)
        componentes = [_componente(caminho, mime_type)]
        for anexo in range(1, variante.componentes_por_documento):
            extensao_do_anexo, mime_do_anexo = ANEXOS[(anexo - 1) % len(ANEXOS)]
            caminho_do_anexo = pasta / f"{base.name}-anexo{anexo}.{extensao_do_anexo}"
            titulo_do_anexo = f"Anexo {anexo} do {titulo}"
            if extensao_do_anexo == "html":
                _escrever_html(caminho_do_anexo, titulo_do_anexo, [*cabecalho, faker.random_element(PARAGRAFOS)])
            else:
                _escrever_anexo(caminho_do_anexo, titulo_do_anexo, [*cabecalho, faker.random_element(PARAGRAFOS)])
            componentes.append(_componente(caminho_do_anexo, mime_do_anexo))
        documentos.append(
            DocumentoDeTeste(
                protocolo=faker.numerify("#######"),
                especie_codigo=codigo,
                especie_nome=especie,
                numero=numero,
                sigla_unidade=sigla_unidade,
                produtor=produtor,
                unidade=unidade,
                data=agora,
                componentes=tuple(componentes),
                hipotese_legal=hipotese_legal,
                processo_anexado=anexado,
            )
        )
    return ProcessoDeTeste(
        protocolo=nup,
        marca=marca,
        processo_de_negocio=processo_de_negocio,
        descricao=descricao,
        interessados=interessados,
        produtor=produtor,
        cpf_produtor=faker.cpf(),
        unidade=unidade,
        data=agora,
        documentos=tuple(documentos),
        variante=variante,
        hipotese_legal=hipotese_legal,
        apensados=(
            gerar_processo_de_teste(
                faker, pasta / "apensado", unidade=unidade, sigla_unidade=sigla_unidade, marca=marca
            ),
        )
        if variante.apensado
        else (),
    )
