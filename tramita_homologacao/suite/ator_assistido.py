"""Who acts in assisted mode: the organ's own SPE, driven by a person; the harness instructs and observes.

The same steps as in API mode, and the same checks; what differs is who acts. Each action becomes
an instruction to the operator (what to do in the SPE, in Portuguese) and a wait for its effect on
the platform; the checks read the platform only where reading changes nothing. The scenario that
needs the harness to act itself (a cancelamento it expects refused) is `@modo_api`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from tramita_homologacao.cliente.erros import ErroDaApi
from tramita_homologacao.cliente.tipos import Metadados
from tramita_homologacao.conformidade.desfechos import Aguardando, Inconclusivo, NaoSeAplica
from tramita_homologacao.conformidade.verificacoes import RecusaPrevista
from tramita_homologacao.orgao.assistido import Instrucao, OrgaoObservador, leva_o_codigo
from tramita_homologacao.orgao.processo_teste import Variante, descricao_para_digitar
from tramita_homologacao.orgao.registro import TramiteRegistrado
from tramita_homologacao.protocolo.dominio import Endereco, MotivoRecusa, descrever_motivo
from tramita_homologacao.protocolo.recibo import RECIBO_DE_ENVIO
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.suite.estado import EstadoDoCenario

S = Situacao


def o_que_criar(variante: Variante, descricao: str) -> str:
    """What the operator creates in the SPE for the case (the minimum's: a processo with a document)."""
    if variante.avulso:
        return f'crie um documento avulso (fora de processo) com a descrição "{descricao}"'
    texto = f'crie um processo com a descrição "{descricao}" e ao menos um documento'
    if variante.componentes_por_documento > 1:
        texto += (
            f", um deles com {variante.componentes_por_documento} arquivos (componentes digitais), como um "
            "documento externo com anexos"
        )
    if variante.anexado:
        texto += ", com outro processo anexado a ele (com ao menos um documento)"
    if variante.apensado:
        texto += ", e, ao enviá-lo, indique outro processo aberto na unidade como apensado (com ao menos um documento)"
    if variante.a_mais is not None:
        a_mais = variante.a_mais
        tamanho = f" de ao menos {a_mais.tamanho_minimo / 1024**2:.1f} MB" if a_mais.tamanho_minimo else ""
        texto += (
            f", mais um documento da espécie {a_mais.especie_nome}, em arquivo .{a_mais.extensao}{tamanho} "
            f"({a_mais.para_que})"
        )
    if variante.restrito:
        texto += (
            ", com nível de acesso restrito e uma hipótese legal no processo e em ao menos um documento (não "
            "sigiloso: o módulo do SPE não envia processo sigiloso)"
        )
    return texto


class AtorAssistido:
    def __init__(self, orgao: OrgaoObservador) -> None:
        self.orgao = orgao
        self.descricao = ""  # how the operator is told to describe the processo (carries the campaign's code)

    @property
    def codigo(self) -> str:
        return self.orgao.registro.codigo_da_campanha()

    @staticmethod
    def _tramite_do_teste(cenario: EstadoDoCenario) -> str:
        t = cenario.tramite
        return f"IDT {t.idt}, NRE {t.nre}, protocolo {t.protocolo}" if t else ""

    # --- the organ as remetente ---------------------------------------------------------------
    def preparar_processo(self, cenario: EstadoDoCenario) -> None:
        self.descricao = descricao_para_digitar(cenario.ambiente.orgao.sigla, self.codigo, cenario.requisito)

    def enviar(self, cenario: EstadoDoCenario, destino: Endereco) -> None:
        cenario.tramite = self.orgao.enviado_pendente(cenario.requisito, cenario.nome)
        if cenario.tramite is not None:
            return
        instruido = self.orgao.registro.livro.envio_instruido(cenario.requisito, cenario.nome)
        if instruido is not None:  # told before (an earlier run): look for what the operator did since
            cenario.tramite = self.orgao.encontrar_enviado(
                cenario.requisito, cenario.nome, destino, datetime.fromisoformat(instruido), self.codigo
            )
            return
        if cenario.so_retomar:
            raise Aguardando(
                f"Aguardando uma nova execução: o acompanhamento não instrui envios novos ({cenario.como_executar})."
            )
        orgao = cenario.ambiente.orgao
        desde = self.orgao.instruir(
            Instrucao(
                cenario.requisito,
                cenario.nome,
                "enviar",
                f"No SPE, na unidade {self.orgao.descrever(orgao.endereco_envio)}, "
                f"{o_que_criar(cenario.variante, self.descricao)}, e envie-o pelo Tramita.GOV.BR para "
                f"{self.orgao.descrever(destino)}.",
                destinatario=destino,
                descricao=self.descricao,
                variante=cenario.variante,
            )
        )
        assert desde is not None, "uma instrução de envio não tem IDT: é sempre dada"
        cenario.tramite = self.orgao.encontrar_enviado(cenario.requisito, cenario.nome, destino, desde, self.codigo)

    def _exigir_o_codigo(self, cenario: EstadoDoCenario, registrado: TramiteRegistrado) -> None:
        """The trâmite found must be the test's: its descrição, now readable, carries the campaign's code."""
        if leva_o_codigo(registrado.descricao, self.codigo):
            return
        raise Inconclusivo(
            f"O trâmite {self._tramite_do_teste(cenario)} encontrado para o teste tem a descrição "
            f'"{registrado.descricao}", sem o código da campanha ({self.codigo}): não é o processo da instrução, ou a '
            f"descrição foi digitada de outro jeito. Nada foi julgado por ele. Repita o requisito com a descrição "
            f"pedida: {cenario.como_executar} --refazer {cenario.requisito}"
        )

    def receber_recibo_de_conclusao(self, cenario: EstadoDoCenario) -> None:
        """The SPE fetches the recibo (6); then the recibos are read, and checked against the metadata."""
        idt = cenario.idt
        self.orgao.aguardar(idt, {S.RECIBO_RECEBIDO_REMETENTE})
        registrado = self.orgao.registro.exigir_proprio(idt, "conferir")
        hashes = tuple(sorted(c.hash for c in self.orgao.componentes_declarados(registrado)))
        self._exigir_o_codigo(cenario, registrado)
        if registrado.recibo(RECIBO_DE_ENVIO.nome) is None:
            self.orgao.anexar_recibo_conferido(self.orgao.cliente.ler_recibo_de_envio(idt), registrado, hashes)
        cenario.recibo_de_conclusao = self.orgao.anexar_recibo_conferido(
            self.orgao.cliente.ler_recibo_de_conclusao(idt), registrado, hashes
        )

    def cancelar(self, cenario: EstadoDoCenario) -> None:
        self.orgao.instruir(
            Instrucao(
                cenario.requisito,
                cenario.nome,
                "cancelar",
                f"No SPE, cancele o trâmite do processo que acabou de enviar ({self._tramite_do_teste(cenario)}), "
                "antes que o destino o receba.",
                idt=cenario.idt,
            )
        )

    def tomar_ciencia_da_recusa(self, cenario: EstadoDoCenario) -> None:
        self.orgao.instruir(
            Instrucao(
                cenario.requisito,
                cenario.nome,
                "observar",
                f"O destino recusa sozinho o processo que acabou de enviar ({self._tramite_do_teste(cenario)}), "
                "porque não aceita o documento a mais. No SPE, confira que o processo voltou à unidade, com o motivo "
                "da recusa: o SPE toma ciência dela sozinho (no SEI, pelo agendamento do módulo).",
                idt=cenario.idt,
            )
        )

    def aguardar_cancelamento_automatico(self, cenario: EstadoDoCenario) -> None:
        self.orgao.instruir(
            Instrucao(
                cenario.requisito,
                cenario.nome,
                "observar",
                f"Não cancele o trâmite do processo que acabou de enviar ({self._tramite_do_teste(cenario)}): o "
                "destino não o receberá, e o Tramita.GOV.BR o cancela sozinho quando o prazo de recebimento se "
                "esgota (situação 10). Depois, confira no SPE que o processo voltou a ficar disponível na unidade.",
                idt=cenario.idt,
            )
        )

    def metadados_do_tramite(self, cenario: EstadoDoCenario) -> Metadados:
        registrado = self.orgao.registro.exigir_proprio(cenario.idt, "conferir")
        return self.orgao.do_tramite(self.orgao.cliente.ler_metadados(cenario.idt), registrado)

    def tentar_cancelar(self, cenario: EstadoDoCenario) -> ErroDaApi | None:
        raise NaoSeAplica(
            f"O cenário '{cenario.nome}' pede ao harness que cancele ele mesmo; no modo assistido quem age é o SPE."
        )

    # --- the organ as destinatário ------------------------------------------------------------
    def receber_processo(self, cenario: EstadoDoCenario) -> None:
        """The SPE receives and sends the recibo de conclusão (5); the remetente fetches it (6). SEI receives by
        itself: the operator is only told so."""
        idt = cenario.idt
        if self.orgao.consultar(idt).situacao == S.COMPONENTES_ENVIADOS_REMETENTE:
            self.orgao.instruir(
                Instrucao(
                    cenario.requisito,
                    cenario.nome,
                    "observar",
                    f"Nada a fazer no SEI: o módulo do Tramita.GOV.BR recebe sozinho o processo que chegou à unidade "
                    f"de recebimento ({self._tramite_do_teste(cenario)}) e envia o recibo de conclusão. Se ele não "
                    "avançar, confira se o agendamento do módulo está ativo.",
                    idt=idt,
                )
                if cenario.ambiente.formato_que_o_spe_recusa
                else Instrucao(
                    cenario.requisito,
                    cenario.nome,
                    "receber",
                    f"No SPE, receba o processo que chegou à unidade de recebimento "
                    f"({self._tramite_do_teste(cenario)}), até o envio do recibo de conclusão.",
                    idt=idt,
                )
            )
        self.orgao.aguardar(idt, {S.RECIBO_ENVIADO_DESTINATARIO, S.RECIBO_RECEBIDO_REMETENTE})
        self.orgao.componentes_declarados(self.orgao.registro.exigir_proprio(idt, "conferir"))

    def recusar(self, cenario: EstadoDoCenario, motivo: MotivoRecusa, justificativa: str) -> None:
        formato = cenario.ambiente.formato_que_o_spe_recusa
        if formato:  # SEI: nobody picks a motivo; its module refuses what it cannot take, by itself
            cenario.recusa_pelo_spe = RecusaPrevista.formato(formato)
            self.orgao.instruir(
                Instrucao(
                    cenario.requisito,
                    cenario.nome,
                    "observar",
                    f"Nada a fazer no SEI: o processo que chegou ({self._tramite_do_teste(cenario)}) traz um documento "
                    f"no formato .{formato}, que o SEI do órgão não aceita, e o módulo do Tramita.GOV.BR o recusa "
                    f"sozinho, com o motivo {descrever_motivo(MotivoRecusa.FORMATO.value)} e a mensagem dele. Não "
                    f"inclua o formato .{formato} entre os aceitos pelo SEI até o fim do teste.",
                    idt=cenario.idt,
                )
            )
            return
        if self.orgao.consultar(cenario.idt).situacao == S.COMPONENTES_ENVIADOS_REMETENTE:
            self.orgao.instruir(
                Instrucao(
                    cenario.requisito,
                    cenario.nome,
                    "recusar",
                    f"No SPE, recuse o processo que chegou à unidade de recebimento "
                    f"({self._tramite_do_teste(cenario)}) com o motivo {descrever_motivo(motivo.value)} e exatamente "
                    f'esta justificativa: "{justificativa}".',
                    idt=cenario.idt,
                    motivo=motivo,
                    justificativa=justificativa,
                )
            )

    def componentes_recebidos(self, cenario: EstadoDoCenario) -> tuple[str, Collection[str], Collection[str]]:
        """Every component declared in the metadata was downloaded by the SPE, as the platform records it."""
        tramite = self.orgao.consultar(cenario.idt)
        declarados = {c.hash for c in self.orgao.registro.exigir_proprio(cenario.idt, "conferir").componentes}
        baixados = declarados - set(tramite.hashes_pendentes)
        return "componentes baixados pelo SPE (registro do Tramita.GOV.BR)", baixados, declarados
