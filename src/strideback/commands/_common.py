"""What every command shares: --home/--json options, opening the store, JSON output, usage errors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

HomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home", envvar="STRIDEBACK_HOME", help="Folder holding the data (default: your user data folder)."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")]


def open_store(home: Path | None) -> int:
    """Configure the store for `home`, migrate if needed, and return the local person's id."""
    from strideback.store.setup import open_store as _open

    _open(home)
    from strideback.services.people import local_person_id

    return local_person_id()


def today_date() -> dt.date:
    return dt.date.today()


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, default=_default, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def usage_error(message: str) -> NoReturn:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code=2)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
