"""The simulator's API errors: one class per error, each knowing its HTTP status and `codigoErro`.

Only `0044` and `0055` are evidenced in the official module (`docs/api-tramita.md` §6); the other
codes are this simulator's own choice, kept stable so that tests and users can rely on them:

    ErroDaPlataforma
     ├── RequisicaoInvalida      400  0001  malformed body, missing or invalid field
     │    ├── ComponenteInvalido  400  0061  hash or size of a component does not match
     │    └── AssinaturaInvalida  400  0062  recibo signature does not verify
     ├── RecursoNaoEncontrado    404  0002  unknown path, ticket or component
     │    ├── TramiteNaoEncontrado 404 0004
     │    └── EstruturaNaoEncontrada 404 0055  unit not in that repository
     ├── SistemaNaoAutorizado    403  0003  certificate/system may not act for that unit or trâmite
     ├── TramiteEmAndamento      409  0044  "Processo já possui um trâmite em andamento."
     └── SituacaoNaoPermite      409  0060  the trâmite's status does not allow the operation
"""

from __future__ import annotations


class ErroDaPlataforma(Exception):
    http_status = 500
    codigo_erro = "0500"

    def __init__(self, mensagem: str):
        super().__init__(mensagem)
        self.mensagem = mensagem

    def como_json(self) -> dict:
        return {"codigoErro": self.codigo_erro, "mensagem": self.mensagem, "status": self.http_status}


class RequisicaoInvalida(ErroDaPlataforma):
    http_status = 400
    codigo_erro = "0001"


class ComponenteInvalido(RequisicaoInvalida):
    codigo_erro = "0061"


class AssinaturaInvalida(RequisicaoInvalida):
    codigo_erro = "0062"


class RecursoNaoEncontrado(ErroDaPlataforma):
    http_status = 404
    codigo_erro = "0002"


class TramiteNaoEncontrado(RecursoNaoEncontrado):
    codigo_erro = "0004"

    def __init__(self, idt: int):
        super().__init__(f"Trâmite {idt} não encontrado.")


class EstruturaNaoEncontrada(RecursoNaoEncontrado):
    codigo_erro = "0055"


class SistemaNaoAutorizado(ErroDaPlataforma):
    http_status = 403
    codigo_erro = "0003"


class ControleNegado(ErroDaPlataforma):
    """The control API (`/_simulador/`) refused the caller: not this machine, no token, or no control role."""

    http_status = 403
    codigo_erro = "0903"


class TramiteEmAndamento(ErroDaPlataforma):
    http_status = 409
    codigo_erro = "0044"

    def __init__(self) -> None:
        super().__init__("Processo já possui um trâmite em andamento.")


class SituacaoNaoPermite(ErroDaPlataforma):
    http_status = 409
    codigo_erro = "0060"
