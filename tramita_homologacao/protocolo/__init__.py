"""The protocol's vocabulary, with no I/O: statuses and their transitions, recibos, hashes, signatures."""
