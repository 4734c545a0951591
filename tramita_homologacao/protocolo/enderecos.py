"""The platform's official addresses (`docs/api-tramita.md`, §1). A run is evidence of homologação or
produção only if it reached that environment's official host over HTTPS with the server's certificate verified;
anywhere else (the simulator, a copy, a proxy with another name) it is an ensaio, whatever the environment file
says. Kept in the code, not in the environment file, so that an edited file cannot turn an ensaio into one."""

from __future__ import annotations

from urllib.parse import urlsplit

HOSTS_OFICIAIS: dict[str, str] = {
    "homologacao": "homolog.api.processoeletronico.gov.br",
    "producao": "api.conectagov.processoeletronico.gov.br",
}


def host_da_url(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def e_endereco_oficial(tipo: str, url: str, *, servidor_verificado: bool) -> bool:
    """`url` is the official address of environments of type `tipo`, reached with the server verified."""
    partes = urlsplit(url)
    return (
        servidor_verificado
        and partes.scheme == "https"
        and partes.port in (None, 443)
        and host_da_url(url) == HOSTS_OFICIAIS.get(tipo)
    )
