"""Environment files for tests, built from data (the shipped `local.toml` read as TOML, changed, written back).

Also how a test runs the CLI in a child process, where the process boundary is the subject.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from tests.apoio.filhos import FilhoDoServidor, iniciar_cli, rodar_cli
from tests.apoio.simulador import DISIS, ORGAO1, ORGAO2, ORGAO3, ORGAO4
from tramita_homologacao.conformidade.requisitos import IDS

RAIZ = Path(__file__).resolve().parents[2]
VARIAVEL_DA_SENHA = "TRAMITA_SENHA_DE_TESTE"


def dados_do_local() -> dict:
    """The shipped local environment as data (a fresh copy on every call)."""
    return tomllib.loads((RAIZ / "environments" / "local.toml").read_text(encoding="utf-8"))


def gravar(dados: dict, pasta: Path, nome: str = "teste") -> Path:
    caminho = pasta / f"{nome}.toml"
    caminho.write_text(tomli_w.dumps(dados), encoding="utf-8")
    return caminho


def ambiente_apontando_para(
    simulador, pasta: Path, limite_segundos: float = 10, *, aguardar: bool = False, **espera: float
) -> Path:
    """The shipped local environment, pointed at an already running simulator instead of an embedded one.

    `aguardar`: a wait that runs out leaves the scenario waiting (as in homologação), not failed.
    """
    dados = dados_do_local()
    dados["url_api"] = f"{simulador.url_raiz}interoperabilidade/rest/"
    dados["espera"] |= {"limite_segundos": limite_segundos, **espera}
    if aguardar:
        dados["espera"]["ao_esgotar_o_prazo"] = "aguardar"
    return gravar(dados, pasta)


def ambiente_assistido(
    simulador, pasta: Path, defeitos: dict[str, str] | None = None, limite: float = 10, *, aguardar: bool = False
) -> Path:
    """The shipped local environment, pointed at `simulador`, in assisted mode with a scripted operator."""
    caminho = ambiente_apontando_para(simulador, pasta, limite, aguardar=aguardar)
    dados = tomllib.loads(caminho.read_text(encoding="utf-8"))
    dados["modo"] = "assistido"
    dados["spe"] = {"nome": "SPE simulado", "versao": "1.0"}
    dados["simulador"]["operador"] = {
        "atraso_segundos": 0.1,
        "defeitos": defeitos or {},
        "unidade_errada": {"descricao": "Órgão de Teste 4", "repositorio": 2, "estrutura": ORGAO4.estrutura},
    }
    return gravar(dados, pasta, "assistido")


def ambiente_que_aguarda(simulador, pasta: Path, limite_segundos: float = 1, **espera: float) -> Path:
    return ambiente_apontando_para(simulador, pasta, limite_segundos, aguardar=True, **espera)


def _unidade(endereco, descricao: str, sistema: str | None = None) -> dict:
    unidade = {"descricao": descricao, "repositorio": endereco.repositorio, "estrutura": endereco.estrutura}
    return unidade | ({"sistema_simulado": sistema} if sistema else {})


def dados_tls(
    simulador,
    certificado: Path,
    ca: Path,
    *,
    tipo: str = "simulador",
    unidade_envio: int = 100001,
    limite_segundos: float = 10,
) -> dict:
    """An environment reaching the simulator over mutual TLS with the organ's certificate, as a real one would.

    The authority that issues the simulated systems' certificates is written beside the organ's certificate and
    named in `ac_dos_sistemas`, as an organ names the platform's."""
    assert certificado.is_absolute(), "o certificado (e a autoridade, gravada ao lado dele) fica na pasta do teste"
    plataforma = getattr(simulador, "plataforma", None)  # some tests point at a simulator that is not there
    ac_dos_sistemas = certificado.parent / "ac-dos-sistemas.pem"
    ac_dos_sistemas.write_text(plataforma.autoridade.certificado_pem if plataforma else "", encoding="ascii")
    if tipo == "producao":
        contrapartes = {r: _unidade(DISIS, f"contraparte de {r}") for r in IDS}
        producao = {"producao": _unidade(DISIS, "DISIS/MGI")}
    else:
        sistemas = {
            "envio": (ORGAO1, "SEI-ORGAO1"),
            "recebimento": (ORGAO2, "SEI-ORGAO2"),
            "recusa": (ORGAO2, "SEI-ORGAO2"),
            "cancelamento": (ORGAO3, "SEI-ORGAO3"),
        }
        contrapartes = {r: _unidade(e, f"contraparte de {r}", sistema) for r, (e, sistema) in sistemas.items()}
        producao = {}
    return {
        "descricao": "Simulador com TLS mútuo, como a homologação",
        "tipo": tipo,
        "url_api": f"{simulador.url_raiz}interoperabilidade/rest/",
        "versao_api": "v3",
        "certificado": {
            "arquivo": certificado.as_posix(),
            "ac_dos_sistemas": ac_dos_sistemas.as_posix(),
            "origem_da_senha": "variavel",
            "variavel_da_senha": VARIAVEL_DA_SENHA,
        },
        "orgao": {
            "nome": "Agência Nacional de Exemplo",
            "sigla": "ANEX",
            "repositorio": 1,
            "unidade_envio": unidade_envio,
            "unidade_recebimento": 100002,
        },
        **producao,
        "contrapartes": contrapartes,
        "espera": {"intervalo_segundos": 0.1, "intervalo_maximo_segundos": 0.5, "limite_segundos": limite_segundos},
        "conexao": {"ca": ca.as_posix(), "tentativas": 0},
    }


def ambiente_tls(simulador, pasta: Path, certificado: Path, ca: Path, *, nome: str = "tls", **opcoes) -> Path:
    return gravar(dados_tls(simulador, certificado, ca, **opcoes), pasta, nome)


def executar_cli(
    *argumentos: str,
    cwd: Path = RAIZ,
    variaveis: dict[str, str] | None = None,
    comando: str = "executar",
    html_allure: bool = False,
):
    """`python -m tramita_homologacao <comando> …` in a child process (`filhos.rodar_cli`), no terminal on stdin.

    `executar` leaves out Allure's HTML (a second of Node per run) unless a test is about it.
    """
    if comando == "executar" and not html_allure:
        argumentos = (*argumentos, "--sem-html-allure")
    ambiente = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", **(variaveis or {})}
    return rodar_cli([comando, *argumentos], cwd=cwd, variaveis=ambiente, timeout=180)


def cli_no_processo(*argumentos: str, colunas: int = 80) -> tuple[int, str]:
    """The CLI in this process as `main` runs it (its exit codes and messages): (exit code, stdout and stderr).

    Only for commands that run no scenario (pytest inside pytest shares Allure's global state).
    """
    from tramita_homologacao.cli.principal import main

    with CliRunner().isolation(env={"COLUMNS": str(colunas)}) as (_, _, saida), pytest.MonkeyPatch.context() as ajuste:
        ajuste.setattr(sys, "argv", ["tramita-homologacao", *argumentos])
        try:
            main()
        except SystemExit as fim:
            return int(fim.code or 0), saida.getvalue().decode("utf-8")
    raise AssertionError("main() sempre termina com sys.exit")


def iniciar_harness(ambiente: Path, relatorios: Path, *extra: str) -> FilhoDoServidor | subprocess.Popen:
    """`executar` in a child process left running (Ctrl-C on), for tests that act while it runs."""
    argumentos = ["executar", "-a", str(ambiente), "--relatorios", str(relatorios), *extra]
    return iniciar_cli(argumentos, cwd=RAIZ, variaveis={**os.environ, "COLUMNS": "200"})
