"""One componente up and down through the harness's client, in its own process so that its peak memory is the
harness's alone. Prints one JSON line: seconds to hash, to upload, to download (with the hash check, as the
harness receives), and the peak resident memory of each phase.

    python -m bench.transferencia URL ARQUIVO PASTA --bloco 50
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.memoria import assentar_disco, pico_residente_mib, zerar_pico
from tramita_homologacao.cliente.api import ClienteTramita
from tramita_homologacao.orgao.processo_teste import gerar_processo_de_teste, novo_faker
from tramita_homologacao.protocolo.dominio import Endereco
from tramita_homologacao.protocolo.hashes import hash_de_arquivo

REMETENTE = ("SPE-ANEX", Endereco(1, 100001))
DESTINATARIO = ("SEI-ORGAO3", Endereco(2, 300003))  # silent counterpart: the benchmark receives for it


def main() -> None:
    argumentos = argparse.ArgumentParser()
    argumentos.add_argument("url")
    argumentos.add_argument("arquivo", type=Path)
    argumentos.add_argument("pasta", type=Path)
    argumentos.add_argument("--bloco", type=int, default=50)
    a = argumentos.parse_args()
    processo = gerar_processo_de_teste(novo_faker(), a.pasta / "processo", unidade="Protocolo", sigla_unidade="ANEX")
    remetente = ClienteTramita(a.url, tamanho_bloco_mb=a.bloco, cabecalhos={"X-Simulador-Sistema": REMETENTE[0]})
    destinatario = ClienteTramita(a.url, tamanho_bloco_mb=a.bloco, cabecalhos={"X-Simulador-Sistema": DESTINATARIO[0]})
    resultado: dict[str, float | None] = {"base_mib": pico_residente_mib()}

    assentar_disco()
    zerar_pico()
    inicio = time.perf_counter()
    hash_, tamanho = hash_de_arquivo(a.arquivo)
    resultado["hash_s"] = time.perf_counter() - inicio
    dados = processo.como_json()
    dados["documentos"][0]["componentesDigitais"][0].update(
        nome=a.arquivo.name, hash={"algoritmo": "SHA256", "conteudo": hash_}, tamanhoEmBytes=tamanho
    )
    cabecalho = {"remetente": REMETENTE[1].como_json(), "destinatario": DESTINATARIO[1].como_json()}
    inicio = time.perf_counter()
    novo = remetente.enviar_processo(cabecalho, dados)
    remetente.enviar_componente_digital(novo.ticket, processo.protocolo, hash_, a.arquivo)
    for documento in processo.documentos[1:]:  # a few kilobytes: the processo's other document
        remetente.enviar_componente_digital(
            novo.ticket, processo.protocolo, documento.componentes[0].hash, documento.componentes[0].caminho
        )
    resultado["envio_s"] = time.perf_counter() - inicio
    resultado["pico_envio_mib"] = pico_residente_mib()

    assentar_disco()
    zerar_pico()
    destino = a.pasta / "baixado.bin"
    inicio = time.perf_counter()
    destinatario.solicitar_metadados(novo.idt)
    calculado, recebido = destinatario.baixar_componente_digital(novo.idt, processo.protocolo, hash_, tamanho, destino)
    resultado["download_s"] = time.perf_counter() - inicio
    resultado["pico_download_mib"] = pico_residente_mib()
    if (calculado, recebido) != (hash_, tamanho):
        raise SystemExit(f"componente baixado diferente do enviado: {calculado} ({recebido} bytes)")
    destino.unlink()
    print(json.dumps(resultado))


if __name__ == "__main__":
    main()
