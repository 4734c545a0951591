"""Who may sign the recibos of a campaign's environment, for every command that checks one."""

from __future__ import annotations

import requests

from tramita_homologacao.configuracao.ambiente import Ambiente
from tramita_homologacao.configuracao.certificado import CertificadoDoOrgao
from tramita_homologacao.conformidade.signatario import Confianca, confianca_do_ambiente
from tramita_homologacao.ensaio.controle import ac_dos_sistemas


def confianca_dos_recibos(
    ambiente: Ambiente, certificado: CertificadoDoOrgao | None, url_raiz: str, sessao: requests.Session
) -> Confianca:
    """`[certificado].ac_dos_sistemas`, the chain in the organ's certificate file and, only in a simulator (where
    the harness drives its control API), the simulator's own authority."""
    return confianca_do_ambiente(
        ambiente.certificado.ac_dos_sistemas if ambiente.certificado else None,
        certificado.cadeia if certificado else (),
        ac_dos_sistemas(url_raiz, sessao) if ambiente.tipo == "simulador" else "",
    )
