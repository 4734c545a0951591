"""Reading an environment file: UTF-8 (with or without BOM) TOML, every mistake explained in Portuguese.

Editors on Windows save UTF-16 or Windows-1252, and paths copied from Explorer carry backslashes that
TOML reads as escapes: each gets a message that says what happened and how to fix it.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path

from tramita_homologacao.problemas import ProblemaConhecido


class ErroDeAmbiente(ProblemaConhecido):
    """The environment file is missing or wrong; the message says which and how to fix it."""

    titulo = "Erro no ambiente"


_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
_SALVAR_EM_UTF8 = (
    "Salve-o em UTF-8 (no Bloco de Notas: Arquivo > Salvar como > Codificação: UTF-8; no VS Code: clique na "
    "codificação na barra inferior > Salvar com codificação > UTF-8)."
)
# tomllib's messages (English, "… (at line N, column M)") and what they mean for someone editing the file.
_ERROS_DE_TOML = {
    "Invalid hex value": "código de escape inválido dentro de aspas duplas",
    "Unescaped '\\' in a string": "barra invertida (\\) sem escape dentro de aspas duplas",
    "Cannot overwrite a value": "o mesmo campo ou seção aparece duas vezes",
    "Cannot declare": "a mesma seção aparece duas vezes",
    "Invalid value": "valor inválido (textos vão entre aspas; números e true/false sem aspas)",
    "Unterminated string": "texto sem as aspas de fechamento",
    "Unclosed array": "lista sem o ] de fechamento",
    "Expected '=' after a key": "falta o = entre o nome do campo e o valor",
    "Expected ']' at the end of a table declaration": "falta o ] que fecha o nome da seção",
    "Expected newline or end of document": "sobra texto depois do valor (um comentário começa com #)",
    "Illegal character": "caractere não permitido",
}
_BARRAS_INVERTIDAS = (
    "Entre aspas duplas a barra invertida inicia um código de escape (\\t, \\n, \\U…). Num caminho do Windows, "
    "use aspas simples ('C:\\Users\\ana\\certificado.p12') ou barras normais (\"C:/Users/ana/certificado.p12\")."
)
_CAMPOS_DE_CAMINHO = (("certificado", "arquivo"), ("certificado", "chave"), ("conexao", "ca"), ("livro",))


def ler_toml(caminho: Path) -> dict:
    """The file as a TOML table: UTF-8 with or without BOM; every mistake explained in Portuguese."""
    bruto = caminho.read_bytes()
    codificacao = next((nome for bom, nome in _BOMS.items() if bruto.startswith(bom)), None)
    if codificacao is None and b"\x00" in bruto:  # UTF-16 without a BOM: every other byte of ASCII text is zero
        codificacao = "UTF-16"
    if codificacao:
        raise ErroDeAmbiente(f"O arquivo {caminho} está em {codificacao}. {_SALVAR_EM_UTF8}")
    try:
        texto = bruto.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as erro:
        linha = bruto[: erro.start].count(b"\n") + 1
        raise ErroDeAmbiente(
            f"O arquivo {caminho} não está em UTF-8 (caractere inválido na linha {linha}; costuma ser um acento "
            f"salvo em outra codificação, como Windows-1252). {_SALVAR_EM_UTF8}"
        ) from None
    try:
        dados = tomllib.loads(texto)
    except tomllib.TOMLDecodeError as erro:
        raise ErroDeAmbiente(_explicar_toml(caminho, texto, str(erro))) from None
    for campo in _CAMPOS_DE_CAMINHO:
        valor = _valor(dados, campo)
        if isinstance(valor, str) and any(ord(c) < 0x20 for c in valor):
            raise ErroDeAmbiente(
                f"O caminho em {'.'.join(campo)} do arquivo {caminho} contém caracteres de controle: uma barra "
                f"invertida entre aspas duplas virou código de escape. {_BARRAS_INVERTIDAS}"
            )
    return dados


def _valor(dados: dict, campo: tuple[str, ...]) -> object:
    for parte in campo:
        if not isinstance(dados, dict):
            return None
        dados = dados.get(parte)  # type: ignore[assignment]
    return dados


def _explicar_toml(caminho: Path, texto: str, erro: str) -> str:
    posicao = re.search(r"\(at line (\d+), column (\d+)\)", erro)
    original = re.sub(r"\s*\(at .*\)$", "", erro)
    explicacao = next((pt for en, pt in _ERROS_DE_TOML.items() if original.startswith(en)), "erro de sintaxe")
    if posicao is None:
        onde, trecho = "no fim do arquivo", ""
    else:
        numero = int(posicao.group(1))
        onde = f"na linha {numero}, coluna {posicao.group(2)}"
        trecho = f"\n    {numero} | {texto.splitlines()[numero - 1]}"
    dica = _BARRAS_INVERTIDAS if "\\" in trecho else "Corrija e execute de novo."
    return f"O arquivo {caminho} tem um erro {onde}: {explicacao} (leitor TOML: {original}).{trecho}\n{dica}"
