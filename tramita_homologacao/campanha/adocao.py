"""Taking up the processos PEN sends for the receiving requirements (recebimento, recusa).

Outside the simulator a person sends them, whenever they can. A receiving scenario that finds
nothing records a request (`pedidos` in the ledger) and waits. The organ's pendências are then
read (read-only: listing and querying change nothing) and a trâmite is adopted for a request when
its remetente is the requirement's configured counterpart, its destinatário is the organ's
receiving unit, it was registered after the request and nobody started receiving it (status 2).
Anything else is left exactly as it is and recorded as ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from tramita_homologacao.campanha.pasta import para_copiar
from tramita_homologacao.campanha.unidades import NomesDasUnidades
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.tipos import Tramite
from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.conformidade.requisitos import POR_ID, REGISTRO, Papel
from tramita_homologacao.livro.livro import OBSERVADO, Pedido
from tramita_homologacao.orgao.assistido import LEGIVEIS, RESOLUCAO_DO_RELOGIO, leva_o_codigo
from tramita_homologacao.orgao.observacao import Observador
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.horario import BRASILIA, hora
from tramita_homologacao.protocolo.situacoes import Situacao

REGRA_DE_ADOCAO = (
    "Os processos que a contraparte configurada de cada requisito envia à unidade de recebimento do órgão, depois "
    "do pedido, são adotados por ordem de chegada: o primeiro para o recebimento (é recebido), o seguinte para a "
    "recusa (é recusado com o motivo e a justificativa do cenário). Processos de outros remetentes, para outras "
    "unidades ou registrados antes do pedido não são tocados: ficam como estão e aparecem como ignorados. O "
    "órgão também pode indicar, pelo IDT, o processo que o PEN enviou de outra unidade."
)
REGRA_DE_ADOCAO_DO_SEI = (
    "O SEI do órgão recebe e recusa sozinho: os processos que a contraparte configurada de cada requisito envia à "
    "unidade de recebimento do órgão, depois do pedido, são adotados pelo que o SEI fez com eles: o que ele recusou "
    "(por trazer o formato de arquivo que o órgão não aceita) vai para a recusa; o que ele recebeu, para o "
    "recebimento. Processos de outros remetentes, para outras unidades ou registrados antes do pedido não são "
    "tocados e aparecem como ignorados."
)
ORDEM = {r.id: i for i, r in enumerate(REGISTRO)}
# What SEI did with a processo, by its status: refused it (8, 9) or received it (4, 5, 6); before that, undecided.
RECUSADO_PELO_SEI = frozenset({Situacao.RECUSADO, Situacao.CIENCIA_RECUSA})
RECEBIDO_PELO_SEI = frozenset(
    {
        Situacao.COMPONENTES_RECEBIDOS_DESTINATARIO,
        Situacao.RECIBO_ENVIADO_DESTINATARIO,
        Situacao.RECIBO_RECEBIDO_REMETENTE,
    }
)
AINDA_COM_O_SEI = frozenset({Situacao.COMPONENTES_ENVIADOS_REMETENTE, Situacao.METADADOS_RECEBIDO_DESTINATARIO})


def regra_de_adocao(ambiente: Ambiente) -> str:
    """How the processos PEN sends are taken up in this environment (none in the simulator, which sends on demand)."""
    if ambiente.tipo == "simulador":
        return ""
    return REGRA_DE_ADOCAO_DO_SEI if ambiente.formato_que_o_spe_recusa else REGRA_DE_ADOCAO


class ErroDeAdocao(ProblemaConhecido):
    """The operator named a trâmite the harness must not take up."""

    titulo = "Não adotado"


@dataclass
class Procura:
    adotados: list[tuple[Tramite, Pedido]] = field(default_factory=list)
    ignorados: list[tuple[Tramite, str]] = field(default_factory=list)


def _consulta(orgao: Observador) -> ClienteDeConsulta:
    """A look that cannot move anybody's trâmite, whatever client the organ holds."""
    cliente = orgao.cliente
    return cliente if isinstance(cliente, ClienteDeConsulta) else ClienteDeConsulta(cast(ClienteTramita, cliente))


def _pedidos_em_aberto(orgao: Observador) -> list[Pedido]:
    abertos = [p for p in orgao.registro.livro.pedidos() if p.idt is None]
    return sorted(abertos, key=lambda p: (ORDEM.get(p.requisito, len(ORDEM)), p.pedido_em))


def _chegados(orgao: Observador) -> list[Tramite]:
    """The trâmites in the organ's pendências that the harness has not seen yet, oldest first. SEI takes them off
    the pendências by itself: then every trâmite to the receiving unit is looked at."""
    livro = orgao.registro.livro
    conhecidos = {linha.idt for linha in livro.todos()} | {i.idt for i in livro.ignorados()}
    consulta = _consulta(orgao)  # a look that cannot move anybody's trâmite
    if orgao.ambiente.formato_que_o_spe_recusa:
        todos = consulta.consultar_tramites(destinatario=orgao.ambiente.orgao.endereco_recebimento)
        return sorted((t for t in todos if t.idt not in conhecidos), key=lambda t: t.data_registro)
    novos = [p.idt for p in consulta.listar_pendencias() if p.idt not in conhecidos]
    return sorted((consulta.consultar_tramite(idt) for idt in dict.fromkeys(novos)), key=lambda t: t.data_registro)


