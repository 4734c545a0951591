"""A pack checked by whoever receives it (the PEN technician), with nothing but the pack and, optionally, the
authority that issues the systems' certificates: the manifest's signature, every file's hash, every recibo's
signature from the recibo as received, each check against the platform's answer behind it, and every verdict
recomputed from the checks. Read-only: nothing in the pack changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.erros import ErroTramita
from tramita_homologacao.cliente.tipos import ReciboAssinado
from tramita_homologacao.conformidade.conferencia import descrever_diferenca, diferenca_de_hashes
from tramita_homologacao.conformidade.signatario import Confianca
from tramita_homologacao.evidencia.coerencia import contradicoes
from tramita_homologacao.evidencia.manifesto import (
    ASSINATURA,
    MANIFESTO,
    AssinaturaConferida,
    AssinaturaInvalida,
    arquivos_do_pacote,
    conferir_assinatura,
    sha256_do_arquivo,
)
from tramita_homologacao.evidencia.modelo import Recibo, Resumo, Tramite
from tramita_homologacao.evidencia.resumo import ResumoIlegivel, ler_resumo_sem_julgar
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.assinatura import assinatura_confere
from tramita_homologacao.protocolo.recibo import RECIBO_DE_CONCLUSAO, RECIBO_DE_ENVIO

CONFERE, NAO_CONFERE, AVISO = "confere", "não confere", "aviso"
TIPOS_DE_RECIBO = {t.nome: t for t in (RECIBO_DE_ENVIO, RECIBO_DE_CONCLUSAO)}


class PacoteAusente(ProblemaConhecido):
    titulo = "Pacote de evidências"


@dataclass(frozen=True)
class Constatacao:
    situacao: str  # CONFERE, NAO_CONFERE or AVISO (could not be checked here; says what would check it)
    assunto: str
    detalhe: str


@dataclass
class Auditoria:
    pasta: Path
    constatacoes: list[Constatacao] = field(default_factory=list)
    resumo: Resumo | None = None  # read, with every verdict following from its checks
    assinatura: AssinaturaConferida | None = None

    def anotar(self, confere: bool, assunto: str, detalhe: str) -> None:
        self.constatacoes.append(Constatacao(CONFERE if confere else NAO_CONFERE, assunto, detalhe))

    def avisar(self, assunto: str, detalhe: str) -> None:
        self.constatacoes.append(Constatacao(AVISO, assunto, detalhe))

    @property
    def confere(self) -> bool:
        return all(c.situacao != NAO_CONFERE for c in self.constatacoes)


def pasta_do_pacote(caminho: Path) -> Path:
    """The pack's folder, from the folder or any file in it (the manifest, resumo.json, a relatório)."""
    pasta = caminho if caminho.is_dir() else caminho.parent
    if not caminho.exists() or (not (pasta / MANIFESTO).is_file() and not (pasta / "resumo.json").is_file()):
        raise PacoteAusente(
            f"{caminho} não é um pacote de evidências: falta {MANIFESTO} (e resumo.json) na pasta. Indique a pasta "
            "que o órgão enviou, ou um arquivo dela."
        )
    return pasta


def _manifesto(auditoria: Auditoria) -> dict | None:
    caminho = auditoria.pasta / MANIFESTO
    try:
        conteudo = caminho.read_bytes()
        manifesto = json.loads(conteudo)
        arquivos = {a["caminho"]: a["sha256"] for a in manifesto["arquivos"]}
    except (OSError, ValueError, KeyError, TypeError):
        auditoria.anotar(False, "Manifesto", f"{MANIFESTO} ausente ou ilegível: não há como saber o que o pacote tinha")
        return None
    assinatura = auditoria.pasta / ASSINATURA
    if assinatura.is_file():
        try:
            auditoria.assinatura = conferir_assinatura(conteudo, assinatura.read_text(encoding="ascii").strip())
        except (AssinaturaInvalida, UnicodeDecodeError) as erro:
            auditoria.anotar(False, "Assinatura do manifesto", str(erro) or "assinatura ilegível")
        else:
            certificado = auditoria.assinatura.certificado
            auditoria.anotar(
                True,
                "Assinatura do manifesto",
                f"confere; assinado por {certificado.subject.rfc4514_string()}, emitido por "
                f"{certificado.issuer.rfc4514_string()}",
            )
    return arquivos


