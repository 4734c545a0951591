"""Step definitions of the Gherkin features (thin: they call the organ's actions and the named checks)."""
