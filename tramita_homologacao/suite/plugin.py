"""The pytest plugin behind the Gherkin suite, one module per concern.

Loaded by the root `conftest.py`; the same plugin serves `pytest` and `tramita-homologacao executar`.
"""

pytest_plugins = [
    "tramita_homologacao.suite.opcoes",
    "tramita_homologacao.suite.configuracao",
    "tramita_homologacao.suite.coleta",
    "tramita_homologacao.suite.evidencias",
    "tramita_homologacao.suite.resultados",
    "tramita_homologacao.suite.fixtures",  # last: it imports the modules above
]