def _arquivos(auditoria: Auditoria, esperados: dict[str, str]) -> None:
    presentes = {r.as_posix() for r in arquivos_do_pacote(auditoria.pasta)}
    problemas = 0
    for caminho, sha256 in sorted(esperados.items()):
        if caminho not in presentes:
            auditoria.anotar(False, f"Arquivo {caminho}", "consta do manifesto, mas foi apagado")
        elif (encontrado := sha256_do_arquivo(auditoria.pasta / caminho)) != sha256:
            auditoria.anotar(
                False,
                f"Arquivo {caminho}",
                f"alterado depois do manifesto (SHA-256 {encontrado}, no manifesto {sha256})",
            )
        else:
            continue
        problemas += 1
    for caminho in sorted(presentes - set(esperados)):
        auditoria.anotar(False, f"Arquivo {caminho}", "acrescentado depois do manifesto (não consta dele)")
        problemas += 1
    if not problemas:
        auditoria.anotar(True, "Arquivos do pacote", f"os {len(esperados)} arquivos são os do manifesto, byte a byte")


def _recibo(auditoria: Auditoria, tramite: Tramite, recibo: Recibo, confianca: Confianca) -> None:
    assunto = f"{recibo.tipo.capitalize()} do IDT {tramite.idt}"
    try:
        assinado = ReciboAssinado.de_json(TIPOS_DE_RECIBO[recibo.tipo], dict(recibo.bruto))
    except (KeyError, TypeError, ValueError):
        auditoria.anotar(False, assunto, "o pacote não traz o recibo como o Tramita.GOV.BR o entregou")
        return
    problemas = []
    if not assinado.cadeia_do_certificado or not assinatura_confere(
        assinado.xml(), assinado.hash_da_assinatura, assinado.cadeia_do_certificado
    ):
        problemas.append("a assinatura não confere com o certificado que veio no recibo")
    if (assinado.idt, assinado.nre) != (tramite.idt, tramite.nre):
        problemas.append(f"é do trâmite IDT {assinado.idt}, NRE {assinado.nre}, não do IDT {tramite.idt}")
    faltando, sobrando = diferenca_de_hashes(assinado.hashes, (c.sha256_base64 for c in tramite.componentes))
    problemas += descrever_diferenca(faltando, sobrando)
    if (assinado.idt, assinado.nre, list(assinado.hashes)) != (recibo.idt, recibo.nre, recibo.hashes):
        problemas.append("o que o relatório diz do recibo não é o que o recibo traz")
    reconhecimento = confianca.reconhecer(assinado.cadeia_do_certificado)
    if reconhecimento.impressao_digital != recibo.impressao_digital:
        problemas.append("o signatário registrado não é o do recibo")
    quem = f"assinado por {reconhecimento.signatario}, emitido por {reconhecimento.emissor}"
    if problemas:
        auditoria.anotar(False, assunto, "; ".join(problemas))
    elif confianca.vazia:
        auditoria.anotar(True, assunto, f"assinatura, IDT, NRE e hashes conferem; {quem}")
    else:
        auditoria.anotar(
            reconhecimento.reconhecido,
            assunto,
            f"assinatura, IDT, NRE e hashes conferem; {quem}; {reconhecimento.motivo}",
        )


def _lido(clausula: str, resposta: dict) -> object:
    """What the platform's answer says about the clause, as its check records it."""
    if clausula == "situacao_final":
        return resposta.get("situacaoAtual")
    mudancas = resposta.get("mudancasDeSituacao")
    return [m.get("situacao") for m in mudancas if isinstance(m, dict)] if isinstance(mudancas, list) else None


def _respostas(auditoria: Auditoria, tramite: Tramite) -> None:
    """Each check on the status against the platform's answer it read."""
    for verificacao in tramite.verificacoes:
        resposta, observado = verificacao.resposta, verificacao.observado
        if verificacao.clausula not in ("situacao_final", "historico_em_ordem") or not isinstance(resposta, dict):
            continue
        if isinstance(observado, dict):  # the history's check: {"situacoes": [...], "datas": [...]}
            observado = observado.get("situacoes")
        lido = _lido(verificacao.clausula, resposta)
        if (resposta.get("IDT"), str(resposta.get("NRE"))) != (tramite.idt, tramite.nre) or lido != observado:
            auditoria.anotar(
                False,
                f"{verificacao.nome} do IDT {tramite.idt}",
                f"a resposta da plataforma (IDT {resposta.get('IDT')}) diz {lido}; a verificação registrou {observado}",
            )