def _motivo_para_ignorar(orgao: Observador, tramite: Tramite, pedidos: list[Pedido]) -> str | None:
    ambiente = orgao.ambiente
    if tramite.destinatario != ambiente.orgao.endereco_recebimento:
        return f"não é destinado à unidade de recebimento do órgão ({ambiente.orgao.endereco_recebimento})"
    sei = ambiente.formato_que_o_spe_recusa is not None
    if sei and tramite.situacao not in RECUSADO_PELO_SEI | RECEBIDO_PELO_SEI | AINDA_COM_O_SEI:
        return f"está na situação {int(tramite.situacao)}: o SEI não o recebeu nem o recusou"
    if not sei and tramite.situacao != Situacao.COMPONENTES_ENVIADOS_REMETENTE:
        return f"já está na situação {int(tramite.situacao)}: outro sistema começou a recebê-lo"
    do_remetente = [p for p in pedidos if ambiente.contraparte(p.requisito).endereco == tramite.remetente]
    if not do_remetente:
        return "o remetente não é a contraparte de um requisito que aguarda processo"
    if not any(_depois_do_pedido(tramite, p) for p in do_remetente):
        return "registrado antes do pedido ao PEN"
    return None


def _depois_do_pedido(tramite: Tramite, pedido: Pedido) -> bool:
    """Registered after the request, both in the platform's clock (a date without zone is this machine's)."""
    registrado = tramite.data_registro.astimezone()
    return registrado >= datetime.fromisoformat(pedido.pedido_em).astimezone() - RESOLUCAO_DO_RELOGIO


def adotar_enviados_pelo_pen(orgao: Observador) -> Procura:
    """Adopts, by the rule above, what PEN sent for the open requests; records the rest as ignored."""
    procura = Procura()
    pedidos = _pedidos_em_aberto(orgao)
    if not pedidos:
        return procura
    for tramite in _chegados(orgao):
        motivo = _motivo_para_ignorar(orgao, tramite, pedidos)
        if motivo is not None:
            orgao.registro.ignorar(tramite.idt, orgao.descrever(tramite.remetente), motivo)
            procura.ignorados.append((tramite, motivo))
            continue
        candidatos = [
            p
            for p in pedidos
            if orgao.ambiente.contraparte(p.requisito).endereco == tramite.remetente and _depois_do_pedido(tramite, p)
        ]
        if orgao.ambiente.formato_que_o_spe_recusa:  # by what SEI did with it; undecided ones wait for it
            if tramite.situacao in AINDA_COM_O_SEI:
                continue
            recusado = tramite.situacao in RECUSADO_PELO_SEI
            candidatos = [
                p for p in candidatos if (POR_ID[p.requisito].situacao_final == Situacao.CIENCIA_RECUSA) == recusado
            ]
            if not candidatos:
                continue
        pedido = candidatos[0]
        _adotar(orgao, tramite, pedido)
        pedidos.remove(pedido)
        procura.adotados.append((tramite, pedido))
        if not pedidos:
            break
    return procura


TAMANHO_DO_NRE = 16


def localizar(orgao: Observador, identificador: str) -> Tramite:
    """The trâmite the operator names by what the SPE shows: the IDT, the NRE (16 digits) or the processo's NUP."""
    consulta, texto = _consulta(orgao), identificador.strip()
    if texto.isdigit() and len(texto) == TAMANHO_DO_NRE:
        encontrados = consulta.consultar_tramites(nre=texto)
    elif texto.isdigit():
        encontrados = consulta.consultar_tramites(idt=int(texto))
    else:
        encontrados = consulta.consultar_tramites(protocolo=texto)
    conhecidos = {linha.idt for linha in orgao.registro.livro.todos()}
    novos = [t for t in encontrados if t.idt not in conhecidos]
    if len(novos) == 1:
        return novos[0]
    if encontrados and not novos:
        raise ErroDeAdocao(f"O trâmite {identificador} já está no livro de registro desta campanha: nada a adotar.")
    if not novos:
        raise ErroDeAdocao(f"Nenhum trâmite visível ao órgão com IDT, NRE ou NUP '{identificador}'.")
    lista = "; ".join(f"IDT {t.idt} (NRE {t.nre}, registrado em {hora(t.data_registro)})" for t in novos)
    raise ErroDeAdocao(f"Há {len(novos)} trâmites para '{identificador}': {lista}. Indique um deles pelo IDT.")


def adotar_por_indicacao(orgao: Observador, identificador: str, requisito: str) -> tuple[Tramite, str]:
    """The operator's choice, for `requisito`: a processo PEN sent to the organ (recebimento, recusa), or one the
    organ's SPE sent as it was told (assisted mode: envio, cancelamento). (the trâmite, the scenario it proves)"""
    tramite = localizar(orgao, identificador)
    if POR_ID[requisito].recebido:
        return tramite, _adotar_recebido(orgao, tramite, requisito).cenario
    return tramite, _adotar_enviado(orgao, tramite, requisito)


