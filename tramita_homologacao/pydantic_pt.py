"""Pydantic's validation errors in Portuguese: one line per field, with what is wrong and what is allowed.

Shared by the environment file and the simulator's control API; the value given is never repeated
(it may be a password typed in the wrong place).
"""

from __future__ import annotations

from pydantic import ValidationError

MENSAGENS = {
    "missing": "campo obrigatório ausente",
    "extra_forbidden": "campo desconhecido (verifique a grafia)",
    "int_parsing": "deve ser um número inteiro",
    "int_type": "deve ser um número inteiro",
    "int_from_float": "deve ser um número inteiro (sem casas decimais)",
    "float_parsing": "deve ser um número",
    "float_type": "deve ser um número",
    "bool_parsing": "deve ser true ou false",
    "bool_type": "deve ser true ou false",
    "string_type": "deve ser um texto",
    "string_too_short": "não pode ser vazio",
    "string_too_long": "texto longo demais",
    "string_pattern_mismatch": "formato inválido",
    "literal_error": "valor não permitido",
    "greater_than": "deve ser maior que zero",
    "greater_than_equal": "valor abaixo do mínimo",
    "less_than_equal": "valor acima do máximo",
    "less_than": "valor acima do máximo",
    "model_type": "deve ser um objeto",
    "model_attributes_type": "deve ser um objeto",
    "dict_type": "deve ser um objeto",
    "list_type": "deve ser uma lista",
    "too_short": "lista curta demais",
    "too_long": "lista longa demais",
    "json_invalid": "JSON inválido",
    "enum": "valor não permitido",
    "pattern_mismatch": "formato inválido",
    "finite_number": "deve ser um número finito",
}
# In an environment file (TOML) the same mistakes read in the file's own terms.
MENSAGENS_TOML = {
    **MENSAGENS,
    "string_type": "deve ser um texto entre aspas",
    "string_pattern_mismatch": "formato inválido (exemplo: v3)",
    "model_type": "deve ser uma seção (tabela TOML)",
    "dict_type": "deve ser uma seção (tabela TOML)",
}

LIMITES = {"le": "máximo", "lt": "abaixo de", "ge": "mínimo", "max_length": "no máximo, em caracteres:"}


def explicar_validacao(erro: ValidationError, mensagens: dict[str, str] = MENSAGENS) -> str:
    linhas = []
    for item in erro.errors():
        campo = ".".join(str(p) for p in item["loc"]) or "(corpo)"
        texto = mensagens.get(item["type"], item["msg"])
        contexto = item.get("ctx") or {}
        limite = next((f"{nome} {contexto[chave]}" for chave, nome in LIMITES.items() if chave in contexto), "")
        permitido = str(contexto["expected"]).replace(" or ", " ou ") if "expected" in contexto else ""
        linhas.append(
            f"  - {campo}: {texto}"
            + (f" (permitidos: {permitido})" if permitido else "")
            + (f" ({limite})" if limite and item["type"] not in ("greater_than",) else "")
        )
    return "\n".join(linhas)
