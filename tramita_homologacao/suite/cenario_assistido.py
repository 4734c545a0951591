"""The scenario façade in assisted mode: the organ's own SPE acts, the harness instructs and observes.

The same steps as in API mode, and the same checks; what differs is who acts. Each action becomes
an instruction to the operator (what to do in the SPE, in Portuguese) and a wait for its effect on
the platform; the checks read the platform only where reading changes nothing. The scenario that
needs the harness to act itself (a cancelamento it expects refused) is `@modo_api`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo
from tramita_homologacao.orgao.assistido import Instrucao, OrgaoObservador, leva_o_codigo
from tramita_homologacao.orgao.processo_teste import marca_de_teste
from tramita_homologacao.orgao.registro import TramiteRegistrado
from tramita_homologacao.protocolo.dominio import MotivoRecusa, descrever_motivo
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.cenario import CenarioEmTeste

S = Situacao


@dataclass(repr=False)
class CenarioAssistido(CenarioEmTeste):
    orgao: OrgaoObservador  # type: ignore[assignment]  # the observing organ: no operation that acts
    descricao: str = ""

    def _tramite_do_teste(self) -> str:
        t = self.tramite
        return f"IDT {t.idt}, NRE {t.nre}, protocolo {t.protocolo}" if t else ""

    # --- the organ as remetente ---------------------------------------------------------------
    def preparar_processo(self) -> None:
        codigo = self.orgao.registro.livro.codigo_da_campanha()
        self.descricao = f"{marca_de_teste(self.ambiente.orgao.sigla)} – {codigo} – {self.requisito}"

    @property
    def codigo(self) -> str:
        return self.orgao.registro.livro.codigo_da_campanha()

    def enviar(self, contraparte_de: str | None = None) -> None:
        destino = self.ambiente.contraparte(contraparte_de or self.requisito).endereco
        self.tramite = self.orgao.enviado_pendente(self.requisito, self.nome)
        if self.tramite is not None:
            return
        instruido = self.orgao.registro.livro.envio_instruido(self.requisito, self.nome)
        if instruido is not None:  # told before (an earlier run): look for what the operator did since
            self.tramite = self.orgao.encontrar_enviado(
                self.requisito, self.nome, destino, datetime.fromisoformat(instruido), self.codigo
            )
            return
        if self.so_retomar:
            raise Aguardando(
                f"Aguardando uma nova execução: o acompanhamento não instrui envios novos ({self.como_executar})."
            )
        orgao = self.ambiente.orgao
        desde = self.orgao.instruir(
            Instrucao(
                self.requisito,
                self.nome,
                "enviar",
                f"No SPE, na unidade {self.orgao.descrever(orgao.endereco_envio)}, crie um processo com a "
                f'descrição "{self.descricao}" e ao menos um documento, e envie-o pelo Tramita.GOV.BR para '
                f"{self.orgao.descrever(destino)}.",
                destinatario=destino,
                descricao=self.descricao,
            )
        )
        assert desde is not None, "uma instrução de envio não tem IDT: é sempre dada"
        self.tramite = self.orgao.encontrar_enviado(self.requisito, self.nome, destino, desde, self.codigo)

    def _exigir_o_codigo(self, registrado: TramiteRegistrado) -> None:
        """The trâmite found must be the test's: its descrição, now readable, carries the campaign's code."""
        if leva_o_codigo(registrado.descricao, self.codigo):
            return
        raise Inconclusivo(
            f'O trâmite {self._tramite_do_teste()} encontrado para o teste tem a descrição "{registrado.descricao}", '
            f"sem o código da campanha ({self.codigo}): não é o processo da instrução, ou a descrição foi digitada "
            f"de outro jeito. Nada foi julgado por ele. Repita o requisito com a descrição pedida: "
            f"{self.como_executar} --refazer {self.requisito}"
        )

    def receber_recibo_de_conclusao(self) -> None:
        """The SPE fetches the recibo (6); then the recibos are read, and checked against the metadata."""
        self.orgao.aguardar(self.idt, {S.RECIBO_RECEBIDO_REMETENTE})
        registrado = self.orgao.registro.exigir_proprio(self.idt, "conferir")
        hashes = tuple(sorted(c.hash for c in self.orgao.componentes_declarados(registrado)))
        self._exigir_o_codigo(registrado)
        if registrado.recibo(RECIBO_DE_ENVIO.nome) is None:
            self.orgao.anexar_recibo_conferido(self.orgao.cliente.ler_recibo_de_envio(self.idt), registrado, hashes)
        self.recibo_de_conclusao = self.orgao.anexar_recibo_conferido(
            self.orgao.cliente.ler_recibo_de_conclusao(self.idt), registrado, hashes
        )

    def cancelar(self) -> None:
        self.orgao.instruir(
            Instrucao(
                self.requisito,
                self.nome,
                "cancelar",
                f"No SPE, cancele o trâmite do processo que acabou de enviar ({self._tramite_do_teste()}), antes que "
                "o destino o receba.",
                idt=self.idt,
            )
        )

    # --- the organ as destinatário ------------------------------------------------------------
    def receber_processo(self) -> None:
        """The SPE receives and sends the recibo de conclusão (5); the remetente fetches it (6)."""
        if self.orgao.consultar(self.idt).situacao == S.COMPONENTES_ENVIADOS_REMETENTE:
            self.orgao.instruir(
                Instrucao(
                    self.requisito,
                    self.nome,
                    "receber",
                    f"No SPE, receba o processo que chegou à unidade de recebimento ({self._tramite_do_teste()}), "
                    "até o envio do recibo de conclusão.",
                    idt=self.idt,
                )
            )
        self.orgao.aguardar(self.idt, {S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE})
        self.orgao.componentes_declarados(self.orgao.registro.exigir_proprio(self.idt, "conferir"))

    def recusar(self, motivo: MotivoRecusa, justificativa: str) -> None:
        if self.orgao.consultar(self.idt).situacao == S.COMPONENTES_ENVIADOS_REMETENTE:
            self.orgao.instruir(
                Instrucao(
                    self.requisito,
                    self.nome,
                    "recusar",
                    f"No SPE, recuse o processo que chegou à unidade de recebimento ({self._tramite_do_teste()}) com "
                    f'o motivo {descrever_motivo(motivo.value)} e exatamente esta justificativa: "{justificativa}".',
                    idt=self.idt,
                    motivo=motivo,
                    justificativa=justificativa,
                )
            )
        self.recusa = (motivo, justificativa)

    # --- checks that differ: the SPE downloaded, not the harness --------------------------------
    def conferir_componentes_recebidos(self) -> None:
        """Every component declared in the metadata was downloaded by the SPE, as the platform records it."""
        tramite = self.orgao.consultar(self.idt)
        declarados = {c.hash for c in self.orgao.registro.exigir_proprio(self.idt, "conferir").componentes}
        baixados = declarados - set(tramite.hashes_pendentes)
        self.verificador.hashes_conferem(
            "componentes_recebidos",
            self.idt,
            "componentes baixados pelo SPE (registro do Tramita.GOV.BR)",
            baixados,
            declarados,
        )
