"""A real run's resumo shown as another environment would show it (the report and message of each type)."""

from __future__ import annotations

from tramita_homologacao.evidencia.modelo import Resumo
from tramita_homologacao.protocolo.enderecos import HOSTS_OFICIAIS


def como_se_fosse(resumo: Resumo, tipo: str, *, oficial: bool = True) -> Resumo:
    """`resumo` as if its campaign had run in `tipo`, at the official address (or, `oficial=False`, elsewhere)."""
    host = HOSTS_OFICIAIS.get(tipo, resumo.ambiente.host) if oficial else resumo.ambiente.host
    ambiente = resumo.ambiente.model_copy(
        update={
            "tipo": tipo,
            "host": host,
            "url_base": f"https://{host}/interoperabilidade/rest/v3/",
            "endereco_oficial": oficial and tipo in HOSTS_OFICIAIS,
        }
    )
    return resumo.model_copy(update={"ambiente": ambiente})
