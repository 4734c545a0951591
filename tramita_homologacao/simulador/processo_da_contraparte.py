"""The processos a simulated counterpart sends, made by the simulator itself from the API's shape
(`docs/api-tramita.md` §2.8.1): never by the harness's generator, so that a defect there is not
shared, and hidden, by the platform it is tested against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from faker import Faker

from tramita_homologacao.protocolo.dominio import ALGORITMO_HASH
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.horario import BRASILIA

ESPECIES = ((42, "Ofício", "application/pdf", "pdf"), (25, "Despacho", "text/html", "html"))
# What processo_da_contraparte draws from: a Faker with every provider costs ~20 ms to make, one with these ~1 ms.
PROVEDORES_DO_FAKER = [f"faker.providers.{nome}" for nome in ("person", "company", "lorem")]
CERTIDAO = 13  # in PEN's list of espécies documentais


@dataclass(frozen=True)
class ProcessoDaContraparte:
    protocolo: dict  # the `processo` of POST tramites/processo (or the `documento` of tramites/documento)
    conteudos: tuple[tuple[str, bytes], ...]  # (hash, bytes) of each component, in order
    tipo: str = "P"  # "D": a documento avulso


@dataclass(frozen=True)
class DocumentoAMais:
    """A further document, of this espécie, in this format, of at least this size (one a destination may refuse)."""

    codigo: int = CERTIDAO
    especie: str = "Certidão"
    formato: str = "pdf"
    tamanho: int = 0


@dataclass(frozen=True)
class Forma:
    """What an SPE's operator was told to make (the extended profile's cases); the default, a plain processo."""

    avulso: bool = False  # a documento avulso: the Ofício alone
    componentes_por_documento: int = 1  # the further ones are anexos in HTML
    hipotese_legal: int | None = None  # restrito (nível 2) under it, the processo and every document
    a_mais: DocumentoAMais | None = None
    anexado: bool = False  # a Despacho from another processo, anexado (protocoloDoProcessoAnexado)
    apensado: bool = False  # another processo, apensado (processoApensado)


PROCESSO_SIMPLES = Forma()


def _sigilo(hipotese_legal: int | None) -> dict:
    if hipotese_legal is None:
        return {"nivelDeSigilo": "1"}
    return {"nivelDeSigilo": "2", "hipoteseLegal": {"identificacao": hipotese_legal}}


def _componente(ordem: int, nome: str, conteudo: bytes, mime_type: str) -> dict:
    return {
        "ordem": ordem,
        "nome": nome,
        "hash": {"algoritmo": ALGORITMO_HASH, "conteudo": hash_de_bytes(conteudo)},
        "tamanhoEmBytes": len(conteudo),
        "mimeType": mime_type,
        "tipoDeConteudo": "txt",
    }


def _pdf(linhas: list[str]) -> bytes:
    """A one-page PDF with the lines as text (enough for any reader; the platform only hashes it)."""
    texto = " ".join(f"({linha.encode('latin-1', 'replace').decode('latin-1')}) Tj T*" for linha in linhas)
    fluxo = f"BT /F1 11 Tf 14 TL 56 780 Td {texto} ET".encode("latin-1")
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(fluxo) + fluxo + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    saida, posicoes = bytearray(b"%PDF-1.4\n"), []
    for numero, objeto in enumerate(objetos, start=1):
        posicoes.append(len(saida))
        saida += b"%d 0 obj\n" % numero + objeto + b"\nendobj\n"
    inicio_xref = len(saida)
    saida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    saida += b"".join(b"%010d 00000 n \n" % p for p in posicoes)
    saida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objetos) + 1, inicio_xref)
    return bytes(saida)


def _html(linhas: list[str]) -> bytes:
    corpo = "".join(f"<p>{linha}</p>" for linha in linhas)
    return f'<!DOCTYPE html><html lang="pt-BR"><meta charset="utf-8"><body>{corpo}</body></html>'.encode()


def novo_faker() -> Faker:
    """The Faker that processo_da_contraparte needs (sentences, names, companies in Brazilian Portuguese)."""
    return Faker("pt_BR", providers=PROVEDORES_DO_FAKER)


def processo_da_contraparte(
    faker: Faker, unidade: str, sigla: str, marca: str = "", extensao: str = "", forma: Forma = PROCESSO_SIMPLES
) -> ProcessoDaContraparte:
    """A processo of two documents (an Ofício in PDF, a Despacho in HTML) from `unidade`; `marca` starts its
    description and every document, as PEN's test processos do. With `extensao`, a third document: a Certidão
    in that file format (one the destination may not accept). `forma`: what the extended profile's case asks."""
    agora = datetime.now(BRASILIA).replace(microsecond=0)
    data = agora.isoformat(timespec="seconds")
    assunto = faker.sentence(nb_words=6).rstrip(".")
    produtor = faker.name()
    nup = f"{faker.numerify('#####')}.{faker.numerify('######')}/{agora.year}-{faker.numerify('##')}"
    descricao = (f"{marca} – {assunto}" if marca else assunto)[:100]
    documentos, conteudos = [], []
    a_mais = forma.a_mais or (DocumentoAMais(formato=extensao) if extensao else None)
    especies = [(*e, "") for e in ESPECIES[: 1 if forma.avulso else 2]]
    if forma.anexado:
        numero_do_anexado = f"{faker.numerify('#####')}.{faker.numerify('######')}/{agora.year}-{faker.numerify('##')}"
        especies.append((*ESPECIES[1], numero_do_anexado))
    if a_mais is not None:
        especies.append((a_mais.codigo, a_mais.especie, "outro", a_mais.formato, ""))
    for ordem, (codigo, especie, mime_type, formato, anexado) in enumerate(especies, 1):
        numero = faker.random_int(1, 999)
        linhas = [*([marca] if marca else []), f"{especie.upper()} Nº {numero}/{agora.year}/{sigla}", assunto]
        conteudo = _html(linhas) if formato == "html" else _pdf(linhas)
        if a_mais is not None and ordem == len(especies):
            conteudo += b"\n" * max(0, a_mais.tamanho - len(conteudo))  # after a PDF's end: still a PDF
        arquivos = [(f"{especie.lower()}-{numero}.{formato}", conteudo, mime_type)]
        arquivos += [
            (f"{especie.lower()}-{numero}-anexo{k}.html", _html([*linhas, f"Anexo {k}"]), "text/html")
            for k in range(1, forma.componentes_por_documento)
        ]
        conteudos += [(hash_de_bytes(conteudo), conteudo) for _, conteudo, _ in arquivos]
        documentos.append(
            {
                "ordem": ordem,
                "descricao": "***",
                "retirado": False,
                **_sigilo(forma.hipotese_legal),
                "dataHoraDeProducao": data,
                "dataHoraDeRegistro": data,
                "produtor": {"nome": produtor, "tipo": "fisica", "unidade": {"nome": unidade, "tipo": "orgaopublico"}},
                "especie": {"codigo": codigo, "nomeNoProdutor": especie},
                "identificacao": {"numero": numero, "siglaDaUnidadeProdutora": sigla, "ano": str(agora.year)},
                "componentesDigitais": [
                    _componente(i, nome, conteudo, mime) for i, (nome, conteudo, mime) in enumerate(arquivos, 1)
                ],
            }
            | ({"protocoloDoProcessoAnexado": anexado} if anexado else {})
        )
    interessados = [{"nome": faker.company()}]
    if forma.avulso:  # docs/api-tramita.md §2.8.4: a documentos[] item, with the protocolo and type of its own
        documento = documentos[0] | {
            "staTipoProtocolo": "D",
            "protocolo": nup,
            "descricao": descricao,
            "interessados": interessados,
        }
        return ProcessoDaContraparte(documento, tuple(conteudos), "D")
    protocolo = {
        "staTipoProtocolo": "P",
        "protocolo": nup,
        **_sigilo(forma.hipotese_legal),
        "processoDeNegocio": "Processo de teste",
        "descricao": descricao,
        "dataHoraDeProducao": data,
        "dataHoraDeRegistro": data,
        "produtor": {"nome": produtor, "tipo": "fisica", "unidade": {"nome": unidade, "tipo": "orgaopublico"}},
        "interessados": interessados,
        "documentos": documentos,
    }
    if forma.apensado:  # a whole processo of its own, under its own NUP
        apensado = processo_da_contraparte(faker, unidade, sigla, marca)
        protocolo["processoApensado"] = [apensado.protocolo]
        conteudos += apensado.conteudos
    return ProcessoDaContraparte(protocolo, tuple(conteudos))