def auditar(caminho: Path, confianca: Confianca) -> Auditoria:
    """Everything the pack claims, checked again; `confianca`: the authority of the systems' certificates, if known."""
    auditoria = Auditoria(pasta_do_pacote(caminho))
    arquivos = _manifesto(auditoria)
    if arquivos is not None:
        _arquivos(auditoria, arquivos)
    resumo = None
    try:
        resumo = ler_resumo_sem_julgar(auditoria.pasta / "resumo.json")
    except ResumoIlegivel as erro:
        auditoria.anotar(False, "Vereditos", str(erro))
    except OSError:
        auditoria.anotar(False, "Vereditos", "o pacote não tem resumo.json, de onde saem os vereditos")
    if not (auditoria.pasta / ASSINATURA).is_file():
        sem_assinatura = f"o pacote não tem {ASSINATURA}: não é atribuível ao órgão"
        if resumo is not None and resumo.ensaio:  # the embedded simulator has no certificate to sign with
            auditoria.avisar("Assinatura do manifesto", f"{sem_assinatura} (ensaio no simulador, sem valor)")
        else:
            auditoria.anotar(False, "Assinatura do manifesto", sem_assinatura)
    if resumo is None:
        return auditoria
    problemas = contradicoes(resumo)
    auditoria.anotar(
        not problemas,
        "Vereditos",
        "; ".join(problemas) or "cada veredito sai das verificações registradas, pela regra do harness",
    )
    auditoria.resumo = None if problemas else resumo  # a contradicted verdict is never shown
    if auditoria.assinatura is not None:
        registrado = resumo.certificado.impressao_digital_sha256 if resumo.certificado else ""
        auditoria.anotar(
            auditoria.assinatura.impressao_digital == registrado,
            "Certificado da campanha",
            "o manifesto foi assinado com o certificado que executou a campanha"
            if auditoria.assinatura.impressao_digital == registrado
            else f"o manifesto foi assinado por outro certificado que não o da campanha ({registrado or 'nenhum'})",
        )
        if not confianca.vazia:
            quem = confianca.reconhecer(auditoria.assinatura.cadeia_pem())
            auditoria.anotar(quem.reconhecido, "Autoridade de quem assinou o manifesto", quem.motivo)
    for requisito in resumo.todos_os_requisitos:
        for tramite in requisito.tramites:
            for recibo in tramite.recibos:
                _recibo(auditoria, tramite, recibo, confianca)
            _respostas(auditoria, tramite)
    if confianca.vazia and any(t.recibos for r in resumo.todos_os_requisitos for t in r.tramites):
        auditoria.avisar(
            "Autoridade dos signatários",
            "sem --ac, os signatários dos recibos não foram conferidos contra a autoridade certificadora que emite "
            "os certificados dos sistemas; informe o arquivo PEM dela para conferi-los",
        )
    return auditoria


def reconsultar(auditoria: Auditoria, consulta: ClienteDeConsulta) -> None:
    """Each trâmite of the pack asked again of the platform, read-only: the same NRE, and the history the pack
    shows as the start of the platform's (it may have gone on since)."""
    if auditoria.resumo is None:
        return
    for requisito in auditoria.resumo.todos_os_requisitos:
        for tramite in requisito.tramites:
            assunto = f"IDT {tramite.idt} no Tramita.GOV.BR"
            try:
                atual = consulta.consultar_tramite(tramite.idt)
            except ErroTramita as erro:  # a fault says nothing about the pack
                auditoria.avisar(assunto, f"não foi possível consultá-lo agora: {erro}")
                continue
            no_pacote = [m.situacao for m in tramite.historico]
            if atual.nre != tramite.nre:
                auditoria.anotar(False, assunto, f"a plataforma dá o NRE {atual.nre}; o pacote, {tramite.nre}")
            elif atual.historico[: len(no_pacote)] != no_pacote:
                auditoria.anotar(
                    False, assunto, f"a plataforma dá o histórico {atual.historico}; o pacote, {no_pacote}"
                )
            else:
                auditoria.anotar(
                    True,
                    assunto,
                    f"NRE e histórico conferem com a plataforma (situação atual {atual.situacao.rotulo()})",
                )
