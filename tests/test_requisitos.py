"""Requirements as data: every requirement has a scenario, every scenario says where it may run."""

import tomllib
from pathlib import Path

from gherkin.parser import Parser

from tramita_homologacao.conformidade.requisitos import REQUISITOS, cobertura, marcadores

RAIZ = Path(__file__).resolve().parents[1]
FEATURES = RAIZ / "features"


def _cenarios():
    for arquivo in sorted(FEATURES.glob("*.feature")):
        funcionalidade = Parser().parse(arquivo.read_text(encoding="utf-8"))["feature"]
        tags = {t["name"] for t in funcionalidade["tags"]}
        for filho in funcionalidade["children"]:
            if "scenario" in filho:
                yield arquivo, funcionalidade, filho["scenario"], tags | {t["name"] for t in filho["scenario"]["tags"]}


def test_todo_requisito_tem_ao_menos_um_cenario():
    faltando = [id_ for id_, cenarios in cobertura(FEATURES).items() if not cenarios]
    assert faltando == [], f"requisitos sem cenário: {faltando}"


def test_cada_funcionalidade_e_um_requisito_e_esta_em_portugues():
    for arquivo in FEATURES.glob("*.feature"):
        texto = arquivo.read_text(encoding="utf-8")
        assert texto.startswith("# language: pt"), arquivo.name
        funcionalidade = Parser().parse(texto)["feature"]
        assert funcionalidade["keyword"] == "Funcionalidade"
        assert [t["name"] for t in funcionalidade["tags"]] == [f"@requisito_{arquivo.stem}"]
    assert {f.stem for f in FEATURES.glob("*.feature")} == {r.id for r in REQUISITOS}


def test_todo_cenario_declara_onde_pode_rodar_e_o_nome_e_unico():
    nomes = []
    for arquivo, _, cenario, tags in _cenarios():
        assert any(t.startswith("@ambiente_") for t in tags), f"{arquivo.name}: {cenario['name']}"
        nomes.append(cenario["name"])
    assert len(nomes) == len(set(nomes))


def test_requisitos_publicados_rodam_em_producao():
    publicados = {r.id for r in REQUISITOS if r.publicado}
    em_producao = {
        tag.removeprefix("@requisito_")
        for _, _, _, tags in _cenarios()
        if "@ambiente_producao" in tags
        for tag in tags
        if tag.startswith("@requisito_")
    }
    assert publicados <= em_producao


def test_todas_as_tags_estao_registradas():
    configuracao = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    marcadores_do_pyproject = configuracao["tool"]["pytest"]["ini_options"]["markers"]
    registradas = {m.split(":")[0] for m in [*marcadores_do_pyproject, *marcadores()]}
    usadas = {t.lstrip("@") for _, _, _, tags in _cenarios() for t in tags}
    assert usadas <= registradas
