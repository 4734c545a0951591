"""Embedded Tramita.GOV.BR simulator: model (`modelo`, `maquina`), counterparts, HTTP app and server."""
