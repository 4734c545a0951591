"""Benchmark of the harness and of its simulator (`python -m bench`); figures only, never a test."""
