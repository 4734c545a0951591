"""Evidence of a run: HTTP exchanges for Allure, the run record and `resumo.json`."""
