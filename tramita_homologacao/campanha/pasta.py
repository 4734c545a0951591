"""Where an environment's campaign lives, and the commands to go on with it, printed as they can be run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.localizacao import AMBIENTE_PADRAO, pelo_nome
from tramita_homologacao.problemas import ProblemaConhecido, motivo_do_sistema

PROJETO = Path(__file__).resolve().parents[2]
COM_RELATORIOS = frozenset({"executar", "acompanhar", "relatorio", "adotar"})  # the commands taking --relatorios
VARIAVEL_RELATORIOS = "TRAMITA_RELATORIOS"  # another folder for every campaign's folder


def pasta_padrao(ambiente: Ambiente) -> Path:
    """`reports/<ambiente>/` of the harness's own folder (the same whatever the current directory), or
    `<TRAMITA_RELATORIOS>/<ambiente>/`."""
    definida = os.environ.get(VARIAVEL_RELATORIOS)
    return (Path(definida).resolve() if definida else PROJETO / "reports") / ambiente.nome


def pasta_da_campanha(ambiente: Ambiente, relatorios: Path | None) -> Path:
    return relatorios.resolve() if relatorios is not None else pasta_padrao(ambiente)


class PastaInutilizavel(ProblemaConhecido):
    titulo = "Pasta da campanha"


def preparar_pasta(pasta: Path) -> None:
    """The campaign folder exists and takes files, checked before anything is done (a file is written and removed)."""
    try:
        pasta.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=pasta):
            pass
    except OSError as erro:
        raise PastaInutilizavel(
            f"Não é possível gravar na pasta da campanha {pasta}: {motivo_do_sistema(erro)}. Libere a gravação nela "
            "ou escolha outra pasta com --relatorios; nada foi feito."
        ) from None


def comando_sugerido(comando: str, ambiente: Ambiente, relatorios: Path | None, *extras: str) -> str:
    """`tramita-homologacao <comando> …` with `--ambiente`/`--relatorios` whenever they are not the defaults."""
    partes = ["tramita-homologacao", comando, *extras]
    arquivo = ambiente.arquivo
    achado = pelo_nome(ambiente.nome)
    if arquivo is not None and (achado is None or arquivo.resolve() != achado.resolve()):
        partes += ["--ambiente", _citado(str(arquivo))]
    elif ambiente.nome != AMBIENTE_PADRAO:
        partes += ["--ambiente", ambiente.nome]
    if comando in COM_RELATORIOS and relatorios is not None and relatorios.resolve() != pasta_padrao(ambiente):
        partes += ["--relatorios", _citado(str(relatorios.resolve()))]
    return " ".join(partes)


def para_copiar(comando: str) -> str:
    """A command set apart at the end of a message, on its own line (messages are never wrapped: it is copied whole)."""
    return f"\n    {comando}"


def _citado(texto: str) -> str:
    return f'"{texto}"' if " " in texto else texto
