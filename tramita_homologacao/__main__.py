from tramita_homologacao.cli.principal import main

main()
