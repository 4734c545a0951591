"""A trâmite recorded as a passing scenario leaves it: final status, history, components, recibos and one passing
check per clause of its requirement. For tests of how verdicts add up, which need approved scenarios whose checks
prove them (a verdict without them is an error, `evidencia/coerencia.py`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tramita_homologacao.cliente.tipos import MudancaDeSituacao, Tramite
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo
from tramita_homologacao.conformidade.requisitos import POR_ID
from tramita_homologacao.conformidade.verificacoes import Verificacao
from tramita_homologacao.orgao.registro import ComponenteRegistrado, RegistroDeExecucao
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao

HASH = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="


def registrar_tramite_comprovado(registro: RegistroDeExecucao, requisito: str, cenario: str, idt: int) -> None:
    definicao = POR_ID[requisito]
    nre = f"{idt:016d}"
    componente = ComponenteRegistrado("documento.pdf", 1024, HASH, "application/pdf")
    id_ = registro.registrar_intencao(requisito, cenario, definicao.papel, f"00000.{idt:06d}/2026-01", (componente,))
    registrado = registro.vincular(id_, idt, nre, "concluido")
    inicio = datetime(2026, 12, 1, 10, 0, tzinfo=datetime.now().astimezone().tzinfo)
    caminho = (Situacao.INICIADO, definicao.situacao_final)
    registro.atualizar(
        Tramite(
            idt,
            nre,
            registrado.protocolo,
            definicao.situacao_final,
            Endereco(1, 100001),
            Endereco(2, 200001),
            inicio,
            (),
            tuple(MudancaDeSituacao(s, inicio + timedelta(minutes=n)) for n, s in enumerate(caminho)),
            None,
            None,
        )
    )
    for tipo in (RECIBO_DE_ENVIO, RECIBO_DE_CONCLUSAO):
        registro.anexar_recibo(
            registrado,
            ConferenciaDeRecibo(
                tipo.nome,
                idt,
                inicio.isoformat(),
                (HASH,),
                "CN=Sistema destinatário",
                True,
                (),
                (),
                nre,
                idt,
                nre,
                "CN=AC dos sistemas",
                "AB:CD",
                True,
                "emitido pela AC dos sistemas",
            ),
        )
    for clausula in definicao.clausulas:
        esperado = int(definicao.situacao_final) if clausula == "situacao_final" else "conforme"
        registro.registrar_verificacao(
            requisito, cenario, Verificacao(clausula, idt, clausula, esperado, esperado, True, "confere")
        )
