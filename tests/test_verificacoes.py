"""Every named check, each condition with an input that passes and one that fails (as conformance suites do)."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest

from tramita_homologacao.cliente.erros import RespostaIncoerente
from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.desfechos import Inconclusivo
from tramita_homologacao.conformidade.signatario import SEM_AUTORIDADE
from tramita_homologacao.conformidade.verificacoes import RecusaPrevista, Verificacao, Verificador
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa
from tramita_homologacao.protocolo.situacoes import Situacao

INICIO = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
HASH_A, HASH_B, HASH_C = "YWFhYQ==", "YmJiYg==", "Y2NjYw=="


def tramite(
    historico: list[int],
    *,
    datas: list[datetime] | None = None,
    motivo: str | None = None,
    justificativa: str | None = None,
) -> Tramite:
    datas = datas or [INICIO + timedelta(minutes=i) for i in range(len(historico))]
    return Tramite(
        idt=4242,
        nre="0000000000004242",
        protocolo="00000.000001/2026-01",
        situacao=Situacao(historico[-1]),
        remetente=Endereco(2, 300003),
        destinatario=Endereco(1, 100001),
        data_registro=INICIO,
        hashes_pendentes=(),
        mudancas=tuple(MudancaDeSituacao(Situacao(s), d) for s, d in zip(historico, datas, strict=True)),
        motivo_recusa=motivo,
        justificativa_recusa=justificativa,
    )


class Registro(list):
    """Collects what the checker reports, as the suite does to attach it to Allure."""

    @property
    def ultima(self) -> Verificacao:
        return self[-1]


@pytest.fixture
def registro() -> Registro:
    return Registro()


@pytest.fixture
def verificador(registro) -> Verificador:
    return Verificador(ao_verificar=registro.append)


def reprova(verificador_metodo, *args, registro: Registro, contem: str):
    with pytest.raises(AssertionError) as erro:
        verificador_metodo(*args)
    assert contem in str(erro.value)
    assert registro.ultima.aprovada is False and registro.ultima.mensagem == str(erro.value)
    return erro.value


# --- situação final --------------------------------------------------------------------------------
@pytest.mark.parametrize("final", [6, 7, 9])
def test_situacao_final_igual_a_esperada_aprova(verificador, registro, final):
    verificador.situacao_final(tramite([1, final]), Situacao(final))
    assert registro.ultima.aprovada is True
    assert (registro.ultima.clausula, registro.ultima.idt) == ("situacao_final", 4242)
    assert (registro.ultima.esperado, registro.ultima.observado) == (final, final)


@pytest.mark.parametrize(("obtida", "esperada"), [(9, 6), (7, 6), (6, 9), (10, 7), (5, 6)])
def test_outra_situacao_final_reprova(verificador, registro, obtida, esperada):
    reprova(
        verificador.situacao_final,
        tramite([1, obtida]),
        Situacao(esperada),
        registro=registro,
        contem=f"esperada {Situacao(esperada).rotulo()}",
    )
    assert registro.ultima.observado == obtida


# --- histórico ------------------------------------------------------------------------------------
def test_historico_identico_e_em_ordem_aprova(verificador, registro):
    verificador.historico(tramite([1, 2, 3, 4, 5, 6]), [1, 2, 3, 4, 5, 6])
    assert registro.ultima.aprovada is True


@pytest.mark.parametrize(
    "obtido",
    [[1, 2, 3, 5, 4, 6], [1, 2, 3, 4, 6], [1, 2, 3, 4, 5, 6, 6], [2, 1, 3, 4, 5, 6], [1, 2, 3, 4, 5, 7]],
    ids=["fora-de-ordem", "falta-uma", "repetida", "inicio-trocado", "outra-final"],
)
def test_historico_diferente_reprova(verificador, registro, obtido):
    reprova(
        verificador.historico,
        tramite(obtido),
        [1, 2, 3, 4, 5, 6],
        registro=registro,
        contem="esperado [1, 2, 3, 4, 5, 6]",
    )


def test_historico_com_datas_fora_de_ordem_reprova(verificador, registro):
    datas = [INICIO, INICIO + timedelta(minutes=2), INICIO + timedelta(minutes=1)]
    erro = reprova(
        verificador.historico,
        tramite([1, 2, 7], datas=datas),
        [1, 2, 7],
        registro=registro,
        contem="as datas das mudanças de situação não estão em ordem",
    )
    assert "esperado" not in str(erro)


def test_historico_com_datas_iguais_aprova(verificador, registro):
    verificador.historico(tramite([1, 2, 7], datas=[INICIO] * 3), [1, 2, 7])
    assert registro.ultima.aprovada is True


# --- hashes ---------------------------------------------------------------------------------------
def test_hashes_iguais_em_qualquer_ordem_aprovam(verificador, registro):
    verificador.hashes_conferem(
        "hashes_do_recibo_de_envio", 4242, "recibo de envio", [HASH_B, HASH_A], [HASH_A, HASH_B]
    )
    assert registro.ultima.aprovada is True
    assert registro.ultima.mensagem == "Os hashes do recibo de envio conferem com os componentes enviados"


@pytest.mark.parametrize(
    ("declarados", "enviados", "contem"),
    [
        ([HASH_A], [HASH_A, HASH_B], f"hashes enviados que não constam: {HASH_B}"),
        ([HASH_A, HASH_B, HASH_C], [HASH_A, HASH_B], f"hashes que constam mas não foram enviados: {HASH_C}"),
        ([HASH_A, HASH_A], [HASH_A], "não conferem"),
        ([], [HASH_A], f"hashes enviados que não constam: {HASH_A}"),
    ],
    ids=["falta", "sobra", "repetido", "vazio"],
)
def test_hashes_diferentes_reprovam(verificador, registro, declarados, enviados, contem):
    reprova(
        verificador.hashes_conferem,
        "hashes_do_recibo_de_conclusao",
        4242,
        "recibo de conclusão",
        declarados,
        enviados,
        registro=registro,
        contem=contem,
    )


# --- recusa ---------------------------------------------------------------------------------------
JUSTIFICATIVA = "Processo de teste recusado conforme combinado."


def test_recusa_com_motivo_e_justificativa_enviados_aprova(verificador, registro):
    verificador.recusa(
        tramite([1, 2, 3, 8, 9], motivo="99", justificativa=JUSTIFICATIVA), MotivoRecusa("99"), JUSTIFICATIVA
    )
    assert registro.ultima.aprovada is True
    assert registro.ultima.observado == {"motivo": "99", "justificativa": JUSTIFICATIVA}


@pytest.mark.parametrize(
    ("motivo", "justificativa", "contem"),
    [
        ("01", JUSTIFICATIVA, "motivo registrado '01', esperado '99'"),
        (None, JUSTIFICATIVA, "motivo registrado None"),
        ("99", JUSTIFICATIVA[:-1], "justificativa registrada com 45 caracteres difere da esperada (46 caracteres)"),
        ("99", JUSTIFICATIVA.upper(), "justificativa registrada"),
        ("99", None, "justificativa registrada com 0 caracteres"),
    ],
    ids=["outro-motivo", "sem-motivo", "justificativa-cortada", "justificativa-alterada", "sem-justificativa"],
)
def test_recusa_diferente_da_enviada_reprova(verificador, registro, motivo, justificativa, contem):
    recusado = tramite([1, 2, 3, 8, 9], motivo=motivo, justificativa=justificativa)
    reprova(verificador.recusa, recusado, MotivoRecusa("99"), JUSTIFICATIVA, registro=registro, contem=contem)


# --- recusa feita pelo próprio SPE (perfil SEI) --------------------------------------------------------
DO_SEI = "O formato xyz não é permitido pelo sistema de destino. Lembre-se que cada órgão/entidade tem autonomia."


def test_recusa_do_sei_pelo_formato_aprova(verificador, registro):
    verificador.recusa_pelo_spe(
        tramite([1, 2, 3, 8, 9], motivo="01", justificativa=DO_SEI), RecusaPrevista.formato("xyz")
    )
    assert registro.ultima.aprovada is True and registro.ultima.clausula == "recusa_registrada"


@pytest.mark.parametrize(
    ("motivo", "justificativa", "contem"),
    [
        ("99", DO_SEI, "motivo registrado '99', esperado '01'"),  # refused, but for another failure
        ("01", DO_SEI.replace("xyz", "odg"), "não cita o formato xyz"),
        ("01", DO_SEI.replace("xyz", "xyzw"), "não cita o formato xyz"),  # a word that merely contains it
        ("01", None, "não cita o formato xyz"),
    ],
    ids=["outro-motivo", "outro-formato", "palavra-maior", "sem-justificativa"],
)
def test_recusa_do_sei_por_outro_motivo_reprova(verificador, registro, motivo, justificativa, contem):
    recusado = tramite([1, 2, 3, 8, 9], motivo=motivo, justificativa=justificativa)
    reprova(verificador.recusa_pelo_spe, recusado, RecusaPrevista.formato("xyz"), registro=registro, contem=contem)


# --- cancelamento recusado ------------------------------------------------------------------------
@pytest.mark.parametrize("status", [400, 403, 409, 499])
def test_cancelamento_recusado_pela_plataforma_aprova(verificador, registro, status):
    verificador.cancelamento_recusado(4242, status, "0060 - trâmite concluído")
    assert registro.ultima.aprovada is True


@pytest.mark.parametrize("status", [None, 200, 399, 500, 503])
def test_cancelamento_aceito_ou_erro_do_servidor_reprova(verificador, registro, status):
    reprova(
        verificador.cancelamento_recusado,
        4242,
        status,
        "o cancelamento foi aceito",
        registro=registro,
        contem="esperava-se a recusa do cancelamento",
    )


# --- assinatura do recibo -------------------------------------------------------------------------
def conferencia(
    assinatura_confere: bool,
    *,
    reconhecido: bool = True,
    idt: int = 4242,
    nre: str = "0000000000004242",
    motivo: str = "emitido pela autoridade confiável CN=AC",
) -> ConferenciaDeRecibo:
    """The recibo of trâmite 4242 (NRE …4242) as checked; `idt`/`nre`: what the recibo itself says."""
    return ConferenciaDeRecibo(
        "recibo de conclusão",
        idt,
        "2026-11-27T09:05:00Z",
        (HASH_A,),
        "CN=x",
        assinatura_confere,
        (),
        (),
        nre=nre,
        idt_esperado=4242,
        nre_esperado="0000000000004242",
        emissor="CN=AC",
        impressao_digital="ab" * 32,
        signatario_reconhecido=reconhecido,
        motivo_do_signatario=motivo,
    )


def test_assinatura_valida_aprova(verificador, registro):
    verificador.assinatura_do_recibo(conferencia(True))
    assert registro.ultima.aprovada is True and "assinatura válida" in registro.ultima.mensagem
    assert registro.ultima.observado["impressao_digital"] == "ab" * 32


def test_assinatura_invalida_reprova(verificador, registro):
    reprova(verificador.assinatura_do_recibo, conferencia(False), registro=registro, contem="assinatura INVÁLIDA")


def test_assinatura_valida_de_signatario_nao_reconhecido_reprova(verificador, registro):
    nao_reconhecido = conferencia(True, reconhecido=False, motivo="não foi emitido por uma autoridade confiável")
    reprova(verificador.assinatura_do_recibo, nao_reconhecido, registro=registro, contem="NÃO reconhecido")


@pytest.mark.parametrize(("idt", "nre"), [(4243, "0000000000004242"), (4242, "0000000000009999")])
def test_recibo_valido_de_outro_tramite_reprova(verificador, registro, idt, nre):
    reprova(verificador.assinatura_do_recibo, conferencia(True, idt=idt, nre=nre), registro=registro, contem="OUTRO")
    assert registro.ultima.idt == 4242  # the check is about the trâmite judged, not the one the recibo names


def test_sem_autoridade_configurada_e_inconclusivo_sem_verificacao(verificador, registro):
    sem_ac = conferencia(True, reconhecido=False, motivo=SEM_AUTORIDADE)
    with pytest.raises(Inconclusivo, match="ac_dos_sistemas"):
        verificador.assinatura_do_recibo(sem_ac)
    assert not registro
    # an invalid signature is a failure even without the authority
    reprova(
        verificador.assinatura_do_recibo,
        conferencia(False, reconhecido=False, motivo=SEM_AUTORIDADE),
        registro=registro,
        contem="INVÁLIDA",
    )


def test_hashes_de_um_recibo_de_outro_tramite_reprovam(verificador, registro):
    do_tramite = conferencia(True)
    clausula, descricao = "hashes_do_recibo_de_conclusao", "recibo de conclusão"
    verificador.hashes_conferem(clausula, 4242, descricao, (HASH_A,), (HASH_A,), do_tramite)
    assert registro.ultima.aprovada and "OUTRO" not in registro.ultima.mensagem
    with contextlib.suppress(AssertionError):
        verificador.hashes_conferem(clausula, 4242, descricao, (HASH_A,), (HASH_B,), do_tramite)
    assert not registro.ultima.aprovada and "o recibo é" not in registro.ultima.mensagem
    verificador.hashes_conferem(clausula, 4242, descricao, (HASH_A,), (HASH_A,), do_tramite)
    assert registro.ultima.esperado == {"hashes": [HASH_A], "IDT": 4242, "NRE": "0000000000004242"}
    assert registro.ultima.observado == {"hashes": [HASH_A], "IDT": 4242, "NRE": "0000000000004242"}
    de_outro = conferencia(True, nre="0000000000009999")
    reprova(
        verificador.hashes_conferem,
        "hashes_do_recibo_de_conclusao",
        4242,
        "recibo de conclusão",
        (HASH_A,),
        (HASH_A,),
        de_outro,
        registro=registro,
        contem="de OUTRO trâmite",
    )
    assert registro.ultima.observado == {"hashes": [HASH_A], "IDT": 4242, "NRE": "0000000000009999"}


def test_sem_quem_registre_o_verificador_ainda_reprova():
    with pytest.raises(AssertionError):
        Verificador().situacao_final(tramite([1, 9]), Situacao.RECIBO_RECEBIDO_REMETENTE)


# --- the evidence each check records: name, inputs and message, as PEN's technicians read them --------
def _registrada(chamar) -> Verificacao:
    registradas: list[Verificacao] = []
    with contextlib.suppress(AssertionError):  # the verdict is tested above; here, what it records
        chamar(Verificador(ao_verificar=registradas.append))
    assert len(registradas) == 1
    return registradas[0]


DATAS = [INICIO.isoformat(), (INICIO + timedelta(minutes=1)).isoformat(), (INICIO + timedelta(minutes=2)).isoformat()]
RECUSADO = tramite([1, 2, 3, 8, 9], motivo="01", justificativa="Outra.")
EVIDENCIAS = {
    "situacao-final-aprovada": (
        lambda v: v.situacao_final(tramite([1, 2, 7]), Situacao.CANCELADO),
        Verificacao(
            "situacao_final",
            4242,
            "Situação final do trâmite",
            7,
            7,
            True,
            "IDT 4242: situação final 7 (Cancelado pelo usuário)",
        ),
    ),
    "situacao-final-reprovada": (
        lambda v: v.situacao_final(tramite([1, 2, 7]), Situacao.RECIBO_RECEBIDO_REMETENTE),
        Verificacao(
            "situacao_final",
            4242,
            "Situação final do trâmite",
            6,
            7,
            False,
            f"IDT 4242: situação final 7 (Cancelado pelo usuário); esperada {Situacao(6).rotulo()}",
        ),
    ),
    "historico-aprovado": (
        lambda v: v.historico(tramite([1, 2, 7]), [1, 2, 7]),
        Verificacao(
            "historico_em_ordem",
            4242,
            "Histórico de situações, em ordem",
            {"situacoes": [1, 2, 7], "datas": "em ordem"},
            {"situacoes": [1, 2, 7], "datas": DATAS},
            True,
            "IDT 4242: histórico [1, 2, 7]",
        ),
    ),
    "historico-reprovado": (
        lambda v: v.historico(tramite([1, 2, 7], datas=[INICIO, INICIO + timedelta(minutes=2), INICIO]), [1, 7]),
        Verificacao(
            "historico_em_ordem",
            4242,
            "Histórico de situações, em ordem",
            {"situacoes": [1, 7], "datas": "em ordem"},
            {"situacoes": [1, 2, 7], "datas": [DATAS[0], DATAS[2], DATAS[0]]},
            False,
            "IDT 4242: histórico [1, 2, 7]; esperado [1, 7]; as datas das mudanças de situação não estão em ordem",
        ),
    ),
    "hashes-aprovados": (
        lambda v: v.hashes_conferem(
            "hashes_do_recibo_de_envio", 4242, "recibo de envio", [HASH_B, HASH_A], [HASH_A, HASH_B]
        ),
        Verificacao(
            "hashes_do_recibo_de_envio",
            4242,
            "Hashes do recibo de envio",
            [HASH_A, HASH_B],  # sorted
            [HASH_A, HASH_B],
            True,
            "Os hashes do recibo de envio conferem com os componentes enviados",
        ),
    ),
    "hashes-reprovados": (
        lambda v: v.hashes_conferem(
            "hashes_do_recibo_de_envio", 4242, "recibo de envio", [HASH_C, HASH_C, HASH_A, HASH_A], [HASH_A, HASH_B]
        ),
        Verificacao(
            "hashes_do_recibo_de_envio",
            4242,
            "Hashes do recibo de envio",
            [HASH_A, HASH_B],
            [HASH_C, HASH_C, HASH_A, HASH_A],  # sorted
            False,
            f"Os hashes do recibo de envio não conferem: hashes enviados que não constam: {HASH_B}; hashes que "
            f"constam mas não foram enviados: {HASH_C}; hashes repetidos: {HASH_C}, {HASH_A}",
        ),
    ),
    "recusa-aprovada": (
        lambda v: v.recusa(RECUSADO, MotivoRecusa("01"), "Outra."),
        Verificacao(
            "recusa_registrada",
            4242,
            "Motivo e justificativa da recusa",
            {"motivo": "01", "justificativa": "Outra."},
            {"motivo": "01", "justificativa": "Outra."},
            True,
            f"IDT 4242: recusa registrada com motivo 01 ({MotivoRecusa('01').descricao})",
        ),
    ),
    "recusa-reprovada": (
        lambda v: v.recusa(RECUSADO, MotivoRecusa("99"), "Outra justificativa."),
        Verificacao(
            "recusa_registrada",
            4242,
            "Motivo e justificativa da recusa",
            {"motivo": "99", "justificativa": "Outra justificativa."},
            {"motivo": "01", "justificativa": "Outra."},
            False,
            "IDT 4242: motivo registrado '01', esperado '99'; justificativa registrada com 6 caracteres difere da "
            "esperada (20 caracteres)",
        ),
    ),
    "cancelamento-recusado": (
        lambda v: v.cancelamento_recusado(4242, 409, "concluído"),
        Verificacao(
            "cancelamento_so_antes_da_conclusao",
            4242,
            "Cancelamento recusado após a conclusão",
            {"http_status": "4xx (recusa)"},
            {"http_status": 409, "mensagem": "concluído"},
            True,
            "IDT 4242: o Tramita.GOV.BR recusou o cancelamento (HTTP 409: concluído)",
        ),
    ),
    "cancelamento-aceito": (
        lambda v: v.cancelamento_recusado(4242, None, "o cancelamento foi aceito"),
        Verificacao(
            "cancelamento_so_antes_da_conclusao",
            4242,
            "Cancelamento recusado após a conclusão",
            {"http_status": "4xx (recusa)"},
            {"http_status": None, "mensagem": "o cancelamento foi aceito"},
            False,
            "IDT 4242: esperava-se a recusa do cancelamento, mas o cancelamento foi aceito",
        ),
    ),
    "assinatura": (
        lambda v: v.assinatura_do_recibo(conferencia(False)),
        Verificacao(
            "assinatura_do_recibo",
            conferencia(False).idt,
            "Assinatura do recibo de conclusão",
            {
                "IDT": 4242,
                "NRE": "0000000000004242",
                "signatario": "certificado do sistema destinatário, emitido por uma autoridade confiável",
            },
            {
                "IDT": 4242,
                "NRE": "0000000000004242",
                "signatario": "CN=x",
                "emissor": "CN=AC",
                "impressao_digital": "ab" * 32,
                "signatario_reconhecido": True,
                "assinatura_confere": False,
            },
            False,
            conferencia(False).descrever(),
        ),
    ),
}


@pytest.mark.parametrize(("chamar", "esperada"), EVIDENCIAS.values(), ids=EVIDENCIAS.keys())
def test_evidencia_registrada_por_cada_verificacao(chamar, esperada):
    assert _registrada(chamar) == esperada


def test_resposta_incoerente_fica_registrada_como_verificacao_do_tramite(verificador, registro):
    erro = RespostaIncoerente("Consulta de trâmites", "pedido o IDT 4242, veio o 4243", idt=4243)
    verificador.resposta_incoerente(erro, 4242)
    assert registro.ultima == Verificacao(
        "resposta_coerente",
        4242,
        "Resposta coerente: Consulta de trâmites",
        "resposta sobre o trâmite pedido, com os tipos da API",
        "pedido o IDT 4242, veio o 4243",
        False,
        str(erro),
    )
