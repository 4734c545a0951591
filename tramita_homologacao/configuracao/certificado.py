"""The organ's certificate: loaded from PEM or PKCS#12, checked, and turned into a mutual-TLS context.

The private key never touches the disk unencrypted: to hand it to `ssl` (which reads files only),
it is written re-encrypted under a throwaway password to a temporary file that is removed at once.
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from tramita_homologacao.configuracao.segredo import Segredo
from tramita_homologacao.problemas import ProblemaConhecido
from tramita_homologacao.protocolo.assinatura import ParDeChaves

EXTENSOES_PKCS12 = {".p12", ".pfx"}


class ErroDeCertificado(ProblemaConhecido):
    """The certificate cannot be used; the message says why and what to do.

    `etapa` says which check failed, in the order they run: arquivo, senha, chave, validade, ca.
    """

    titulo = "Erro no certificado"

    def __init__(self, mensagem: str, etapa: str = "arquivo"):
        super().__init__(mensagem)
        self.etapa = etapa


@dataclass(frozen=True)
class CertificadoDoOrgao:
    arquivo: Path
    certificado: x509.Certificate = field(repr=False)
    cadeia: tuple[x509.Certificate, ...] = field(repr=False)
    chave: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = field(repr=False)

    @property
    def impressao_digital(self) -> str:
        return self.certificado.fingerprint(hashes.SHA256()).hex()

    @property
    def titular(self) -> str:
        return self.certificado.subject.rfc4514_string()

    @property
    def emissor(self) -> str:
        return self.certificado.issuer.rfc4514_string()

    @property
    def valido_ate(self) -> datetime:
        return self.certificado.not_valid_after_utc

    def dias_para_expirar(self, agora: datetime | None = None) -> int:
        return (self.valido_ate - (agora or datetime.now(UTC))).days

    def par_de_chaves(self) -> ParDeChaves:
        """The key the organ signs recibos de conclusão with."""
        return ParDeChaves(self.chave, self.certificado.public_bytes(serialization.Encoding.PEM).decode("ascii"))


def _ler(caminho: Path, descricao: str) -> bytes:
    if not caminho.is_file():
        raise ErroDeCertificado(
            f"{descricao} não encontrado: {caminho}. Confira o caminho em [certificado] no arquivo de ambiente."
        )
    return caminho.read_bytes()


def _senha_em_bytes(senha: Segredo | None) -> bytes | None:
    return senha.revelar().encode("utf-8") if senha is not None and senha.revelar() else None


def _carregar_pkcs12(conteudo: bytes, senha: Segredo | None, arquivo: Path):
    try:
        chave, certificado, extras = pkcs12.load_key_and_certificates(conteudo, _senha_em_bytes(senha))
    except ValueError:
        raise ErroDeCertificado(
            f"Não foi possível abrir {arquivo.name}: a senha do certificado está incorreta ou o arquivo não é um "
            "PKCS#12 (.p12/.pfx) válido. Confira a senha (ela nunca fica no arquivo de ambiente).",
            "senha",
        ) from None
    if certificado is None:
        raise ErroDeCertificado(f"O arquivo {arquivo.name} não contém um certificado.")
    return chave, certificado, tuple(extras)


def _carregar_pem(conteudo: bytes, chave_separada: bytes | None, senha: Segredo | None, arquivo: Path):
    try:
        certificados = x509.load_pem_x509_certificates(conteudo)
    except ValueError:
        raise ErroDeCertificado(
            f"O arquivo {arquivo.name} não contém um certificado PEM (-----BEGIN CERTIFICATE-----). Use um PEM com "
            "o certificado e a chave, ou um PKCS#12 (.p12/.pfx)."
        ) from None
    texto_da_chave = chave_separada if chave_separada is not None else conteudo
    if b"PRIVATE KEY-----" not in texto_da_chave:
        raise ErroDeCertificado(
            f"Não há chave privada em {arquivo.name}. Junte a chave ao certificado no mesmo PEM ou informe "
            "[certificado].chave no arquivo de ambiente."
        )
    senha_em_bytes = _senha_em_bytes(senha)
    try:
        try:
            chave = serialization.load_pem_private_key(texto_da_chave, senha_em_bytes)
        except TypeError:
            if senha_em_bytes is None:
                raise
            chave = serialization.load_pem_private_key(texto_da_chave, None)  # a key without password
    except TypeError:
        raise ErroDeCertificado(
            f"A chave privada de {arquivo.name} está protegida por senha e nenhuma senha foi informada. Defina a "
            'variável de ambiente indicada em [certificado].variavel_da_senha ou use origem_da_senha = "perguntar".',
            "senha",
        ) from None
    except ValueError:
        raise ErroDeCertificado(
            f"Não foi possível abrir a chave privada de {arquivo.name}: a senha do certificado está incorreta ou a "
            "chave está corrompida. Confira a senha (ela nunca fica no arquivo de ambiente).",
            "senha",
        ) from None
    return chave, certificados[0], tuple(certificados[1:])


def _chaves_conferem(chave, certificado: x509.Certificate) -> bool:
    formato = serialization.PublicFormat.SubjectPublicKeyInfo
    codificacao = serialization.Encoding.DER
    return chave.public_key().public_bytes(codificacao, formato) == certificado.public_key().public_bytes(
        codificacao, formato
    )


def carregar_certificado(
    arquivo: Path, senha: Segredo | None, chave: Path | None = None, *, aceitar_expirado: bool = False
) -> CertificadoDoOrgao:
    """Reads and checks the organ's certificate; raises `ErroDeCertificado` with the fix in Portuguese."""
    conteudo = _ler(arquivo, "Arquivo do certificado")
    if arquivo.suffix.lower() in EXTENSOES_PKCS12:
        chave_privada, certificado, cadeia = _carregar_pkcs12(conteudo, senha, arquivo)
    else:
        chave_separada = _ler(chave, "Arquivo da chave privada") if chave else None
        chave_privada, certificado, cadeia = _carregar_pem(conteudo, chave_separada, senha, arquivo)
    if chave_privada is None:
        raise ErroDeCertificado(f"O arquivo {arquivo.name} não contém a chave privada do certificado.", "chave")
    if not isinstance(chave_privada, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ErroDeCertificado(f"Tipo de chave não suportado em {arquivo.name}: use RSA ou EC.", "chave")
    if not _chaves_conferem(chave_privada, certificado):
        raise ErroDeCertificado(
            f"A chave privada não corresponde ao certificado em {arquivo.name}: confira se os dois arquivos são do "
            "mesmo certificado gerado no Portal de Administração.",
            "chave",
        )
    resultado = CertificadoDoOrgao(arquivo, certificado, cadeia, chave_privada)
    agora = datetime.now(UTC)
    if not aceitar_expirado and resultado.valido_ate < agora:
        raise ErroDeCertificado(
            f"O certificado {arquivo.name} ({resultado.titular}) expirou em "
            f"{resultado.valido_ate:%d/%m/%Y}. Gere um novo certificado no Portal de Administração do Tramita.GOV.BR.",
            "validade",
        )
    if not aceitar_expirado and certificado.not_valid_before_utc > agora:
        raise ErroDeCertificado(
            f"O certificado {arquivo.name} só é válido a partir de {certificado.not_valid_before_utc:%d/%m/%Y %H:%M} "
            "(UTC). Confira o relógio deste computador.",
            "validade",
        )
    return resultado


def contexto_tls(
    certificado: CertificadoDoOrgao | None, ca: Path | None = None, verificar_servidor: bool = True
) -> ssl.SSLContext:
    """A client context: the server verified (against `ca`, or the system's CAs) and the organ's certificate."""
    if ca is not None and not ca.is_file():
        raise ErroDeCertificado(
            f"Arquivo da cadeia de certificação (CA) não encontrado: {ca}. Confira [conexao].ca.", "ca"
        )
    contexto = ssl.create_default_context(cafile=str(ca) if ca else None)
    if not verificar_servidor:
        contexto.check_hostname = False
        contexto.verify_mode = ssl.CERT_NONE
    if certificado is not None:
        senha_temporaria = secrets.token_urlsafe(32).encode("ascii")
        pem = certificado.chave.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(senha_temporaria),
        ) + b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (certificado.certificado, *certificado.cadeia))
        descritor, nome = tempfile.mkstemp(suffix=".pem", prefix="tramita-")
        try:
            with os.fdopen(descritor, "wb") as temporario:
                temporario.write(pem)
            contexto.load_cert_chain(nome, password=senha_temporaria)
        finally:
            os.unlink(nome)
    return contexto
