"""The checks of `tramita-homologacao diagnostico`: certificate, connection, units and counterparts.

Every check is read-only: it never consumes a pendência nor changes a trâmite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from tramita_homologacao.cliente.consulta import ClienteDeConsulta
from tramita_homologacao.cliente.erros import ErroDaApi, ErroTramita
from tramita_homologacao.configuracao.ambiente import Ambiente, ErroDeAmbiente, carregar_ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao, ErroDeCertificado, carregar_certificado
from tramita_homologacao.configuracao.conexao import Perguntar, abrir_cliente, obter_senha
from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.conformidade.requisitos import POR_ID
from tramita_homologacao.conformidade.signatario import AutoridadeIlegivel, confianca_do_ambiente

OK, FALHA, AVISO, NAO_SE_APLICA, NAO_VERIFICADO = "ok", "falha", "aviso", "não se aplica", "não verificado"
DIAS_DE_AVISO_DE_EXPIRACAO = 30
ETAPAS_DO_CERTIFICADO = (
    ("arquivo", "Certificado legível"),
    ("senha", "Senha do certificado"),
    ("chave", "Chave privada corresponde ao certificado"),
)


@dataclass(frozen=True)
class ItemDeDiagnostico:
    verificacao: str
    resultado: str
    detalhe: str
    o_que_fazer: str = ""


def _certificado(
    ambiente: Ambiente, senha: Segredo | None, perguntar: Perguntar | None
) -> tuple[list[ItemDeDiagnostico], CertificadoDoOrgao | None]:
    """Rows for the certificate checks, and the certificate when it could be loaded."""
    configuracao = ambiente.certificado
    if configuracao is None:
        return [
            ItemDeDiagnostico(
                "Certificado digital",
                NAO_SE_APLICA,
                "o simulador embutido não usa certificado"
                if ambiente.embutido
                else "o ambiente não configura certificado (simulador sem TLS mútuo)",
            )
        ], None
    try:
        senha = obter_senha(ambiente, senha, perguntar)
        certificado = carregar_certificado(configuracao.arquivo, senha, configuracao.chave, aceitar_expirado=True)
    except ErroDeCertificado as erro:
        itens, antes_da_falha = [], True
        for etapa, nome in ETAPAS_DO_CERTIFICADO:
            if etapa == erro.etapa:
                itens.append(
                    ItemDeDiagnostico(nome, FALHA, str(erro), "Corrija conforme a mensagem e repita o diagnóstico.")
                )
                antes_da_falha = False
            else:
                itens.append(ItemDeDiagnostico(nome, OK if antes_da_falha else NAO_VERIFICADO, ""))
        return itens, None
    itens = [
        ItemDeDiagnostico("Certificado legível", OK, f"{configuracao.arquivo} — titular {certificado.titular}"),
        ItemDeDiagnostico("Senha do certificado", OK, "a senha abre o certificado"),
        ItemDeDiagnostico(
            "Chave privada corresponde ao certificado", OK, f"impressão digital SHA-256 {certificado.impressao_digital}"
        ),
    ]
    dias = certificado.dias_para_expirar()
    validade = f"válido até {certificado.valido_ate:%d/%m/%Y} ({dias} dias)"
    if dias < 0:
        itens.append(
            ItemDeDiagnostico(
                "Validade do certificado",
                FALHA,
                f"expirou em {certificado.valido_ate:%d/%m/%Y}",
                "Gere um novo certificado no Portal de Administração do Tramita.GOV.BR.",
            )
        )
    elif dias < DIAS_DE_AVISO_DE_EXPIRACAO:
        itens.append(
            ItemDeDiagnostico(
                "Validade do certificado",
                AVISO,
                validade,
                "Providencie um novo certificado no Portal de Administração antes que expire.",
            )
        )
    else:
        itens.append(ItemDeDiagnostico("Validade do certificado", OK, validade))
    return itens, certificado


def _identidade_sem_senha(arquivo: Path) -> str:
    """The certificate's fingerprint when readable without the password (PEM), else the file's own hash."""
    conteudo = arquivo.read_bytes()
    try:
        return x509.load_pem_x509_certificates(conteudo)[0].fingerprint(hashes.SHA256()).hex()
    except ValueError:
        return "arquivo:" + hashlib.sha256(conteudo).hexdigest()


def _certificado_compartilhado(ambiente: Ambiente, arquivo_do_ambiente: Path, certificado: CertificadoDoOrgao):
    identidades = {
        certificado.impressao_digital,
        "arquivo:" + hashlib.sha256(certificado.arquivo.read_bytes()).hexdigest(),
    }
    repetidos = []
    for outro_arquivo in sorted(arquivo_do_ambiente.parent.glob("*.toml")):
        if outro_arquivo.resolve() == arquivo_do_ambiente.resolve():
            continue
        try:
            outro = carregar_ambiente(str(outro_arquivo))
        except ErroDeAmbiente:
            continue
        configurado = outro.certificado.arquivo if outro.certificado else None
        if configurado and configurado.is_file() and _identidade_sem_senha(configurado) in identidades:
            repetidos.append(outro.nome)
    if repetidos:
        yield ItemDeDiagnostico(
            "Certificado exclusivo deste ambiente",
            AVISO,
            f"o mesmo certificado está configurado também em: {', '.join(repetidos)}",
            "Use um certificado por sistema e por ambiente: dois sistemas com o mesmo certificado disputam as mesmas "
            'pendências (o caso mais comum no suporte do PEN: "situação 6, mas o processo não está no sistema").',
        )
    else:
        yield ItemDeDiagnostico(
            "Certificado exclusivo deste ambiente", OK, "nenhum outro ambiente usa este certificado"
        )


RESPOSTA_ESTRANHA = (
    "Confira se url_api é o endereço da API do Tramita.GOV.BR (e não de um proxy ou de uma página) e execute o "
    "diagnóstico de novo."
)


def _estrutura(cliente: ClienteDeConsulta, nome: str, repositorio: int, numero: int, *, deve_receber: bool, campo: str):
    try:
        estrutura = cliente.consultar_estrutura(repositorio, numero)
    except ErroDaApi as erro:
        return ItemDeDiagnostico(
            nome,
            FALHA,
            f"unidade {numero} não encontrada no repositório {repositorio} ({erro.mensagem})",
            f"Confira {campo} no arquivo de ambiente (número da estrutura no repositório de estruturas).",
        )
    except ErroTramita as erro:
        return ItemDeDiagnostico(nome, FALHA, str(erro), RESPOSTA_ESTRANHA)
    descricao = f"{estrutura.sigla} — {estrutura.nome} ({repositorio}/{numero})"
    if not estrutura.ativo:
        return ItemDeDiagnostico(
            nome, FALHA, f"{descricao} está inativa", f"Confira {campo} ou reative a unidade no SIORG."
        )
    if deve_receber and not estrutura.apta_para_receber:
        return ItemDeDiagnostico(
            nome,
            FALHA,
            f"{descricao} não está apta a receber trâmites",
            f"Confira {campo}: use uma unidade habilitada a receber no Tramita.GOV.BR.",
        )
    return ItemDeDiagnostico(nome, OK, descricao)


def _plataforma(ambiente: Ambiente, cliente: ClienteDeConsulta) -> Iterator[ItemDeDiagnostico]:
    try:
        cliente.healthcheck()
    except ErroTramita as erro:
        yield ItemDeDiagnostico(
            "Conexão e disponibilidade do Tramita.GOV.BR",
            FALHA,
            str(erro),
            "Sem conexão as demais verificações não podem ser feitas.",
        )
        return
    yield ItemDeDiagnostico(
        "Conexão e disponibilidade do Tramita.GOV.BR", OK, f"healthcheck de {cliente.url_base} respondeu"
    )
    try:
        pendencias = cliente.listar_pendencias()
    except ErroDaApi as erro:
        yield ItemDeDiagnostico(
            "Certificado vinculado a um sistema do órgão",
            FALHA,
            erro.mensagem,
            "Vincule o certificado ao sistema no Portal de Administração (comitê gestor de protocolo do órgão).",
        )
        return
    except ErroTramita as erro:
        yield ItemDeDiagnostico("Certificado vinculado a um sistema do órgão", FALHA, str(erro), RESPOSTA_ESTRANHA)
        return
    yield ItemDeDiagnostico(
        "Certificado vinculado a um sistema do órgão",
        OK,
        f"{len(pendencias)} pendência(s) visíveis (só consultadas, nunca consumidas)",
    )
    orgao = ambiente.orgao
    yield _estrutura(
        cliente,
        "Unidade de envio do órgão",
        orgao.repositorio,
        orgao.unidade_envio,
        deve_receber=False,
        campo="[orgao].unidade_envio",
    )
    yield _estrutura(
        cliente,
        "Unidade de recebimento do órgão",
        orgao.repositorio,
        orgao.unidade_recebimento,
        deve_receber=True,
        campo="[orgao].unidade_recebimento",
    )
    if ambiente.producao is not None:
        yield _estrutura(
            cliente,
            "Unidade de teste de produção",
            ambiente.producao.repositorio,
            ambiente.producao.estrutura,
            deve_receber=True,
            campo="[producao]",
        )
    for requisito, contraparte in ambiente.contrapartes.items():
        yield _estrutura(
            cliente,
            f"Contraparte do requisito {requisito}",
            contraparte.repositorio,
            contraparte.estrutura,
            deve_receber=not POR_ID[requisito].recebido,
            campo=f"[contrapartes.{requisito}]",
        )


def _autoridade_dos_sistemas(ambiente: Ambiente, certificado: CertificadoDoOrgao) -> ItemDeDiagnostico:
    """Whether a recibo de conclusão's signer can be recognised here (without it, the envio proves nothing)."""
    nome = "Autoridade que emite os certificados dos sistemas (assinatura dos recibos)"
    configurada = ambiente.certificado.ac_dos_sistemas if ambiente.certificado else None
    try:
        confianca = confianca_do_ambiente(configurada, certificado.cadeia)
    except AutoridadeIlegivel as erro:
        return ItemDeDiagnostico(nome, FALHA, str(erro), "Corrija [certificado].ac_dos_sistemas e repita.")
    if confianca.vazia:
        return ItemDeDiagnostico(
            nome,
            AVISO,
            "nenhuma: o arquivo do certificado não traz a cadeia e [certificado].ac_dos_sistemas está vazio; sem ela "
            "o recibo de conclusão não pode ser atribuído ao destinatário e o envio fica inconclusivo",
            "Exporte a cadeia do certificado gerado no Portal de Administração em PEM e indique-a em "
            "[certificado].ac_dos_sistemas.",
        )
    return ItemDeDiagnostico(nome, OK, "; ".join(ac.subject.rfc4514_string() for ac in confianca.acs))


