"""Harness de homologação da integração de um órgão com o Tramita.GOV.BR."""

__version__ = "0.1.0"
