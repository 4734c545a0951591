"""Environment files for tests: the shipped local one pointed at a running simulator, or a TLS one."""

from __future__ import annotations

from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
LOCAL = (RAIZ / "environments" / "local.toml").read_text(encoding="utf-8")
VARIAVEL_DA_SENHA = "TRAMITA_SENHA_DE_TESTE"
# `python -m tramita_homologacao` with Ctrl-C turned on: a child of a background job inherits SIGINT
# ignored, and the tests that press Ctrl-C must not depend on how the suite was started.
COM_CTRL_C = [
    "-c",
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'tramita-homologacao'; runpy.run_module('tramita_homologacao', run_name='__main__')",
]
DISIS = (1, 200110)


def ambiente_apontando_para(simulador, pasta: Path, limite_segundos: float = 10) -> Path:
    """The shipped local environment, pointed at an already running simulator instead of an embedded one."""
    texto = LOCAL.replace("[simulador]", f'url_api = "{simulador.url_raiz}interoperabilidade/rest/"\n\n[simulador]', 1)
    texto = texto.replace("limite_segundos = 20", f"limite_segundos = {limite_segundos}")
    caminho = pasta / "teste.toml"
    caminho.write_text(texto, encoding="utf-8")
    return caminho


def _contrapartes(unidades: dict[str, tuple[int, int]]) -> str:
    return "".join(
        f'\n[contrapartes.{requisito}]\ndescricao = "contraparte de {requisito}"\nrepositorio = {r}\nestrutura = {e}\n'
        + (f'sistema_simulado = "{sistema}"\n' if sistema else "")
        for requisito, (r, e, sistema) in unidades.items()
    )


def ambiente_tls(
    simulador,
    pasta: Path,
    certificado: Path,
    ca: Path,
    *,
    tipo: str = "simulador",
    nome: str = "tls",
    unidade_envio: int = 100001,
    limite_segundos: float = 10,
) -> Path:
    """An environment reaching the simulator over mutual TLS with the organ's certificate, as a real one would."""
    if tipo == "producao":
        unidades = {r: (*DISIS, None) for r in ("envio", "recebimento", "recusa", "cancelamento")}
        producao = f'\n[producao]\ndescricao = "DISIS/MGI"\nrepositorio = {DISIS[0]}\nestrutura = {DISIS[1]}\n'
    else:
        unidades = {
            "envio": (2, 300001, "SEI-ORGAO1"),
            "recebimento": (2, 300002, "SEI-ORGAO2"),
            "recusa": (2, 300002, "SEI-ORGAO2"),
            "cancelamento": (2, 300003, "SEI-ORGAO3"),
        }
        producao = ""
    texto = f'''
descricao = "Simulador com TLS mútuo, como a homologação"
tipo = "{tipo}"
url_api = "{simulador.url_raiz}interoperabilidade/rest/"
versao_api = "v3"

[certificado]
arquivo = "{certificado.as_posix()}"
origem_da_senha = "variavel"
variavel_da_senha = "{VARIAVEL_DA_SENHA}"

[orgao]
nome = "Agência Nacional de Exemplo"
sigla = "ANEX"
repositorio = 1
unidade_envio = {unidade_envio}
unidade_recebimento = 100002
{producao}{_contrapartes(unidades)}
[espera]
intervalo_segundos = 0.1
intervalo_maximo_segundos = 0.5
limite_segundos = {limite_segundos}

[conexao]
ca = "{ca.as_posix()}"
tentativas = 0
'''
    caminho = pasta / f"{nome}.toml"
    caminho.write_text(texto, encoding="utf-8")
    return caminho


def executar_cli(
    *argumentos: str,
    cwd: Path = RAIZ,
    variaveis: dict[str, str] | None = None,
    comando: str = "executar",
    html_allure: bool = False,
):
    """`python -m tramita_homologacao <comando> …` in a child process, no terminal on stdin.

    `executar` leaves out Allure's HTML (a second of Node per run) unless a test is about it.
    """
    import os
    import subprocess
    import sys

    if comando == "executar" and not html_allure:
        argumentos = (*argumentos, "--sem-html-allure")
    ambiente = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", **(variaveis or {})}
    return subprocess.run(
        [sys.executable, "-m", "tramita_homologacao", comando, *argumentos],
        cwd=cwd,
        env=ambiente,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
