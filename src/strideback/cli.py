"""The `strideback` command: a Typer app built from the explicit list of command modules below.

Start-up matters (a person waits for `today`): importing this module loads nothing but the standard
library. `main()` imports Typer and only the module of the command being run; `--help` (or an unknown
command) loads them all. `app` (for tests and the docs generator) is the full app, built on first use.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

# Every command module (`strideback/commands/<module>.py`, each with `register(app)`) and the top-level
# commands it registers, in the order `--help` lists them. A new command is one module and one row here.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("today_cmd", ("today",)),
    ("checkin_cmd", ("checkin",)),
    ("log_cmd", ("log",)),
    ("pain_cmd", ("pain",)),
    ("redflags_cmd", ("redflags",)),
    ("listing_cmd", ("activities", "checkins")),
    ("plan_cmd", ("plan",)),
    ("score_cmd", ("score", "questionnaire")),
    ("analyze_cmd", ("analyze",)),
    ("import_cmd", ("import",)),
    ("export_cmd", ("export",)),
    ("restore_cmd", ("restore",)),
    ("report_cmd", ("report",)),
    ("demo_cmd", ("demo",)),
    ("serve_cmd", ("serve",)),
    ("activity_cmd", ("activity",)),
    ("treatment_cmd", ("treatment",)),
    ("worker_cmd", ("worker",)),
    ("trial_cmd", ("trial",)),
    ("accounts_cmd", ("user", "token", "share")),
    ("reminders_cmd", ("reminders",)),
    ("profile_cmd", ("profile",)),
)
HELP = "A companion for runners living with sciatica. Not medical advice: see your clinician."


def module_for(command: str) -> str | None:
    for module, names in COMMANDS:
        if command in names:
            return module
    return None


def build_app(modules: list[str] | None = None) -> typer.Typer:
    """The Typer app with the commands of `modules` (default: every module in COMMANDS)."""
    import typer

    from strideback.commands._params import PlainHelpGroup, plain_help

    built = typer.Typer(
        cls=PlainHelpGroup,
        name="strideback",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,  # never print health values from a traceback's locals
    )

    @built.callback()
    def _group() -> None:
        # A callback keeps the app a group of commands even when only one command is registered.
        pass

    for module in modules if modules is not None else [m for m, _ in COMMANDS]:
        importlib.import_module(f"strideback.commands.{module}").register(built)
    plain_help(built)
    return built


def _first_command(argv: list[str]) -> str | None:
    """The command word: the first argument that is not an option (the app itself takes only --help)."""
    for word in argv:
        if not word.startswith("-"):
            return word
    return None


def _wants_demo_home(argv: list[str]) -> bool:
    """`strideback demo` and `strideback serve --demo` without --home use the demo's own folder."""
    if any(word == "--home" or word.startswith("--home=") for word in argv):
        return False
    command = _first_command(argv)
    return command == "demo" or (command == "serve" and "--demo" in argv)


def _leave_quickly() -> None:
    """At exit (atexit runs before the interpreter tears itself down): close the database connections
    (SQLite checkpoints its log on close), then freeze every object so that the interpreter's final
    garbage collection passes skip them. With the PDF library, Django and NumPy loaded, those passes took
    ~0.3 s of a report's wall time after its file was written (issue 17). Nothing is lost: standard
    streams are still flushed, and the atexit handlers registered before this one still run after it."""
    import gc

    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()
    gc.freeze()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    import atexit

    atexit.register(_leave_quickly)
    if _wants_demo_home(args):
        from strideback.config import demo_home_dir

        # Never the person's own data folder, even when STRIDEBACK_HOME points at it.
        os.environ["STRIDEBACK_HOME"] = str(demo_home_dir())
    # The command runs with the product's settings; where the data lives comes from --home/STRIDEBACK_HOME.
    os.environ["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
    module = module_for(_first_command(args) or "")
    application = build_app([module] if module is not None else None)
    from strideback.commands._busy import run_with_retry
    from strideback.commands._common import run_app

    run_app(lambda: run_with_retry(lambda: application(args=args, prog_name="strideback")))


def __getattr__(name: str) -> Any:
    if name == "app":
        full = build_app()
        globals()["app"] = full
        return full
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "app"])
