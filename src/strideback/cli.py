"""The `strideback` command: a Typer app whose commands live in `strideback.commands.*`."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import typer

import strideback.commands

app = typer.Typer(
    name="strideback",
    help="A companion for runners living with sciatica. Not medical advice: see your clinician.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # never print health values from a traceback's locals
)


def _register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(strideback.commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"strideback.commands.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def _home_from_argv(argv: list[str]) -> str | None:
    """The value of `--home` wherever it stands, so Django is configured before any command code runs."""
    for index, word in enumerate(argv):
        if word == "--home" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--home="):
            return word.split("=", 1)[1]
    return None


def main() -> None:
    home = _home_from_argv(sys.argv[1:])
    if home:
        os.environ["STRIDEBACK_HOME"] = str(Path(home).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.django_settings")
    import django

    # The URL prefix matters to the web server only; not setting it skips importing django.urls.
    django.setup(set_prefix=False)
    from strideback.commands.busy import run_with_retry

    run_with_retry(app)
