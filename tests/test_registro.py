"""The run record and its ledger: what one run writes, the next one reads back exactly (it judges on it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tramita_homologacao.cliente.tipos import MudancaDeSituacao, ReciboAssinado, Tramite
from tramita_homologacao.conformidade.conferencia import conferir_recibo
from tramita_homologacao.conformidade.signatario import Confianca
from tramita_homologacao.livro.livro import Livro
from tramita_homologacao.orgao.registro import ComponenteRegistrado, RegistroDeExecucao, ResultadoDeCenario
from tramita_homologacao.protocolo.assinatura import gerar_par_efemero
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.hashes import hash_de_bytes
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao

INICIO = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
COMPONENTES = (
    ComponenteRegistrado("oficio.pdf", 6, hash_de_bytes(b"oficio"), "application/pdf"),
    ComponenteRegistrado("despacho.html", 8, hash_de_bytes(b"despacho"), "text/html"),
)


def _tramite(idt: int, historico: list[int], motivo: str | None = None, justificativa: str | None = None) -> Tramite:
    return Tramite(
        idt,
        f"{idt:016d}",
        "00000.000001/2026-01",
        Situacao(historico[-1]),
        Endereco(1, 100002),
        Endereco(2, 300002),
        INICIO,
        (),
        tuple(MudancaDeSituacao(Situacao(s), INICIO + timedelta(minutes=i)) for i, s in enumerate(historico)),
        motivo,
        justificativa,
    )


def _conferencia(idt: int, tipo=RECIBO_DE_CONCLUSAO):
    par = gerar_par_efemero("SEI-ORGAO2")
    hashes = tuple(sorted(c.hash for c in COMPONENTES))
    data = "2026-11-27T09:05:00.000Z"
    assinatura = par.assinar(tipo.xml(idt, f"{idt:016d}", data, hashes))
    return conferir_recibo(
        ReciboAssinado(tipo, idt, f"{idt:016d}", data, hashes, par.certificado_pem, assinatura),
        hashes,
        idt=idt,
        nre=f"{idt:016d}",
        confianca=Confianca.exatamente(par.certificado_pem),
    )


@pytest.fixture
def caminho(tmp_path):
    return tmp_path / "livro.sqlite3"


def test_o_que_uma_execucao_registra_a_seguinte_le_igual(caminho):
    livro = Livro(caminho)
    registro = RegistroDeExecucao(livro)
    id_ = registro.registrar_intencao("recusa", "Recusa", "destinatário", "00000.000001/2026-01", ())
    assert livro.por_idt(5101) is None
    vinculado = registro.vincular(id_, 5101, "0000000000005101", "recebido")
    assert vinculado.retomado is False and registro.exigir_proprio(5101, "x") is vinculado
    registro.definir_componentes(vinculado, COMPONENTES)
    registro.atualizar(_tramite(5101, [1, 2, 3, 8, 9], "01", "Formato não aceito."))
    envio, conclusao = _conferencia(5101, RECIBO_DE_ENVIO), _conferencia(5101)
    registro.anexar_recibo(vinculado, envio)
    registro.anexar_recibo(vinculado, conclusao)
    esperado = (
        "recusa",
        "Recusa",
        "destinatário",
        5101,
        "0000000000005101",
        "00000.000001/2026-01",
        Situacao.CIENCIA_RECUSA,
        _tramite(5101, [1, 2, 3, 8, 9]).mudancas,
        "01",
        "Formato não aceito.",
        COMPONENTES,
        [envio, conclusao],
    )

    def campos(t):
        return (
            t.requisito, t.cenario, t.papel, t.idt, t.nre, t.protocolo, t.situacao, t.mudancas, t.motivo_recusa,
            t.justificativa_recusa, t.componentes, t.recibos,
        )  # fmt: skip

    assert campos(vinculado) == esperado
    livro.fechar()
    seguinte = RegistroDeExecucao(Livro(caminho))
    retomado = seguinte.exigir_proprio(5101, "consultar")
    assert campos(retomado) == esperado and retomado.retomado is True
    assert retomado.recibo(RECIBO_DE_CONCLUSAO.nome) == conclusao and retomado.recibo(RECIBO_DE_ENVIO.nome) == envio
    assert retomado.hashes_enviados == tuple(sorted(c.hash for c in COMPONENTES))
    seguinte.livro.fechar()


def test_atualizar_so_mexe_no_tramite_do_livro(caminho):
    registro = RegistroDeExecucao(Livro(caminho))
    registro.registrar("envio", "Envio", "remetente", 5201, "0000000000005201", "p")
    registro.atualizar(_tramite(5299, [1, 2, 7]))  # not ours: nothing recorded
    assert registro.livro.por_idt(5299) is None and 5299 not in registro.tramites
    registro.atualizar(_tramite(5201, [1, 2]))
    assert registro.livro.por_idt(5201).situacao == 2 and registro.tramites[5201].situacao == Situacao(2)
    registro.livro.fechar()


def test_um_cenario_julgado_fecha_so_os_proprios_tramites(caminho):
    registro = RegistroDeExecucao(Livro(caminho))
    registro.registrar("envio", "Envio", "remetente", 5301, "0000000000005301", "p")
    registro.registrar("cancelamento", "Cancelamento", "remetente", 5302, "0000000000005302", "p")
    assert [t.idt for t in registro.do_cenario("Envio")] == [5301]
    registro.concluir_cenario(ResultadoDeCenario("Cancelamento", ("cancelamento",), "aguardando"), julgado=False)
    assert registro.livro.por_idt(5302).avaliado is False
    assert [linha.idt for linha in registro.livro.nao_avaliados("cancelamento", "Cancelamento", "remetente")] == [5302]
    registro.concluir_cenario(ResultadoDeCenario("Envio", ("envio",), "aprovado"), julgado=True)
    assert registro.livro.por_idt(5301).avaliado is True and registro.livro.por_idt(5302).avaliado is False
    assert registro.livro.nao_avaliados("envio", "Envio", "remetente") == []
    assert [r.cenario for r in registro.resultados] == ["Cancelamento", "Envio"]
    registro.livro.fechar()


def test_so_o_registro_da_execucao_escreve_no_livro():
    """Every write to the ledger goes through the run record (or the ledger package itself)."""
    import ast
    from pathlib import Path

    from tramita_homologacao.livro.livro import ESCRITAS

    assert {"registrar_veredito", "salvar_situacao", "guardar", "ignorar"} <= ESCRITAS
    pacote = Path(__file__).resolve().parents[1] / "tramita_homologacao"
    permitidos = {pacote / "orgao" / "registro.py", *(pacote / "livro").glob("*.py")}
    chamadas = [
        f"{arquivo.relative_to(pacote)}:{no.lineno} {no.func.attr}"
        for arquivo in sorted(pacote.rglob("*.py"))
        if arquivo not in permitidos
        for no in ast.walk(ast.parse(arquivo.read_text(encoding="utf-8")))
        if isinstance(no, ast.Call)
        and isinstance(no.func, ast.Attribute)
        and no.func.attr in ESCRITAS
        and "livro" in ast.unparse(no.func.value)
    ]
    assert chamadas == []
