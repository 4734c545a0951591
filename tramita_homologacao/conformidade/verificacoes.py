"""Small named checks of the requirements; each declares the clause it proves and records what was expected,
what was observed and the verdict, as evidence, when it runs."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tramita_homologacao.cliente.erros import RespostaIncoerente
from tramita_homologacao.cliente.tipos import Metadados, Tramite
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo, descrever_diferenca, diferenca_de_hashes
from tramita_homologacao.conformidade.desfechos import Inconclusivo
from tramita_homologacao.conformidade.metadados import Avaliacao
from tramita_homologacao.conformidade.requisitos import CLAUSULAS
from tramita_homologacao.conformidade.signatario import SEM_AUTORIDADE
from tramita_homologacao.protocolo.dominio import MotivoRecusa
from tramita_homologacao.protocolo.situacoes import Situacao


@dataclass(frozen=True)
class Verificacao:
    clausula: str  # an id of conformidade.requisitos.CLAUSULAS
    idt: int | None
    nome: str
    esperado: object  # JSON-serializable
    observado: object
    aprovada: bool
    mensagem: str
    resposta: object = None  # the platform's answer it read, as received (JSON)

    def como_json(self) -> dict:
        return {
            "clausula": self.clausula,
            "nome": self.nome,
            "esperado": self.esperado,
            "observado": self.observado,
            "aprovada": self.aprovada,
            "mensagem": self.mensagem,
            "resposta": self.resposta,
        }


@dataclass(frozen=True)
class RecusaPrevista:
    """What an SPE refuses by itself, with which motivo, and the term its justificativa names it by."""

    motivo: MotivoRecusa
    o_que: str  # "o formato", "a espécie", "o tamanho máximo de"
    termo: str  # "odg", "Certidão", "1 Mb"

    @classmethod
    def formato(cls, extensao: str) -> RecusaPrevista:
        return cls(MotivoRecusa.FORMATO, "o formato", extensao)


@dataclass
class Verificador:
    """Runs the checks; `ao_verificar` receives every result (the suite attaches it to Allure)."""

    ao_verificar: Callable[[Verificacao], None] = lambda verificacao: None

    def _registrar(self, verificacao: Verificacao) -> None:
        assert verificacao.clausula in CLAUSULAS, f"cláusula desconhecida: {verificacao.clausula}"
        self.ao_verificar(verificacao)
        if not verificacao.aprovada:
            raise AssertionError(verificacao.mensagem)

    def situacao_final(self, tramite: Tramite, esperada: Situacao) -> None:
        aprovada = tramite.situacao == esperada
        self._verificar(
            "situacao_final",
            tramite.idt,
            "Situação final do trâmite",
            int(esperada),
            int(tramite.situacao),
            aprovada,
            f"IDT {tramite.idt}: situação final {tramite.situacao.rotulo()}"
            + ("" if aprovada else f"; esperada {esperada.rotulo()}"),
            tramite.bruto,
        )

    def historico(self, tramite: Tramite, esperado: Iterable[int]) -> None:
        esperado = list(esperado)
        obtido = tramite.historico
        datas = [m.data_hora for m in tramite.mudancas]
        em_ordem = all(a <= b for a, b in itertools.pairwise(datas))
        aprovada = obtido == esperado and em_ordem
        self._verificar(
            "historico_em_ordem",
            tramite.idt,
            "Histórico de situações, em ordem",
            {"situacoes": esperado, "datas": "em ordem"},
            {"situacoes": obtido, "datas": [d.isoformat() for d in datas]},
            aprovada,
            f"IDT {tramite.idt}: histórico {obtido}"
            + ("" if obtido == esperado else f"; esperado {esperado}")
            + ("" if em_ordem else "; as datas das mudanças de situação não estão em ordem"),
            tramite.bruto,
        )

    def hashes_conferem(
        self,
        clausula: str,
        idt: int,
        descricao: str,
        declarados: Iterable[str],
        enviados: Iterable[str],
        recibo: ConferenciaDeRecibo | None = None,
    ) -> None:
        """`declarados`: the hashes observed (in the recibo, or computed); `enviados`: the ones expected.

        With `recibo`, its hashes count only if it is the recibo of this trâmite (IDT and NRE)."""
        declarados, enviados = sorted(declarados), sorted(enviados)
        faltando, sobrando = diferenca_de_hashes(declarados, enviados)
        repetidos = sorted({h for h in declarados if declarados.count(h) > 1})
        de_outro = recibo is not None and not recibo.do_tramite
        aprovada = not faltando and not sobrando and not repetidos and not de_outro
        detalhes = descrever_diferenca(faltando, sobrando)
        if repetidos:
            detalhes.append(f"hashes repetidos: {', '.join(repetidos)}")
        if recibo is not None and de_outro:
            detalhes.append(f"o recibo é {recibo.descrever_tramite()}")
        observado: object = declarados
        if recibo is not None:
            observado = {"hashes": declarados, "IDT": recibo.idt, "NRE": recibo.nre}
        self._verificar(
            clausula,
            idt,
            f"Hashes do {descricao}",
            enviados
            if recibo is None
            else {"hashes": enviados, "IDT": recibo.idt_esperado, "NRE": recibo.nre_esperado},
            observado,
            aprovada,
            f"Os hashes do {descricao} "
            + ("conferem com os componentes enviados" if aprovada else "não conferem: ")
            + "; ".join(detalhes),
            recibo.bruto if recibo is not None else None,
        )

    def recusa(self, tramite: Tramite, motivo: MotivoRecusa, justificativa: str) -> None:
        motivo_ok = tramite.motivo_recusa == motivo.value
        justificativa_ok = tramite.justificativa_recusa == justificativa
        problemas = []
        if not motivo_ok:
            problemas.append(f"motivo registrado {tramite.motivo_recusa!r}, esperado {motivo.value!r}")
        if not justificativa_ok:
            problemas.append(
                f"justificativa registrada com {len(tramite.justificativa_recusa or '')} caracteres difere da esperada "
                f"({len(justificativa)} caracteres)"
            )
        self._verificar(
            "recusa_registrada",
            tramite.idt,
            "Motivo e justificativa da recusa",
            {"motivo": motivo.value, "justificativa": justificativa},
            {"motivo": tramite.motivo_recusa, "justificativa": tramite.justificativa_recusa},
            motivo_ok and justificativa_ok,
            f"IDT {tramite.idt}: recusa registrada com motivo {motivo.value} ({motivo.descricao})"
            if motivo_ok and justificativa_ok
            else f"IDT {tramite.idt}: " + "; ".join(problemas),
            tramite.bruto,
        )

    def recusa_pelo_spe(self, tramite: Tramite, prevista: RecusaPrevista, clausula: str = "recusa_registrada") -> None:
        """An SPE refused by itself (SEI's module) what it does not take: the motivo foreseen, and a justificativa
        that names what it refused (a format, an espécie, its maximum size)."""
        motivo = prevista.motivo
        motivo_ok = tramite.motivo_recusa == motivo.value
        justificativa = tramite.justificativa_recusa or ""
        termo = re.escape(prevista.termo)
        nomeia = re.search(rf"(?<![a-z0-9]){termo}(?![a-z0-9])", justificativa, re.IGNORECASE) is not None
        citado = f"{prevista.o_que} {prevista.termo}"
        problemas = []
        if not motivo_ok:
            problemas.append(f"motivo registrado {tramite.motivo_recusa!r}, esperado {motivo.value!r}")
        if not nomeia:
            problemas.append(f"a justificativa não cita {citado}: {justificativa[:120]!r}")
        self._verificar(
            clausula,
            tramite.idt,
            f"Recusa feita pelo SPE: {motivo.value} ({motivo.descricao})",
            {"motivo": motivo.value, "justificativa": f"cita {citado}"},
            {"motivo": tramite.motivo_recusa, "justificativa": justificativa},
            motivo_ok and nomeia,
            f"IDT {tramite.idt}: o SPE recusou sozinho, motivo {motivo.value} ({motivo.descricao}), citando {citado}"
            if motivo_ok and nomeia
            else f"IDT {tramite.idt}: " + "; ".join(problemas),
            tramite.bruto,
        )

    def cancelamento_recusado(self, idt: int, http_status: int | None, mensagem: str) -> None:
        aprovada = http_status is not None and 400 <= http_status < 500
        self._verificar(
            "cancelamento_so_antes_da_conclusao",
            idt,
            "Cancelamento recusado após a conclusão",
            {"http_status": "4xx (recusa)"},
            {"http_status": http_status, "mensagem": mensagem},
            aprovada,
            f"IDT {idt}: o Tramita.GOV.BR recusou o cancelamento (HTTP {http_status}: {mensagem})"
            if aprovada
            else f"IDT {idt}: esperava-se a recusa do cancelamento, mas {mensagem}",
        )

    def assinatura_do_recibo(self, conferencia: ConferenciaDeRecibo) -> None:
        """Signed by a recognised signer, over this trâmite; with no trusted authority configured the signer
        cannot be recognised, and the scenario proves nothing either way (`inconclusivo`)."""
        so_falta_a_autoridade = (
            conferencia.assinatura_confere
            and conferencia.do_tramite
            and conferencia.motivo_do_signatario == SEM_AUTORIDADE
        )
        if so_falta_a_autoridade:
            raise Inconclusivo(
                f"A assinatura do {conferencia.tipo} do trâmite {conferencia.idt} confere com o certificado que veio "
                f"nele ({conferencia.descrever_signatario()}), mas sem a autoridade certificadora que emite os "
                "certificados dos sistemas não há como saber se ele é do destinatário. Indique-a em "
                "[certificado].ac_dos_sistemas no arquivo de ambiente (o arquivo PEM da cadeia do certificado "
                "gerado no Portal de Administração) e execute de novo."
            )
        self._verificar(
            "assinatura_do_recibo",
            conferencia.idt_esperado,
            f"Assinatura do {conferencia.tipo}",
            {
                "IDT": conferencia.idt_esperado,
                "NRE": conferencia.nre_esperado,
                "signatario": "certificado do sistema destinatário, emitido por uma autoridade confiável",
            },
            {
                "IDT": conferencia.idt,
                "NRE": conferencia.nre,
                "signatario": conferencia.signatario,
                "emissor": conferencia.emissor,
                "impressao_digital": conferencia.impressao_digital,
                "signatario_reconhecido": conferencia.signatario_reconhecido,
                "assinatura_confere": conferencia.assinatura_confere,
            },
            conferencia.identidade_confere,
            conferencia.descrever(),
            conferencia.bruto,
        )

    def metadados(self, clausula: str, metadados: Metadados, avaliacao: Avaliacao) -> None:
        """A case of the extended profile, judged on the platform's record of the trâmite (`metadados.py`)."""
        self._verificar(
            clausula,
            metadados.idt,
            avaliacao.nome,
            avaliacao.esperado,
            avaliacao.observado,
            not avaliacao.problemas,
            avaliacao.comprovado
            if not avaliacao.problemas
            else f"IDT {metadados.idt}: " + "; ".join(avaliacao.problemas),
            {
                "IDT": metadados.idt,
                "NRE": metadados.nre,
                "processo" if metadados.tipo == "P" else "documento": metadados.protocolo,
            },
        )

    def resposta_incoerente(self, erro: RespostaIncoerente, idt: int | None) -> None:
        """Records the platform's incoherent answer as a failed check of the scenario's trâmite `idt` (the scenario
        already ended on it)."""
        self.ao_verificar(
            Verificacao(
                "resposta_coerente",
                idt,
                f"Resposta coerente: {erro.operacao}",
                "resposta sobre o trâmite pedido, com os tipos da API",
                erro.detalhe,
                False,
                str(erro),
            )
        )

    def _verificar(
        self,
        clausula: str,
        idt: int | None,
        nome: str,
        esperado: object,
        observado: object,
        aprovada: bool,
        mensagem: str,
        resposta: object = None,
    ) -> None:
        self._registrar(Verificacao(clausula, idt, nome, esperado, observado, aprovada, mensagem, resposta or None))
