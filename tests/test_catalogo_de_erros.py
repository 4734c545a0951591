"""The catalogue of mistakes a user can make, each with the Portuguese message and exit code it gets.

Every row runs the real command in a child process (the exit code and what reaches the screen are the
subject): a known problem exits 2 with a message saying what is wrong and what to do; nothing shows a
traceback; user text is printed as written.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from flask import Flask
from werkzeug.serving import make_server

from tests.apoio.ambientes import RAIZ, VARIAVEL_DA_SENHA, dados_do_local, executar_cli, gravar
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao
from tramita_homologacao.conformidade.requisitos import IDS

FORA_DO_AR = "http://127.0.0.1:9/interoperabilidade/rest/"  # nothing listens on port 9 (discard)


@dataclass(frozen=True)
class Chamada:
    comando: str
    argumentos: tuple[str, ...]
    variaveis: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Caso:
    preparar: Callable[[Path, str], Chamada]  # (pasta do teste, url do servidor estranho) → a chamada
    codigo: int
    trechos: tuple[str, ...]  # in the output, whitespace collapsed
    ausentes: tuple[str, ...] = ()  # never in the output


def _ambiente(pasta: Path, nome: str = "teste", **mudancas) -> Path:
    dados = dados_do_local()
    for chave, valor in mudancas.items():
        if isinstance(valor, dict) and isinstance(dados.get(chave), dict):
            dados[chave] |= valor
        else:
            dados[chave] = valor
    return gravar(dados, pasta, nome)


def _com_certificado(pasta: Path, **certificado) -> dict:
    return {
        "tipo": "homologacao",
        "url_api": FORA_DO_AR,
        "certificado": {"arquivo": str(pasta / "orgao.p12"), "variavel_da_senha": VARIAVEL_DA_SENHA} | certificado,
    }


def _texto(pasta: Path, conteudo: bytes) -> Path:
    arquivo = pasta / "escrito.toml"
    arquivo.write_bytes(conteudo)
    return arquivo


def _local_em_bytes() -> bytes:
    return (RAIZ / "environments" / "local.toml").read_bytes()


def _sem_gravacao(pasta: Path) -> Path:
    """A folder the harness cannot write into, whoever runs the tests (root ignores file permissions)."""
    if os.geteuid() == 0:
        return Path("/sys/kernel/tramita-homologacao")
    somente_leitura = pasta / "somente-leitura"
    somente_leitura.mkdir()
    somente_leitura.chmod(0o555)
    return somente_leitura / "campanha"


PORTAS_OCUPADAS: list[socket.socket] = []  # kept listening while the row's command runs


def _porta_ocupada() -> str:
    ocupante = socket.create_server(("127.0.0.1", 0))
    PORTAS_OCUPADAS.append(ocupante)
    return str(ocupante.getsockname()[1])


def chave_do_servidor_com_senha(pasta: Path, senha: bytes) -> tuple[Path, Path]:
    """(certificate, encrypted key) of a server, PEM."""
    folha = trustme.CA().issue_cert("127.0.0.1")
    chave = serialization.load_pem_private_key(folha.private_key_pem.bytes(), None)
    pasta.mkdir(parents=True, exist_ok=True)
    folha.cert_chain_pems[0].write_to_path(str(pasta / "servidor.pem"))
    (pasta / "servidor.key").write_bytes(
        chave.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(senha),
        )
    )
    return pasta / "servidor.pem", pasta / "servidor.key"


def _simulador_com_chave_protegida(pasta: Path, **variaveis: str) -> Chamada:
    certificado, chave = chave_do_servidor_com_senha(pasta, b"senha-da-chave")
    argumentos = ("--porta", "0", "--tls-certificado", str(certificado), "--tls-chave", str(chave))
    return Chamada("simulador", argumentos, variaveis)


def _diagnostico(arquivo: Path, **variaveis: str) -> Chamada:
    return Chamada("diagnostico", ("-a", str(arquivo)), {"COLUMNS": "1000", **variaveis})  # table cells unwrapped


def _executar(arquivo: Path | str, *extras: str, **variaveis: str) -> Chamada:
    return Chamada("executar", ("-a", str(arquivo), *extras), variaveis)


CASOS: dict[str, Caso] = {
    # --- the environment file -------------------------------------------------------------------
    "url-sem-esquema": Caso(
        lambda p, s: _diagnostico(_ambiente(p, url_api="homolog.api.processoeletronico.gov.br/rest")),
        2,
        ("Erro no ambiente", "url_api: endereço deve começar com https://"),
    ),
    "url-htps": Caso(
        lambda p, s: _executar(_ambiente(p, url_api="htps://homolog.api.processoeletronico.gov.br/")),
        2,
        ("url_api: endereço deve começar com https://",),
    ),
    "url-porta-99999": Caso(
        lambda p, s: _diagnostico(_ambiente(p, url_api="https://homolog.exemplo.gov.br:99999/rest/")),
        2,
        ("url_api: porta inválida: depois de ':' vem um número de 1 a 65535",),
    ),
    "url-sem-servidor": Caso(
        lambda p, s: _executar(_ambiente(p, url_api="https:///interoperabilidade/rest/")),
        2,
        ("url_api: falta o nome do servidor",),
    ),
    "nome-que-sai-de-reports": Caso(
        lambda p, s: _executar(gravar({**dados_do_local(), "nome": "../../fora"}, p, "teste")),
        2,
        ("nome: use só letras, números", "sem apontar para fora da pasta"),
    ),
    "nome-reservado-do-windows": Caso(
        lambda p, s: _diagnostico(gravar({**dados_do_local(), "nome": "CON"}, p, "teste")),
        2,
        ("nome: use só letras, números",),
    ),
    "url-com-usuario-e-senha": Caso(
        lambda p, s: _diagnostico(_ambiente(p, url_api="https://orgao:S3nh4-da-url@homolog.exemplo.gov.br/rest/")),
        2,
        ("url_api: o endereço não pode levar usuário ou senha", "troque a senha"),
        ("S3nh4-da-url",),
    ),
    "arquivo-em-utf16": Caso(
        lambda p, s: _diagnostico(_texto(p, _local_em_bytes().decode().encode("utf-16"))),
        2,
        ("está em UTF-16", "Salve-o em UTF-8"),
    ),
    "arquivo-em-utf16-sem-bom": Caso(
        lambda p, s: _diagnostico(_texto(p, _local_em_bytes().decode().encode("utf-16-le"))),
        2,
        ("está em UTF-16",),
    ),
    "arquivo-em-windows-1252": Caso(
        lambda p, s: _executar(_texto(p, 'descricao = "Homologação"\n'.encode("cp1252"))),
        2,
        ("não está em UTF-8 (caractere inválido na linha 1", "Windows-1252"),
    ),
    "arquivo-utf8-com-bom-e-aceito": Caso(
        lambda p, s: _diagnostico(_texto(p, b"\xef\xbb\xbf" + _local_em_bytes())),
        0,
        ("Ambiente pronto.",),
    ),
    "utf16-na-mesma-pasta-nao-atrapalha-outro": Caso(
        lambda p, s: (
            _texto(p, _local_em_bytes().decode().encode("utf-16")),
            emitir_certificado_do_orgao(trustme.CA(), p, "orgao", formato="p12"),
            _diagnostico(_ambiente(p, "certo", **_com_certificado(p)), **{VARIAVEL_DA_SENHA: SENHA}),
        )[-1],
        1,
        ("nenhum outro ambiente usa este certificado", "conexão recusada"),
    ),
    "barra-invertida-do-windows": Caso(
        lambda p, s: _executar(
            _texto(p, b'tipo = "homologacao"\n[certificado]\narquivo = "C:\\Users\\ana\\orgao.p12"\n')
        ),
        2,
        ("na linha 3", "aspas simples ('C:\\Users\\ana\\certificado.p12')", '"C:/Users/ana/certificado.p12"'),
        ("Invalid hex value (at",),
    ),
    "barra-invertida-que-vira-tabulacao": Caso(
        lambda p, s: _executar(_texto(p, b'tipo = "homologacao"\n[certificado]\narquivo = "C:\\temp\\novo.p12"\n')),
        2,
        ("certificado.arquivo", "contém caracteres de controle", "aspas simples"),
    ),
    "senha-escrita-em-variavel_da_senha": Caso(
        lambda p, s: _executar(_ambiente(p, **_com_certificado(p, variavel_da_senha="Minh@Senha-2026"))),
        2,
        ("certificado.variavel_da_senha: deve ser o NOME de uma variável de ambiente", "troque a senha"),
        ("Minh@Senha-2026",),
    ),
    "secao-entre-colchetes-aparece": Caso(
        lambda p, s: _executar(_ambiente(p, tipo="homologacao", url_api=FORA_DO_AR)),
        2,
        ("precisa da seção [certificado]",),
    ),
    "ambiente-inexistente": Caso(
        lambda p, s: _executar("homologacao-errado"),
        2,
        ("Ambiente 'homologacao-errado' não encontrado", "modelos: ensaio-spe, homologacao", "novo-ambiente MODELO"),
    ),
    # --- the certificate --------------------------------------------------------------------------
    "certificado-inexistente": Caso(
        lambda p, s: _executar(_ambiente(p, **_com_certificado(p)), **{VARIAVEL_DA_SENHA: SENHA}),
        2,
        ("Erro no certificado", "não encontrado", "Confira o caminho em [certificado] no arquivo de ambiente"),
    ),
    "senha-errada": Caso(
        lambda p, s: (
            emitir_certificado_do_orgao(trustme.CA(), p, "orgao", formato="p12"),
            _executar(_ambiente(p, **_com_certificado(p)), **{VARIAVEL_DA_SENHA: "senha-errada-123"}),
        )[-1],
        2,
        ("a senha do certificado está incorreta",),
        ("senha-errada-123",),
    ),
    "variavel-da-senha-ausente": Caso(
        lambda p, s: (
            emitir_certificado_do_orgao(trustme.CA(), p, "orgao", formato="p12"),
            _executar(_ambiente(p, **_com_certificado(p))),
        )[-1],
        2,
        (f"A variável de ambiente {VARIAVEL_DA_SENHA} (senha do certificado) não está definida",),
    ),
    # --- the campaign's folder and ledger ---------------------------------------------------------
    "livro-e-uma-pasta": Caso(
        lambda p, s: _executar(_ambiente(p, url_api=FORA_DO_AR, livro=str(p)), "--relatorios", str(p / "c")),
        2,
        ("Livro de registro", "é uma pasta, não um arquivo", "Confira o campo livro"),
        ("INTERNALERROR",),
    ),
    "livro-nao-e-sqlite": Caso(
        lambda p, s: _executar(
            _ambiente(p, url_api=FORA_DO_AR, livro=str(_texto(p, b"isto nao e um livro"))), "--relatorios", str(p)
        ),
        2,
        ("não é um livro de registro (SQLite)",),
        ("INTERNALERROR",),
    ),
    "relatorios-sem-permissao": Caso(
        lambda p, s: _executar("local", "--relatorios", str(_sem_gravacao(p))),
        2,
        ("Não é possível gravar na pasta da campanha", "escolha outra pasta com --relatorios"),
    ),
    "relatorios-dentro-de-um-arquivo": Caso(
        lambda p, s: _executar("local", "--relatorios", str(_texto(p, b"") / "campanha")),
        2,
        ("parte do caminho é um arquivo, não uma pasta",),
    ),
    "relatorios-e-um-arquivo": Caso(
        lambda p, s: _executar("local", "--relatorios", str(_texto(p, b""))),
        2,
        ("é um arquivo; indique uma pasta",),
    ),
    "resumo-truncado": Caso(
        lambda p, s: (
            (p / "resumo.json").write_text('{"versao_harness": "0.', encoding="utf-8"),
            Chamada("relatorio", ("--relatorios", str(p))),
        )[-1],
        2,
        ("resumo.json está corrompido ou incompleto", "tramita-homologacao relatorio"),
    ),
    "resumo-incompleto": Caso(
        lambda p, s: (
            (p / "resumo.json").write_text('{"requisitos": []}', encoding="utf-8"),
            Chamada("relatorio", ("--relatorios", str(p))),
        )[-1],
        2,
        ("resumo.json não tem a forma do resumo desta versão (campos: ambiente, aprovado, certificado",),
    ),
    "caminho-com-colchetes-de-marcacao": Caso(
        lambda p, s: Chamada(
            "acompanhar", ("-a", str(_ambiente(p, url_api=FORA_DO_AR)), "--relatorios", str(p / "[/b][red]x"))
        ),
        1,
        ("[/b][red]x/livro.sqlite3", "ainda não tem livro de registro"),
    ),
    # --- the server's answers ---------------------------------------------------------------------
    "servidor-responde-json-invalido": Caso(
        lambda p, s: _diagnostico(_ambiente(p, url_api=f"{s}json-invalido/")),
        1,
        (
            "Listagem de pendências: resposta fora do formato esperado da API",
            "Confira se url_api",
            "o ambiente não configura certificado (simulador sem TLS mútuo)",
        ),
    ),
    "servidor-responde-outra-forma": Caso(
        lambda p, s: _diagnostico(_ambiente(p, url_api=f"{s}forma-errada/")),
        1,
        (
            "Listagem de pendências: resposta incoerente do Tramita.GOV.BR (um campo tem tipo ou valor diferente",
            "Confira se url_api",
        ),
    ),
    "servidor-que-nao-responde": Caso(
        lambda p, s: _diagnostico(
            _ambiente(p, url_api=f"{s}pendurado/", conexao={"timeout_leitura_segundos": 1, "tentativas": 0})
        ),
        1,
        ("o servidor não respondeu dentro do tempo limite",),
        ("ConnectionError",),
    ),
    "conexao-recusada": Caso(
        lambda p, s: _executar(_ambiente(p, url_api=FORA_DO_AR)),
        2,
        ("Sem conexão com http://127.0.0.1:9/", "conexão recusada", "Nada foi enviado"),
    ),
    # --- the simulator alone ------------------------------------------------------------------------
    "simulador-porta-ocupada": Caso(
        lambda p, s: Chamada("simulador", ("--porta", _porta_ocupada())),
        2,
        ("Simulador não iniciado", "já está em uso por outro programa", "escolha outra com --porta"),
        ("Address already in use", "Port "),
    ),
    "simulador-endereco-de-outra-maquina": Caso(
        lambda p, s: Chamada("simulador", ("--porta", "8080", "--host", "192.0.2.1")),
        2,
        ("o endereço 192.0.2.1 não pertence a esta máquina",),
        ("Cannot assign",),
    ),
    "simulador-chave-com-senha-sem-terminal": Caso(
        lambda p, s: _simulador_com_chave_protegida(p),
        2,
        ("está protegida por senha e não há terminal para digitá-la", "TRAMITA_SENHA_CHAVE_SIMULADOR"),
        ("PEM pass phrase",),
    ),
    "simulador-chave-com-senha-errada": Caso(
        lambda p, s: _simulador_com_chave_protegida(p, TRAMITA_SENHA_CHAVE_SIMULADOR="outra"),
        2,
        ("A senha da chave TLS do servidor está incorreta.",),
        ("PEM pass phrase", "outra"),
    ),
    # --- the command line -------------------------------------------------------------------------
    "opcao-inexistente": Caso(
        lambda p, s: _executar("local", "--nao-existe"), 2, ("A opção '--nao-existe' não existe.",)
    ),
    "producao-sem-confirmacao": Caso(
        lambda p, s: (
            emitir_certificado_do_orgao(trustme.CA(), p, "orgao", formato="p12"),
            _executar(
                _ambiente(
                    p,
                    **_com_certificado(p) | {"tipo": "producao"},
                    producao={"descricao": "DISIS", "repositorio": 1, "estrutura": 200110},
                    contrapartes={r: {"repositorio": 1, "estrutura": 200110} for r in IDS},
                ),
                **{VARIAVEL_DA_SENHA: SENHA},
            ),
        )[-1],
        2,
        ("é de PRODUÇÃO e não há terminal para confirmar", "--confirmar-producao"),
    ),
}


@pytest.fixture(scope="module")
def servidor_estranho():
    """A server on loopback that is not the Tramita: invalid JSON, another JSON shape, or no answer at all."""
    app = Flask(__name__)
    solto = threading.Event()

    @app.route("/<prefixo>/<path:resto>")
    def responder(prefixo: str, resto: str):
        if resto.endswith("healthcheck") and prefixo != "pendurado":
            return "", 200
        if prefixo == "json-invalido":
            return "<html><body>Portal</body></html>", 200, {"Content-Type": "application/json"}
        if prefixo == "forma-errada":
            return {"pendencias": "nenhuma"}
        solto.wait(30)
        return "", 204

    servidor = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=servidor.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{servidor.server_port}/"
    solto.set()
    servidor.shutdown()


@pytest.mark.parametrize("nome", list(CASOS))
def test_catalogo(nome, tmp_path, servidor_estranho):
    caso = CASOS[nome]
    chamada = caso.preparar(tmp_path, servidor_estranho)
    processo = executar_cli(*chamada.argumentos, comando=chamada.comando, variaveis=chamada.variaveis)
    saida = " ".join((processo.stdout + processo.stderr).split())
    assert processo.returncode == caso.codigo, saida
    for trecho in caso.trechos:
        assert " ".join(trecho.split()) in saida
    for ausente in (*caso.ausentes, "Traceback", "Error:"):
        assert ausente not in saida


DEFEITOS = {  # a defect made on purpose, where it would surface: in a command, or inside the pytest session
    "no-comando": ("tramita_homologacao.configuracao.diagnostico", "diagnosticar", "diagnostico"),
    "na-sessao-do-pytest": ("tramita_homologacao.suite.configuracao", "RegistroDeExecucao", "executar"),
}


@pytest.mark.parametrize("onde", list(DEFEITOS))
def test_erro_inesperado_vira_mensagem_curta_e_arquivo_de_registro(tmp_path, onde):
    """A defect of the harness: no traceback on screen (nor pytest's INTERNALERROR), the traceback in a log file."""
    modulo, nome, comando = DEFEITOS[onde]
    argumentos = ["tramita-homologacao", comando]
    if comando == "executar":
        argumentos += ["--relatorios", str(tmp_path / "campanha"), "--sem-html-allure"]
    provocar = (
        f"import sys, importlib; m = importlib.import_module({modulo!r}); m.{nome} = lambda *a, **k: 1 / 0;"
        f"from tramita_homologacao.cli.principal import main; sys.argv = {argumentos!r}; main()"
    )
    inicio = time.time()
    processo = subprocess.run(
        [sys.executable, "-c", provocar],
        cwd=RAIZ,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path), "COLUMNS": "300", "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    saida = " ".join((processo.stdout + processo.stderr).split())
    assert processo.returncode == 3, saida
    assert "Traceback" not in saida and "INTERNALERROR" not in saida
    assert "Erro inesperado do harness: a operação parou (ZeroDivisionError)" in saida
    registro = Path(re.search(r"O detalhe técnico está em (\S+\.log):", saida).group(1))
    assert registro.is_relative_to(tmp_path) and registro.stat().st_mtime >= inicio - 1
    conteudo = registro.read_text(encoding="utf-8")
    assert "Traceback" in conteudo and "ZeroDivisionError" in conteudo and f"comando: {comando}" in conteudo
