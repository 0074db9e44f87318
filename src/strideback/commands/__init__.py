"""CLI commands: one module `<name>_cmd.py` per command or group, each with `register(app)`, listed in cli.COMMANDS."""
