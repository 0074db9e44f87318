"""docs/cli.md is generated from the CLI itself; it must say what the commands really do."""

import os
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
REGENERATE = "python -m typer strideback.cli utils docs --name strideback --output docs/cli.md"


def test_the_cli_reference_is_current(tmp_path):
    out = tmp_path / "cli.md"
    env = {**os.environ, "STRIDEBACK_HOME": str(tmp_path / "home")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "typer",
            "strideback.cli",
            "utils",
            "docs",
            "--name",
            "strideback",
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert out.read_text() == DOCS.read_text(), f"docs/cli.md is out of date: run `{REGENERATE}`"
