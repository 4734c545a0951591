"""Where environment files are found: the organ's own (`meus-ambientes/`, never tracked) before the templates.

The templates in `environments/` ship with the harness and change with it (`git pull`); the organ fills a copy
made by `novo-ambiente`, so its data never conflicts with an update and the harness's tests never read it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tramita_homologacao.configuracao.arquivo_toml import ErroDeAmbiente
from tramita_homologacao.problemas import motivo_do_sistema

VARIAVEL_AMBIENTE = "TRAMITA_AMBIENTE"
VARIAVEL_MEUS_AMBIENTES = "TRAMITA_MEUS_AMBIENTES"  # another folder for the organ's files
AMBIENTE_PADRAO = "local"
NOMES_RESERVADOS_DO_WINDOWS = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
REGRA_DO_NOME = (
    "use só letras, números, espaço, hífen, ponto e sublinhado, começando por letra ou número (até 64 caracteres), "
    "sem apontar para fora da pasta"
)


def e_nome_de_pasta(nome: str) -> bool:
    """A plain file or folder name on Windows as on Linux: never a path, never a reserved device name."""
    reservado = nome.split(".")[0].upper() in NOMES_RESERVADOS_DO_WINDOWS
    simples = bool(re.fullmatch(r"[^\W_][\w .-]{0,63}", nome)) and ".." not in nome and nome[-1] not in ". "
    return simples and not reservado


def pasta_de_modelos() -> Path:
    """`environments/` of the current folder, else of the project this package is installed from."""
    local = Path.cwd() / "environments"
    return local if local.is_dir() else Path(__file__).resolve().parents[2] / "environments"


def pasta_do_orgao() -> Path:
    """`meus-ambientes/` beside the templates, or the folder `TRAMITA_MEUS_AMBIENTES` names."""
    definida = os.environ.get(VARIAVEL_MEUS_AMBIENTES)
    return Path(definida) if definida else pasta_de_modelos().parent / "meus-ambientes"


def modelos() -> list[str]:
    return sorted(p.stem for p in pasta_de_modelos().glob("*.toml"))


def e_modelo(caminho: Path) -> bool:
    return caminho.resolve().parent == pasta_de_modelos().resolve()


def pelo_nome(nome: str) -> Path | None:
    """The file `--ambiente <nome>` means: the organ's copy if there is one, else the template."""
    for pasta in (pasta_do_orgao(), pasta_de_modelos()):
        if (pasta / f"{nome}.toml").is_file():
            return pasta / f"{nome}.toml"
    return None


def resolver_arquivo(nome_ou_caminho: str | None) -> Path:
    escolhido = nome_ou_caminho or os.environ.get(VARIAVEL_AMBIENTE) or AMBIENTE_PADRAO
    caminho = Path(escolhido)
    if caminho.suffix == ".toml" or caminho.parent != Path("."):
        if not caminho.is_file():
            raise ErroDeAmbiente(f"Arquivo de ambiente não encontrado: {caminho}.")
        return caminho
    achado = pelo_nome(escolhido)
    if achado is None:
        proprios = sorted(p.stem for p in pasta_do_orgao().glob("*.toml"))
        raise ErroDeAmbiente(
            f"Ambiente '{escolhido}' não encontrado em {pasta_do_orgao()} nem em {pasta_de_modelos()}. "
            f"Ambientes do órgão: {', '.join(proprios) or 'nenhum'}; modelos: {', '.join(modelos()) or 'nenhum'}. "
            "Informe o caminho de um arquivo .toml, ou crie o arquivo do órgão a partir de um modelo com:"
            f"\n    tramita-homologacao novo-ambiente MODELO {escolhido}"
        )
    return achado


def criar_do_modelo(modelo: str, nome: str) -> Path:
    """Copies the template `modelo` to `meus-ambientes/<nome>.toml`, never over an existing file."""
    origem = pasta_de_modelos() / f"{modelo}.toml"
    if not origem.is_file():
        raise ErroDeAmbiente(f"Modelo '{modelo}' não existe em {pasta_de_modelos()}. Modelos: {', '.join(modelos())}.")
    if not e_nome_de_pasta(nome):
        raise ErroDeAmbiente(f"Nome de ambiente inválido '{nome}': {REGRA_DO_NOME}.")
    destino = pasta_do_orgao() / f"{nome}.toml"
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
        with destino.open("xb") as arquivo:  # never over an existing file, even one made a moment ago
            arquivo.write(origem.read_bytes())
    except FileExistsError:
        raise ErroDeAmbiente(
            f"O arquivo {destino} já existe e não foi alterado: abra-o para editar, ou escolha outro nome "
            f"(tramita-homologacao novo-ambiente {modelo} OUTRO-NOME)."
        ) from None
    except OSError as erro:
        raise ErroDeAmbiente(
            f"Não foi possível criar {destino}: {motivo_do_sistema(erro)}. Libere a gravação na pasta "
            f"ou indique outra na variável {VARIAVEL_MEUS_AMBIENTES}."
        ) from None
    return destino
