"""Loads the suite's plugin and every step module of steps/ (a new requirement's steps need no entry here)."""

from pathlib import Path

PASSOS = sorted(m.stem for m in (Path(__file__).parent / "steps").glob("[!_]*.py") if not m.stem.startswith("test_"))
pytest_plugins = ["tramita_homologacao.suite.plugin", *(f"steps.{nome}" for nome in PASSOS)]