def diagnosticar(
    ambiente: Ambiente,
    arquivo: Path,
    url_base: str,
    *,
    senha: Segredo | None = None,
    perguntar: Perguntar | None = None,
) -> list[ItemDeDiagnostico]:
    itens = [ItemDeDiagnostico("Arquivo de ambiente", OK, f"{arquivo} — {ambiente.tipo_por_extenso}, API {url_base}")]
    do_certificado, certificado = _certificado(ambiente, senha, perguntar)
    itens.extend(do_certificado)
    if ambiente.certificado is not None and certificado is None:
        itens.append(ItemDeDiagnostico("Conexão com o Tramita.GOV.BR", NAO_VERIFICADO, "sem um certificado utilizável"))
        return itens
    if certificado is not None:
        itens.extend(_certificado_compartilhado(ambiente, arquivo, certificado))
        itens.append(_autoridade_dos_sistemas(ambiente, certificado))
    cliente = ClienteDeConsulta(abrir_cliente(ambiente, url_base, certificado))  # it changes nothing
    try:
        itens.extend(_plataforma(ambiente, cliente))
    finally:
        cliente.fechar()
    itens.append(
        ItemDeDiagnostico("Endereço para avisar o PEN do início dos testes", OK, ambiente.pen.email_notificacao)
    )
    return itens
