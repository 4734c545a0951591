"""The pytest plugin and the organ's actions that the Gherkin steps call."""
