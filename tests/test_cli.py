"""The command line: Portuguese help, and the standalone simulator started, used and stopped with Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import requests

from tests.apoio.ambientes import cli_no_processo, executar_cli
from tests.apoio.filhos import COM_CTRL_C
from tests.apoio.simulador import cabecalho
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.protocolo.hashes import hash_de_arquivo
from tramita_homologacao.simulador.app import CABECALHO_SISTEMA
from tramita_homologacao.simulador.armazem import Armazem

AMBIENTE_FILHO = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}


def cli(*argumentos: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tramita_homologacao", *argumentos],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=AMBIENTE_FILHO,
        timeout=60,
    )


def test_ajuda_em_portugues():
    saida = cli("--ajuda").stdout
    assert "Uso: tramita-homologacao [OPÇÕES] COMANDO" in saida
    assert "Comandos:" in saida and "Mostra esta ajuda e sai." in saida
    assert "Usage" not in saida and "Options" not in saida


def test_opcao_errada_em_portugues():
    processo = cli("executar", "--requisito", "xyz")
    assert processo.returncode == 2
    assert "Valor inválido para '--requisito': 'xyz' não é um destes" in processo.stderr


@pytest.fixture
def simulador_em_primeiro_plano():
    processo = subprocess.Popen(
        [sys.executable, *COM_CTRL_C, "simulador", "--porta", "0", "--sistema", "SPE-ANEX"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=AMBIENTE_FILHO,
    )
    linha = processo.stdout.readline()
    url = re.search(r"(http://\S+/interoperabilidade/rest/v3/)", linha)
    assert url, linha + processo.stderr.read()
    yield processo, url.group(1)
    if processo.poll() is None:
        processo.kill()
        processo.wait()


def test_simulador_sozinho_atende_e_encerra_com_ctrl_c(simulador_em_primeiro_plano):
    processo, url = simulador_em_primeiro_plano
    assert requests.get(url + "healthcheck", timeout=5).json() == {"status": "UP"}
    assert requests.get(url + "tramites/pendentes", timeout=5).json() == []  # default system, no header
    processo.send_signal(signal.SIGINT)
    saida, _ = processo.communicate(timeout=10)
    assert processo.returncode == 0 and "Simulador encerrado." in saida


def test_simulador_com_sistema_desconhecido():
    processo = cli("simulador", "--porta", "0", "--sistema", "SEI-INEXISTENTE")
    assert processo.returncode == 2
    assert "O sistema 'SEI-INEXISTENTE' não existe nos dados do simulador" in processo.stderr


@pytest.mark.parametrize("bloco_mb", [50, 4], ids=["inteiro", "em-partes"])
def test_componente_vai_e_volta_com_memoria_constante(simulador_em_primeiro_plano, processo, tmp_path, bloco_mb):
    """A 24 MiB component goes up and comes down with a few MiB of client memory, whole or in parts (the
    server is another process): read, sent, decoded and written in blocks, never whole."""
    _, url = simulador_em_primeiro_plano
    grande = tmp_path / "grande.bin"
    with grande.open("wb") as arquivo:
        for _ in range(24):
            arquivo.write(os.urandom(1024 * 1024))
    cliente = ClienteTramita(url, tamanho_bloco_mb=bloco_mb, tentativas=0)
    destino = ClienteTramita(url, tamanho_bloco_mb=bloco_mb, tentativas=0, cabecalhos={CABECALHO_SISTEMA: "SEI-ORGAO3"})
    tracemalloc.start()
    try:
        hash_, tamanho = hash_de_arquivo(grande)
        dados = processo.como_json()
        dados["documentos"][0]["componentesDigitais"][0].update(
            nome="grande.bin", hash={"algoritmo": "SHA256", "conteudo": hash_}, tamanhoEmBytes=tamanho
        )
        novo = cliente.enviar_processo(cabecalho(), dados)
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, grande)
        _, pico_do_envio = tracemalloc.get_traced_memory()
        for componente in processo.componentes[1:]:
            cliente.enviar_componente_digital(novo.ticket, processo.protocolo, componente.hash, componente.caminho)
        destino.solicitar_metadados(novo.idt)
        tracemalloc.reset_peak()
        recebido = destino.baixar_componente_digital(novo.idt, processo.protocolo, hash_, tamanho, tmp_path / "c")
        _, pico_do_download = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert recebido == (hash_, tamanho)
    assert pico_do_envio < 6 * 1024 * 1024, f"pico de memória do cliente no envio: {pico_do_envio / 2**20:.1f} MiB"
    assert pico_do_download < 8 * 1024 * 1024, f"pico no download: {pico_do_download / 2**20:.1f} MiB"


def test_confirmacao_de_producao_no_terminal(monkeypatch, tmp_path):
    import click

    from tests.apoio.ambientes import ambiente_tls
    from tramita_homologacao.cli import sessao
    from tramita_homologacao.configuracao.ambiente import carregar_ambiente

    class Servidor:
        url_raiz = "https://127.0.0.1:9/"

    caminho = ambiente_tls(Servidor, tmp_path, tmp_path / "c.pem", tmp_path / "ca.pem", tipo="producao")
    ambiente = carregar_ambiente(str(caminho))
    monkeypatch.setattr(sessao, "ha_terminal", lambda: True)
    respostas = iter(["anex", "OUTRO"])
    monkeypatch.setattr(sessao.click, "prompt", lambda *a, **k: next(respostas))
    sessao.confirmar_execucao_em_producao(ambiente)  # the sigla, in any case, confirms
    with pytest.raises(click.ClickException, match="a sigla digitada não confere"):
        sessao.confirmar_execucao_em_producao(ambiente)


def test_simulador_com_chave_protegida_pela_senha_da_variavel(tmp_path):
    from tests.test_catalogo_de_erros import chave_do_servidor_com_senha

    certificado, chave = chave_do_servidor_com_senha(tmp_path, b"senha-da-chave")
    processo = subprocess.Popen(
        [sys.executable, *COM_CTRL_C, "simulador", "--porta", "0", "--tls-certificado", str(certificado),
         "--tls-chave", str(chave)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
        env={**AMBIENTE_FILHO, "TRAMITA_SENHA_CHAVE_SIMULADOR": "senha-da-chave"},
    )  # fmt: skip
    try:
        linha = processo.stdout.readline()
        assert "Simulador do Tramita.GOV.BR escutando em https://127.0.0.1:" in linha, linha + processo.stderr.read()
    finally:
        processo.send_signal(signal.SIGINT)
        processo.communicate(timeout=30)


def test_simulador_fora_desta_maquina_avisa_e_exige_token():
    processo = subprocess.Popen(
        [sys.executable, *COM_CTRL_C, "simulador", "--porta", "0", "--host", "0.0.0.0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
        env=AMBIENTE_FILHO,
    )  # fmt: skip
    try:
        linhas = [processo.stdout.readline() for _ in range(2)]
        url = re.search(r"(http://\S+/interoperabilidade/rest/v3/)", "".join(linhas))
        aviso = next((linha for linha in linhas if linha.startswith("Atenção:")), "")
        token = re.search(r"X-Simulador-Token: (\S+)", aviso)
        assert url and token, "".join(linhas)
        raiz = url.group(1).replace("0.0.0.0", "127.0.0.1").split("interoperabilidade")[0]
        sem = requests.post(raiz + "_simulador/relogio/avancar", json={"segundos": 1}, timeout=10)
        com = requests.post(
            raiz + "_simulador/relogio/avancar",
            json={"segundos": 1},
            headers={"X-Simulador-Token": token.group(1)},
            timeout=10,
        )
        assert (sem.status_code, com.status_code) == (403, 204)
    finally:
        processo.send_signal(signal.SIGINT)
        processo.communicate(timeout=30)


def test_a_ajuda_lista_os_comandos_sem_importar_nenhum():
    """`--help` stays fast: it lists every command from the registry, importing none of their modules."""
    verificar = (
        "import sys\n"
        "from tramita_homologacao.cli.principal import main\n"
        "sys.argv = ['tramita-homologacao', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('tramita_homologacao.cli.') and m.split('.')[-1] in "
        "('executar', 'diagnostico', 'relatorio', 'explicar', 'acompanhar', 'adotar', 'simulador')))\n"
        "print('pytest' in sys.modules, 'fpdf' in sys.modules, 'flask' in sys.modules)\n"
    )
    processo = subprocess.run(
        [sys.executable, "-c", verificar], capture_output=True, text=True, encoding="utf-8", env=AMBIENTE_FILHO
    )
    importados, pesados = processo.stdout.strip().splitlines()[-2:]
    assert importados == "[]" and pesados == "False False False", processo.stdout
    assert "Comandos" in processo.stdout and "simulador" in processo.stdout


def test_o_resumo_de_cada_comando_na_ajuda_e_o_da_sua_documentacao():
    import click

    from tramita_homologacao.cli.principal import COMANDOS, grupo

    for nome, (_, resumo) in COMANDOS.items():
        comando = grupo.get_command(click.Context(grupo), nome)
        assert comando is not None and comando.get_short_help_str(limit=200) == resumo, nome


def _pasta_dos_componentes(processo: subprocess.Popen) -> Path:
    assert processo.stdout is not None, "o processo foi aberto com stdout=PIPE"
    for linha in processo.stdout:
        if linha.startswith("Componentes recebidos ficam em "):
            return Path(linha.removeprefix("Componentes recebidos ficam em ").split(" (apagada")[0])
    raise AssertionError("o simulador não disse onde guarda os componentes")


def _enviar_um_processo(url: str, processo) -> None:
    cliente = ClienteTramita(url, tentativas=0)
    novo = cliente.enviar_processo(cabecalho(), processo.como_json())
    for componente in processo.componentes:
        cliente.enviar_componente_digital(novo.ticket, processo.protocolo, componente.hash, componente.caminho)
    cliente.fechar()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM é um sinal POSIX")
def test_simulador_encerrado_por_sigterm_apaga_os_componentes(simulador_em_primeiro_plano, processo):
    simulador, url = simulador_em_primeiro_plano
    pasta = _pasta_dos_componentes(simulador)
    _enviar_um_processo(url, processo)
    assert len(list(pasta.glob("parte-*"))) == len(processo.componentes)
    simulador.send_signal(signal.SIGTERM)
    saida, _ = simulador.communicate(timeout=10)
    assert simulador.returncode == 0 and "Simulador encerrado." in saida
    assert not pasta.exists()


def test_pasta_de_um_simulador_morto_e_removida_pelo_proximo(simulador_em_primeiro_plano, processo):
    simulador, url = simulador_em_primeiro_plano
    morta = _pasta_dos_componentes(simulador)
    _enviar_um_processo(url, processo)
    simulador.kill()  # nothing runs in the process: its folder stays behind
    simulador.wait()
    viva = Armazem()
    try:
        antes = time.time() - 120  # both older than a simulator that is still starting
        os.utime(morta, (antes, antes))
        os.utime(viva.pasta, (antes, antes))
        assert morta.exists()
        Armazem().fechar()
        assert not morta.exists(), "a pasta do simulador morto ficou"
        assert viva.pasta.exists(), "a pasta de um simulador vivo foi apagada"
    finally:
        viva.fechar()


def test_em_80_colunas_a_tabela_de_vereditos_cabe_e_nao_corta_veredito_idt_nem_nre(tmp_path):
    processo = executar_cli("--relatorios", str(tmp_path), variaveis={"COLUMNS": "80"})
    assert processo.returncode == 0, processo.stdout + processo.stderr
    inicio = processo.stdout.index("Requisitos mínimos")
    tabela = processo.stdout[inicio : processo.stdout.index("Situações:", inicio)]
    assert max(len(linha) for linha in tabela.splitlines()) <= 80, tabela
    resumo = json.loads((tmp_path / "resumo.json").read_text(encoding="utf-8"))
    for requisito in resumo["requisitos"]:
        assert f"│ {requisito['veredito']} " in tabela
        for tramite in requisito["tramites"]:
            assert f" {tramite['idt']} " in tabela and f" {tramite['nre']} " in tabela


def test_em_80_colunas_cada_comando_sugerido_fica_inteiro_na_sua_linha(tmp_path):
    pasta = tmp_path / "campanha-de-homologacao-da-agencia-nacional-de-exemplo"
    codigo, saida = cli_no_processo("relatorio", "--relatorios", str(pasta), colunas=80)
    assert codigo == 2
    assert f"\n    tramita-homologacao executar --relatorios {pasta}\n" in saida
    codigo, saida = cli_no_processo("executar", "-a", "agencia-nacional-de-exemplo-homologacao", colunas=80)
    assert codigo == 2
    assert "\n    tramita-homologacao novo-ambiente MODELO agencia-nacional-de-exemplo-homologacao\n" in saida
