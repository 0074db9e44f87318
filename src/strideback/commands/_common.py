"""What every command shares: --home/--json options, opening the store, JSON output, usage errors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
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


def run_app(start: Callable[[], Any]) -> None:
    """Run the command; a database that cannot be reached or written, or a home that cannot be used, ends
    in one line saying what to do and exit code 1 — never a traceback, which could show health values."""
    from strideback.domain.types import InvalidValue
    from strideback.store.failures import describe

    try:
        start()
    except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
        raise
    except InvalidValue as error:  # a value a command did not catch itself: still a usage error, no traceback
        err_console.print(f"[bold red]Error:[/] {error}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except Exception as error:
        failure = describe(error)
        if failure is not None:
            message = failure.message
        elif isinstance(error, PermissionError | NotADirectoryError | FileExistsError) and error.filename:
            message = (
                f"strideback cannot use {error.filename}: {error.strerror or 'not allowed'}. "
                "Choose a folder you can write with --home, then try again."
            )
        else:
            raise
        err_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
