"""The `tramita-homologacao` command line."""
