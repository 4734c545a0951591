"""`tramita-homologacao novo-ambiente`: the organ's environment file, a copy of a template outside the tracked ones."""

from __future__ import annotations

import click

from tramita_homologacao.cli.console import console, mostrar_comando
from tramita_homologacao.configuracao.ambiente import campos_a_preencher
from tramita_homologacao.configuracao.arquivo_toml import ler_toml
from tramita_homologacao.configuracao.localizacao import AMBIENTE_PADRAO, criar_do_modelo


@click.command("novo-ambiente", options_metavar="")
@click.argument("modelo", metavar="MODELO")
@click.argument("nome", required=False, metavar="[NOME]")
def novo_ambiente(modelo: str, nome: str | None) -> None:
    """Cria o arquivo de ambiente do órgão (meus-ambientes/NOME.toml) a partir de um modelo, para preencher.

    MODELO é um dos modelos que acompanham o harness (homologacao, producao, ...); NOME, o do novo ambiente
    (padrão: o do modelo). Um arquivo que já existe nunca é alterado.
    """
    nome = nome or modelo
    if nome == AMBIENTE_PADRAO:
        raise click.UsageError(f"'{AMBIENTE_PADRAO}' é o simulador embutido, que não se preenche: escolha outro NOME.")
    criado = criar_do_modelo(modelo, nome)
    console.print(f"Criado: {criado}", soft_wrap=True)
    pendentes = list(campos_a_preencher(ler_toml(criado)))
    if pendentes:
        console.print('Abra-o num editor de texto, salve em UTF-8 e troque cada valor "PREENCHA…":')
        for campo, dica in pendentes:
            console.print(f"  - {campo}: {dica}", soft_wrap=True)
    mostrar_comando("Depois, confira tudo, sem enviar nada, com:", f"tramita-homologacao diagnostico --ambiente {nome}")
