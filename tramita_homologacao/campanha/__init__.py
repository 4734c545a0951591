"""The campaign of an environment: where it lives, one run at a time, and the processos PEN sends."""
