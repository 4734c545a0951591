"""The harness's side of a rehearsal in the simulator: driving its counterparts and the organ's simulated SPE."""
