"""Support for the harness's own tests: environments built from data, certificates, the simulator's data, programs."""
