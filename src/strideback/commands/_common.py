"""What every command shares: the --home, --json and date options, opening the store, JSON output, errors.

`--home` is parsed once, by Typer: its callback points the settings at that folder and sets Django up
before the command's own code runs. Dates go through one parser (`parse_day`) for every command.
Rich is imported on first output only, so `--json` runs never load it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from strideback.config import HOME_ENV
from strideback.domain.dates import parse_day
from strideback.domain.types import InvalidValue

if TYPE_CHECKING:
    from rich.console import Console


class _LazyConsole:
    """A Rich console created on first use (importing Rich costs tens of milliseconds)."""

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return getattr(self._console, name)


console = cast("Console", _LazyConsole())
err_console = cast("Console", _LazyConsole(stderr=True))


def escape(text: str) -> str:
    """Rich markup escaping, without importing Rich for commands that print JSON."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def use_home(home: Path | None) -> Path | None:
    """--home's callback: configure Django for this home before the command body runs (once a process).

    In a process whose settings are already configured (tests, the web server) this changes nothing.
    """
    from django.conf import settings

    if not settings.configured:
        if home is not None:
            os.environ[HOME_ENV] = str(home.expanduser().resolve())
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.django_settings")
        import django

        # The URL prefix matters to the web server only; not setting it skips importing django.urls.
        django.setup(set_prefix=False)
    return home


HomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        envvar=HOME_ENV,
        metavar="DIR",
        callback=use_home,
        help="Folder holding the data (default: your user data folder).",
    ),
]
# --home on a command that never opens the store (`score`): accepted like everywhere, without setting
# Django up for it (issue 17: a stateless command costs no more than Python and its own work).
StatelessHomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        envvar=HOME_ENV,
        metavar="DIR",
        help="Folder holding the data (default: your user data folder).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")]


def today_date() -> dt.date:
    return dt.date.today()


def date_option(text: str | dt.date | None, field_name: str = "date") -> dt.date | None:
    """The one date parser of the CLI: today, yesterday or YYYY-MM-DD; a usage error names the option."""
    if text is None or isinstance(text, dt.date):
        return text
    try:
        return parse_day(text, today_date(), field_name=field_name)
    except InvalidValue as error:
        raise typer.BadParameter(str(error)) from None


def _date(text: str) -> dt.date:
    day = date_option(text)
    assert day is not None
    return day


def _since(text: str) -> dt.date:
    day = date_option(text, field_name="since")
    assert day is not None
    return day


DateOpt = Annotated[
    dt.date | None,
    typer.Option(
        "--date", parser=_date, metavar="DATE", show_default="today", help="today, yesterday or YYYY-MM-DD."
    ),
]
SinceOpt = Annotated[
    dt.date | None,
    typer.Option(
        "--since", parser=_since, metavar="DATE", help="Only from this date on (YYYY-MM-DD, today…)."
    ),
]


def open_store(home: Path | None) -> int:
    """Configure the store for `home`, migrate if needed, and return the local person's id."""
    use_home(home)
    from strideback.services.home import open_local_person

    return open_local_person(home)


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
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
    from strideback.services.store_health import describe

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
