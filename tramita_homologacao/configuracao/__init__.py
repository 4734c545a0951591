"""What the organ configures: the environment file, its certificate and secrets, the connection, the diagnosis."""