def _adotar_recebido(orgao: Observador, tramite: Tramite, requisito: str) -> Pedido:
    pedido = next((p for p in _pedidos_em_aberto(orgao) if p.requisito == requisito), None)
    if pedido is None:
        raise ErroDeAdocao(
            f"O requisito '{requisito}' não aguarda processo do PEN nesta campanha (nenhum pedido em aberto). "
            f"Execute antes:{para_copiar(orgao.comando('executar', '--requisito', requisito))}"
        )
    if tramite.destinatario != orgao.ambiente.orgao.endereco_recebimento:
        raise ErroDeAdocao(
            f"O trâmite {tramite.idt} é destinado a {tramite.destinatario}, não à unidade de recebimento do órgão "
            f"({orgao.ambiente.orgao.endereco_recebimento}): o harness não o adota."
        )
    _adotar(orgao, tramite, pedido)
    return pedido


def _adotar_enviado(orgao: Observador, tramite: Tramite, requisito: str) -> str:
    livro = orgao.registro.livro
    cenario = next((c for r, c in livro.envios_instruidos() if r == requisito), None)
    if cenario is None:
        raise ErroDeAdocao(
            f"O requisito '{requisito}' não aguarda um envio feito pelo SPE do órgão nesta campanha (isso só existe "
            "no modo assistido, depois da instrução). Execute antes:"
            + para_copiar(orgao.comando("executar", "--modo", "assistido", "--requisito", requisito))
        )
    origem, destino = orgao.ambiente.orgao.endereco_envio, orgao.ambiente.contraparte(requisito).endereco
    if (tramite.remetente, tramite.destinatario) != (origem, destino):
        raise ErroDeAdocao(
            f"O trâmite {tramite.idt} vai de {tramite.remetente} para {tramite.destinatario}; a instrução era de "
            f"{origem} para {destino}: o harness não o adota."
        )
    instruido_em = datetime.fromisoformat(str(livro.envio_instruido(requisito, cenario)))
    if tramite.data_registro.astimezone() < instruido_em - RESOLUCAO_DO_RELOGIO:
        raise ErroDeAdocao(
            f"O trâmite {tramite.idt} foi registrado em {hora(tramite.data_registro)}, antes da "
            f"instrução ({hora(instruido_em)}, no relógio do Tramita.GOV.BR): não é o envio "
            "pedido, e o harness não o adota."
        )
    codigo = orgao.registro.codigo_da_campanha()
    if tramite.situacao in LEGIVEIS and not leva_o_codigo(
        descricao := _consulta(orgao).ler_descricao(tramite.idt), codigo
    ):
        raise ErroDeAdocao(
            f'O processo do trâmite {tramite.idt} tem a descrição "{descricao}", sem o código da campanha '
            f"({codigo}) que a instrução pediu: o harness não o adota."
        )
    orgao.registro.envio_encontrado(requisito, cenario, tramite.idt)
    orgao.registro.registrar(
        requisito, cenario, Papel.REMETENTE, tramite.idt, tramite.nre, tramite.protocolo, etapa=OBSERVADO
    )
    return cenario


def _adotar(orgao: Observador, tramite: Tramite, pedido: Pedido) -> None:
    orgao.adotar_tramite_recebido(
        tramite.idt, tramite.nre, tramite.protocolo, requisito=pedido.requisito, cenario=pedido.cenario
    )
    orgao.registro.atender_pedido(pedido, tramite.idt)


def o_que_sera_feito(requisito: str, formato_que_o_spe_recusa: str | None) -> str:
    """What the organ does to the processo PEN sends for `requisito`: received, refused, or (SEI) refused by its
    module because it carries a file format the organ does not accept, which PEN must then include."""
    desfecho = POR_ID[requisito].desfecho_do_recebido
    if formato_que_o_spe_recusa and POR_ID[requisito].situacao_final == Situacao.CIENCIA_RECUSA:
        return (
            f"com um documento no formato .{formato_que_o_spe_recusa} (que o SEI do órgão não aceita), e que por isso "
            "será recusado pelo próprio SEI"
        )
    return f"que {desfecho}"


def aguardando_o_pen(ambiente: Ambiente, pedido: Pedido, como_acompanhar: str, nomes: NomesDasUnidades) -> str:
    """What a receiving scenario waits for outside the simulator, for whom (by the platform's name), and how it
    goes on."""
    remetente = nomes.rotulo(ambiente.contraparte(pedido.requisito).endereco)
    pedido_em = datetime.fromisoformat(pedido.pedido_em).astimezone(BRASILIA).strftime("%d/%m/%Y %H:%M")
    return (
        f"Aguardando o PEN enviar um processo de teste, remetente {remetente}, "
        f"{o_que_sera_feito(pedido.requisito, ambiente.formato_que_o_spe_recusa)}, à unidade de recebimento do órgão "
        f"({nomes.rotulo(ambiente.orgao.endereco_recebimento)}), pedido em {pedido_em} (horário de Brasília). O "
        f"harness o adota quando chegar: {como_acompanhar}"
    )
