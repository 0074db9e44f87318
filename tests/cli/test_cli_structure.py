"""The CLI's plumbing: every command module is registered explicitly, and start-up stays light."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import strideback.commands
from strideback.cli import COMMANDS

# Libraries that cost tens to hundreds of milliseconds to import; no read-only command needs them.
HEAVY = ("pandas", "statsmodels", "altair", "fhir.resources", "ninja", "vl_convert", "fpdf", "numpy")


def test_every_command_module_is_in_the_registry():
    on_disk = {
        m.name for m in pkgutil.iter_modules(strideback.commands.__path__) if not m.name.startswith("_")
    }
    assert on_disk == {module for module, _ in COMMANDS}, "add each command module to cli.COMMANDS"
    assert all(name.endswith("_cmd") for name in on_disk), "command modules are named <command>_cmd.py"


def test_the_registry_lists_what_each_module_registers():
    from strideback.cli import build_app

    for module, names in COMMANDS:
        app = build_app([module])
        registered = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
        assert registered == set(names), module


def _clean_env() -> dict[str, str]:
    """The environment of a fresh process that picks its own settings and uses SQLite in its home."""
    return {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }


def _loaded_after(code: str, env: dict[str, str], packages: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """What is imported after `code`: the heavy libraries, Pydantic, Typer, and those of `packages`
    (a package or any module inside it) under "packages"."""
    probe = (
        f"import sys, json\n{code}\n"
        f"print(json.dumps({{'heavy': [m for m in {HEAVY!r} if m in sys.modules], "
        "'pydantic': 'pydantic' in sys.modules, 'typer': 'typer' in sys.modules, "
        f"'packages': [p for p in {packages!r} if any(n == p or n.startswith(p + '.') for n in sys.modules)]}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_library(tmp_path):
    env = _clean_env()
    loaded = _loaded_after("import strideback.cli", env)
    assert loaded == {"heavy": [], "pydantic": False, "typer": False, "packages": []}


def test_a_today_run_loads_no_heavy_library(tmp_path):
    env = _clean_env()
    code = (
        "from strideback.cli import main\n"
        f"try:\n    main(['today', '--json', '--home', {str(tmp_path)!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )
    loaded = _loaded_after(code, env)
    assert loaded["heavy"] == []
    assert not loaded["pydantic"], "plain options (text, folders, dates) are read without Pydantic"


# The read-only commands a person waits for (issue 17, bench/startup.py). With --json none of them needs
# Rich (tables only), the analysis engine, the charts or the report, besides the heavy libraries.
READ_ONLY = (
    ("today", "--json"),
    ("activities", "--json"),
    ("checkins", "--json"),
    ("plan", "show", "--json"),
    ("score", "startback", "--answers", "1,0,1,0,1,0,1,0,3", "--json"),
)
NOT_FOR_JSON = (
    "rich",
    "strideback.domain.effects",
    "strideback.services.analysis",
    "strideback.charts",
    "strideback.report",
    "strideback.web.views",
)


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.mark.parametrize("argv", READ_ONLY, ids=lambda argv: " ".join(argv[:2]))
def test_a_read_only_json_run_loads_only_what_it_needs(argv, shared_home):
    env = _clean_env()
    code = (
        "from strideback.cli import main\n"
        f"try:\n    main([*{list(argv)!r}, '--home', {str(shared_home)!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )
    loaded = _loaded_after(code, env, NOT_FOR_JSON)
    assert loaded["heavy"] == [], argv
    assert not loaded["pydantic"], argv
    assert loaded["packages"] == [], argv


def test_score_never_sets_the_store_up(shared_home):
    """`score` stores nothing: --home is accepted, but neither Django nor the database is loaded."""
    env = _clean_env()
    code = (
        "from strideback.cli import main\n"
        f"try:\n    main([*{list(READ_ONLY[-1])!r}, '--home', {str(shared_home / 'unused')!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )
    assert _loaded_after(code, env, ("django.db", "strideback.store"))["packages"] == []
    assert not (shared_home / "unused").exists()


# The record modules a listing never reads (store/records/__init__.py imports each name on first use).
NOT_FOR_LISTING = tuple(
    f"strideback.store.records.{module}"
    for module in ("assessments", "originals", "plan", "treatments", "trial", "accounts", "phone")
)


@pytest.mark.parametrize("command", ("activities", "checkins"))
def test_a_listing_loads_only_the_records_it_lists(command, shared_home):
    env = _clean_env()
    code = (
        "from strideback.cli import main\n"
        f"try:\n    main([{command!r}, '--json', '--home', {str(shared_home)!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code"
    )
    assert _loaded_after(code, env, NOT_FOR_LISTING)["packages"] == []
