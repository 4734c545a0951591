"""The organ under test: its actions, waits, follow-up, guard rails, test processos, run record and ledger."""
