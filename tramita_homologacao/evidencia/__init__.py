"""Evidence of a campaign: resumo.json from the ledger, the relatório (HTML, PDF), the message to PEN, Allure."""
