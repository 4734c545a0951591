"""The Tramita.GOV.BR REST client."""
