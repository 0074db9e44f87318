"""CLI commands, one module per command or group. Each module has `register(app)`; cli.py finds them."""
