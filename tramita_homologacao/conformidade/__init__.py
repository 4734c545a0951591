"""The minimum requirements, the checks that prove them, recibo verification and the verdict rules."""
