pytest_plugins = [
    "tramita_homologacao.suite.plugin",
    "steps.situacao",
    "steps.envio",
    "steps.recebimento",
    "steps.cancelamento",
]
