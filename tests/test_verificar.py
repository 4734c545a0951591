"""`verificar`: a pack checked by the PEN technician. An untouched signed pack verifies; any edit to any file, a
forged recibo or a pack re-signed by someone else does not, and the output names the file and what changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apoio.ambientes import VARIAVEL_DA_SENHA, ambiente_tls, executar_cli
from tests.apoio.certificados import SENHA, emitir_certificado_do_orgao, preparar_servidor
from tests.apoio.resumos import como_se_fosse
from tests.apoio.simulador import vincular_certificado
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.configuracao.ambiente import carregar_ambiente
from tramita_homologacao.configuracao.certificado import carregar_certificado
from tramita_homologacao.configuracao.conexao import abrir_cliente
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.signatario import Confianca, certificados_pem
from tramita_homologacao.evidencia.auditoria import AVISO, CONFERE, NAO_CONFERE, auditar, reconsultar
from tramita_homologacao.evidencia.manifesto import ASSINATURA, MANIFESTO, arquivos_do_pacote, escrever_manifesto
from tramita_homologacao.evidencia.resumo import ler_resumo
from tramita_homologacao.simulador.servidor import ConfiguracaoTls, Simulador


@pytest.fixture(scope="module")
def pacote_assinado(tmp_path_factory, ca) -> Iterator[tuple[Path, Path, Path]]:
    """(pack, organ's certificate, PEM with the authorities: the organ's and the systems') of a whole TLS run; its
    simulator stays up (and its environment file beside the pack) for the re-queries."""
    pasta = tmp_path_factory.mktemp("assinado")
    certificado, chave, ca_pem = preparar_servidor(ca, pasta / "servidor")
    with Simulador(tls=ConfiguracaoTls(certificado, chave, ca_clientes=ca_pem)) as simulador:
        do_orgao = emitir_certificado_do_orgao(ca, pasta / "orgao", "anex")
        vincular_certificado(simulador, do_orgao)
        ambiente = ambiente_tls(simulador, pasta, do_orgao, ca_pem)
        relatorios = pasta / "reports"
        processo = executar_cli(
            "-a", str(ambiente), "--relatorios", str(relatorios), variaveis={VARIAVEL_DA_SENHA: SENHA}
        )
        assert processo.returncode == 0, processo.stdout + processo.stderr
        acs = pasta / "acs.pem"
        acs.write_text(ca_pem.read_text() + simulador.plataforma.autoridade.certificado_pem, encoding="ascii")
        yield relatorios, do_orgao, acs


def _copia(pacote: Path, destino: Path) -> Path:
    return Path(shutil.copytree(pacote, destino / "pacote"))


def _confianca(acs: Path) -> Confianca:
    return Confianca.das_acs(certificados_pem(acs.read_text(encoding="ascii")))


def _falhas(pasta: Path, acs: Path | None = None) -> list[tuple[str, str]]:
    auditoria = auditar(pasta, _confianca(acs) if acs else Confianca())
    return [(c.assunto, c.detalhe) for c in auditoria.constatacoes if c.situacao == NAO_CONFERE]


def test_pacote_intacto_confere_e_lista_os_tramites(pacote_assinado):
    pacote, _, acs = pacote_assinado
    assert (pacote / MANIFESTO).is_file() and (pacote / ASSINATURA).is_file()
    auditoria = auditar(pacote, _confianca(acs))
    assert auditoria.confere, [c for c in auditoria.constatacoes if c.situacao != CONFERE]
    assuntos = {c.assunto for c in auditoria.constatacoes if c.situacao == CONFERE}
    assert {"Assinatura do manifesto", "Arquivos do pacote", "Vereditos", "Certificado da campanha"} <= assuntos
    assert "Autoridade de quem assinou o manifesto" in assuntos
    assert "Recibo de conclusão do IDT" in " ".join(assuntos)

    processo = executar_cli(str(pacote), "--ac", str(acs), comando="verificar")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert "O pacote confere" in processo.stdout and "Painel de Controle" in processo.stdout
    resumo = json.loads((pacote / "resumo.json").read_text(encoding="utf-8"))
    for requisito in resumo["requisitos"]:
        for tramite in requisito["tramites"]:
            assert str(tramite["idt"]) in processo.stdout and tramite["nre"] in processo.stdout


def test_sem_ac_confere_mas_avisa_que_os_signatarios_nao_foram_conferidos(pacote_assinado):
    pacote, _, _ = pacote_assinado
    auditoria = auditar(pacote, Confianca())
    assert auditoria.confere
    assert any(c.situacao == AVISO and "sem --ac" in c.detalhe for c in auditoria.constatacoes)


def test_qualquer_byte_alterado_em_qualquer_arquivo_e_apontado(pacote_assinado, tmp_path):
    pacote = _copia(pacote_assinado[0], tmp_path)
    arquivos = arquivos_do_pacote(pacote)
    assert len(arquivos) > 10 and any(a.name == "resumo.json" for a in arquivos)
    for relativo in arquivos:
        caminho = pacote / relativo
        original = caminho.read_bytes()
        caminho.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # one bit of the last byte
        falhas = _falhas(pacote)
        assert any(
            assunto == f"Arquivo {relativo.as_posix()}" and "alterado depois do manifesto" in detalhe
            for assunto, detalhe in falhas
        ), (relativo, falhas)
        caminho.write_bytes(original)
    assert _falhas(pacote) == []


def test_arquivo_apagado_ou_acrescentado_e_apontado(pacote_assinado, tmp_path):
    pacote = _copia(pacote_assinado[0], tmp_path)
    (pacote / "relatorio-ensaio.pdf").unlink()
    (pacote / "comprovante-extra.pdf").write_bytes(b"%PDF-1.4")
    falhas = dict(_falhas(pacote))
    assert falhas["Arquivo relatorio-ensaio.pdf"] == "consta do manifesto, mas foi apagado"
    assert "acrescentado depois do manifesto" in falhas["Arquivo comprovante-extra.pdf"]


def test_manifesto_editado_ou_sem_assinatura_nao_confere(pacote_assinado, tmp_path):
    pacote = _copia(pacote_assinado[0], tmp_path)
    manifesto = pacote / MANIFESTO
    manifesto.write_bytes(manifesto.read_bytes().replace(b'"arquivos"', b'"arquivos" ', 1))
    assert "alterado depois de assinado" in dict(_falhas(pacote))["Assinatura do manifesto"]
    (pacote / ASSINATURA).unlink()
    [sem_assinatura] = [c for c in auditar(pacote, Confianca()).constatacoes if c.assunto == "Assinatura do manifesto"]
    # an ensaio (type simulador) has no value anyway; any other pack without signature does not verify
    assert sem_assinatura.situacao == AVISO and "não é atribuível ao órgão" in sem_assinatura.detalhe
    resumo = como_se_fosse(ler_resumo(pacote / "resumo.json"), "homologacao")  # as if at the official address
    (pacote / "resumo.json").write_text(resumo.model_dump_json(), encoding="utf-8")
    assert "não é atribuível ao órgão" in dict(_falhas(pacote))["Assinatura do manifesto"]


def _forjar_aprovacao(pacote: Path) -> None:
    """The organ swaps the components of its envio for one of its own and fixes everything else it can: the
    recibos' hashes, as received and as reported (the resumo stays coherent)."""
    resumo = json.loads((pacote / "resumo.json").read_text(encoding="utf-8"))
    envio = next(r for r in resumo["requisitos"] if r["id"] == "envio")["tramites"][0]
    forjado = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    for recibo in envio["recibos"]:
        next(v for v in recibo["bruto"].values() if isinstance(v, dict))["hashesDosComponentesDigitais"] = [forjado]
        recibo["hashes"] = [forjado]
    envio["componentes"] = [{**envio["componentes"][0], "sha256_base64": forjado}]
    (pacote / "resumo.json").write_text(json.dumps(resumo), encoding="utf-8")


def test_recibo_forjado_e_reassinado_pelo_orgao_nao_confere(pacote_assinado, tmp_path):
    """The organ holds its own key: it can re-sign the manifest, never the platform's recibo."""
    pacote, do_orgao, acs = pacote_assinado
    pacote = _copia(pacote, tmp_path)
    _forjar_aprovacao(pacote)
    escrever_manifesto(pacote, "tls", carregar_certificado(do_orgao, Segredo(SENHA)))
    falhas = _falhas(pacote, acs)
    assert any("Recibo de conclusão" in a and "a assinatura não confere" in d for a, d in falhas), falhas
    assert any("Recibo de envio" in a and "a assinatura não confere" in d for a, d in falhas), falhas
    # the manifest and the verdicts are "right": only the platform's signature tells
    assert not any(a.startswith("Arquivo") or a == "Vereditos" for a, _ in falhas), falhas


def test_pacote_reassinado_por_outro_certificado_nao_confere(pacote_assinado, ca, tmp_path):
    pacote, _, acs = pacote_assinado
    pacote = _copia(pacote, tmp_path)
    estranho = emitir_certificado_do_orgao(ca, tmp_path / "estranho", "estranho")
    escrever_manifesto(pacote, "tls", carregar_certificado(estranho, Segredo(SENHA)))
    falhas = dict(_falhas(pacote, acs))
    assert "outro certificado que não o da campanha" in falhas["Certificado da campanha"]


def test_o_ensaio_do_simulador_embutido_confere_mas_diz_que_nao_vale(execucao, tmp_path):
    pacote = _copia(execucao, tmp_path)
    processo = executar_cli(str(pacote / "resumo.json"), comando="verificar")
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert "ensaio no simulador" in processo.stdout
    (pacote / "resumo.json").write_bytes((pacote / "resumo.json").read_bytes() + b" ")
    processo = executar_cli(str(pacote), comando="verificar")
    assert processo.returncode == 1 and "NÃO confere" in processo.stdout and "resumo.json" in processo.stdout


def test_pasta_que_nao_e_pacote_tem_mensagem_clara(tmp_path):
    processo = executar_cli(str(tmp_path / "nada"), comando="verificar")
    assert processo.returncode == 2
    assert "não é um pacote de evidências" in processo.stdout + processo.stderr


def test_com_o_ambiente_cada_tramite_e_consultado_de_novo_na_plataforma(pacote_assinado):
    pacote, _, acs = pacote_assinado
    ambiente = pacote.parent / "tls.toml"
    processo = executar_cli(
        str(pacote), "--ac", str(acs), "-a", str(ambiente), comando="verificar", variaveis={VARIAVEL_DA_SENHA: SENHA}
    )
    assert processo.returncode == 0, processo.stdout + processo.stderr
    assert processo.stdout.count("NRE e histórico conferem com a plataforma") >= 6


def test_historico_do_pacote_que_a_plataforma_desmente_nao_confere(pacote_assinado, cliente_tls_do_pacote):
    pacote, _, _ = pacote_assinado
    auditoria = auditar(pacote, Confianca())
    resumo = auditoria.resumo
    assert resumo is not None
    envio = resumo.requisito("envio")
    tramite = envio.tramites[0]
    mentido = tramite.model_copy(update={"historico": [*tramite.historico[:1], *tramite.historico[2:]]})
    auditoria.resumo = resumo.model_copy(update={"requisitos": [envio.model_copy(update={"tramites": [mentido]})]})
    reconsultar(auditoria, cliente_tls_do_pacote)
    [falha] = [c for c in auditoria.constatacoes if c.situacao == NAO_CONFERE]
    assert falha.assunto == f"IDT {tramite.idt} no Tramita.GOV.BR" and "a plataforma dá o histórico" in falha.detalhe


@pytest.fixture
def cliente_tls_do_pacote(pacote_assinado):
    pacote, do_orgao, _ = pacote_assinado
    ambiente = carregar_ambiente(str(pacote.parent / "tls.toml"))
    cliente = abrir_cliente(ambiente, ambiente.url_base(), carregar_certificado(do_orgao, Segredo(SENHA)))
    yield ClienteDeConsulta(cliente)
    cliente.fechar()
