"""Following one trâmite of the organ: query it, record what is seen, wait for a status.

Shared by the organ played by the harness (`acoes.OrgaoEmTeste`, API mode) and the organ whose own
SPE acts while the harness only watches (`assistido.OrgaoObservador`, assisted mode). It needs
nothing but a trâmite query, so the observer can hold a client that has nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import NoReturn, Protocol

from tramita_homologacao.cliente.erros import ErroTramita, RespostaIncoerente
from tramita_homologacao.cliente.tipos import Estrutura, HipoteseLegal, Metadados, ReciboAssinado, Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.conferencia import ConferenciaDeRecibo, conferir_recibo
from tramita_homologacao.conformidade.desfechos import falha_transitoria
from tramita_homologacao.conformidade.requisitos import Papel
from tramita_homologacao.conformidade.signatario import Confianca
from tramita_homologacao.orgao.espera import Aguardo, Intervalo, TempoEsgotado, aguardar_situacao
from tramita_homologacao.orgao.registro import RegistroDeExecucao, TramiteRegistrado
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.situacoes import Situacao
from tramita_homologacao.protocolo.transicoes import alcancaveis, quem_move


class Consultavel(Protocol):
    @property
    def url_base(self) -> str: ...

    def consultar_tramite(self, idt: int) -> Tramite: ...

    def consultar_estrutura(self, repositorio: int, numero: int) -> Estrutura: ...

    def listar_hipoteses_legais(self, ativas: bool = True) -> list[HipoteseLegal]: ...

    def medir_desvio_do_relogio(self) -> timedelta | None: ...


def reerguer(erro: AssertionError) -> NoReturn:
    raise erro


class Observador:
    cliente: Consultavel

    def __init__(
        self,
        cliente: Consultavel,
        ambiente: Ambiente,
        registro: RegistroDeExecucao,
        ao_esgotar_o_prazo: Callable[[AssertionError], NoReturn] = reerguer,
    ) -> None:
        self.cliente = cliente
        self.ambiente = ambiente
        self.registro = registro
        self.ao_esgotar_o_prazo = ao_esgotar_o_prazo
        self.confianca = Confianca()  # who may sign the recibos of this environment (none: nobody is recognised)
        self.ao_aguardar: Callable[[Aguardo], None] = lambda aguardo: None  # progress, if shown
        self.vigiar: Callable[[], None] = lambda: None  # at every poll (assisted mode: the simulator's refusals)
        # A command of this campaign, complete as the user runs it (the campaign's own, with its options).
        self.comando: Callable[..., str] = lambda nome, *extras: " ".join(("tramita-homologacao", nome, *extras))

    def _aguardando(self, aguardo: Aguardo) -> None:
        self.ao_aguardar(aguardo)
        self.vigiar()

    def _aguardo(self, tramite: Tramite, alvo: frozenset[Situacao], pausa: float, restante: float) -> Aguardo:
        """The wait on one of the organ's trâmites: who must act now (the organ, or the other side)."""
        registrado = self.registro.exigir_proprio(tramite.idt, "aguardar")
        ator = quem_move(tramite.situacao)
        if ator is None:
            quem = "ninguém (situação final)"
        elif ator.value == registrado.papel:
            quem = "o SPE do órgão" if self.ambiente.modo == "assistido" else "o harness, pelo órgão"
        else:
            outro = tramite.destinatario if ator.value == Papel.DESTINATARIO else tramite.remetente
            quem = f"o {ator.value} ({outro})"
        return Aguardo(
            requisito=registrado.requisito,
            quem=quem,
            alvo=" ou ".join(s.rotulo() for s in sorted(alvo)),
            pausa=pausa,
            desiste_as=datetime.now().astimezone() + timedelta(seconds=restante),
            tramite=tramite,
        )

    def agora_na_plataforma(self) -> datetime:
        """This instant in the platform's clock: this machine's, corrected by the skew measured now (and kept in
        the ledger as the campaign's); this machine's own if the platform does not date its answers."""
        desvio = self.cliente.medir_desvio_do_relogio()
        if desvio is not None:
            self.registro.guardar("desvio_do_relogio_segundos", round(desvio.total_seconds(), 3))
        return datetime.now().astimezone() + (desvio or timedelta())

    def descrever(self, endereco: Endereco) -> str:
        """ "Name (SIGLA), repositório R, unidade E", from the platform's catalogue; the numbers if it fails."""
        try:
            estrutura = self.cliente.consultar_estrutura(endereco.repositorio, endereco.estrutura)
        except ErroTramita:
            return f"repositório {endereco.repositorio}, unidade {endereco.estrutura}"
        return f"{estrutura.nome} ({estrutura.sigla}), repositório {endereco.repositorio}, unidade {endereco.estrutura}"

    def anexar_recibo_conferido(
        self, recibo: ReciboAssinado, registrado: TramiteRegistrado, hashes: Iterable[str] | None = None
    ) -> ConferenciaDeRecibo:
        """The recibo checked against the recorded trâmite (IDT, NRE, hashes sent) and the environment's trusted
        signers, and kept with it."""
        conferencia = conferir_recibo(
            recibo,
            registrado.hashes_enviados if hashes is None else hashes,
            idt=registrado.idt,
            nre=registrado.nre,
            confianca=self.confianca,
        )
        self.registro.anexar_recibo(registrado, conferencia)
        return conferencia

    @staticmethod
    def do_tramite(metadados: Metadados, registrado: TramiteRegistrado) -> Metadados:
        """The metadata, if they are the recorded trâmite's (its NRE); else the answer is incoherent."""
        if registrado.nre and metadados.nre != registrado.nre:
            raise RespostaIncoerente(
                "Solicitação de metadados",
                f"os metadados pedidos para o trâmite IDT {registrado.idt} (NRE {registrado.nre}) vieram com o NRE "
                f"{metadados.nre}",
                idt=registrado.idt,
            )
        return metadados

    def consultar(self, idt: int) -> Tramite:
        """The trâmite as the platform has it now, recorded; it must still be the one recorded (its NRE)."""
        tramite = self.cliente.consultar_tramite(idt)
        registrado = self.registro.tramites.get(idt)
        if registrado is not None and registrado.nre and tramite.nre != registrado.nre:
            raise RespostaIncoerente(
                "Consulta de trâmites",
                f"o trâmite IDT {idt} foi registrado com o NRE {registrado.nre} e agora veio com o NRE {tramite.nre}",
                idt=idt,
            )
        self.registro.atualizar(tramite)
        return tramite

    # --- the organ as destinatário: what was sent to it ------------------------------------------
    def tramite_recebido_pendente(self, requisito: str, cenario: str) -> TramiteRegistrado | None:
        """The trâmite sent to the organ for this scenario earlier (adopted, or by an earlier run), not judged yet."""
        for linha in self.registro.livro.nao_avaliados(requisito, cenario, Papel.DESTINATARIO):
            return self.registro.retomar(linha)
        return None

    def adotar_tramite_recebido(self, idt: int, nre: str, protocolo: str, *, requisito: str, cenario: str) -> None:
        """Records a trâmite the counterpart sent, so that it is the organ's (the harness acts only on these)."""
        self.registro.registrar(requisito, cenario, Papel.DESTINATARIO, idt, nre, protocolo)

    def aguardar_pendencia(self, idt: int) -> Tramite:
        """Waits, read-only, until the trâmite has reached the organ (status 2 or later)."""
        chegou = Situacao.COMPONENTES_ENVIADOS_REMETENTE
        return self.aguardar(idt, {chegou} | alcancaveis(chegou))

    def aguardar(self, idt: int, alvo: Iterable[Situacao]) -> Tramite:
        """Waits for `alvo`; when the wait runs out, `ao_esgotar_o_prazo` decides (fail, or leave it waiting)."""
        alvo = frozenset(alvo)
        self.registro.exigir_proprio(idt, "aguardar")
        self.registro.marcar(idt, espera=" ou ".join(s.rotulo() for s in sorted(alvo)))
        espera = self.ambiente.espera
        try:
            return aguardar_situacao(
                lambda: self.consultar(idt),
                alvo,
                limite=espera.limite,
                intervalo=Intervalo.da(espera),
                ao_aguardar=lambda tramite, pausa, restante: self._aguardando(
                    self._aguardo(tramite, alvo, pausa, restante)
                ),
                transitoria=falha_transitoria,
            )
        except TempoEsgotado as erro:
            self.ao_esgotar_o_prazo(erro)
