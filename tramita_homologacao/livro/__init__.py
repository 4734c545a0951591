"""The campaign's ledger: what the harness created, was sent, saw and judged, in one SQLite file."""
