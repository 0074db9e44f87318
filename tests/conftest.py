"""Shared fixtures: the real database (pytest-django), the local person, the shared real data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


@pytest.fixture(autouse=True)
def forget_flagged_rows():
    """Flagged rows are remembered per process (store/records/flagged.py) while each test's database is
    rolled back: forget them after a test, or a later test's pages show a notice about rows it never had
    (test_defences plants two; the browser tests then found the notice where "Saved" should be)."""
    yield
    flagged = sys.modules.get("strideback.store.records.flagged")
    if flagged is not None:
        flagged.forget_flagged()


@pytest.fixture
def person(db) -> int:
    """The local person's id in a fresh test database."""
    from strideback.services.people import local_person_id

    return local_person_id()


@pytest.fixture
def shared_data() -> Path:
    """The folder of real third-party device files; tests using it skip cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real sample files not found at {SHARED_DATA}")
    return SHARED_DATA


def _run_strideback(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a fresh process against `home`, as a user would."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


@pytest.fixture
def cli():
    """`cli(home, *args)`: the strideback command in a subprocess with its own home."""
    return _run_strideback
