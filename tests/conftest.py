"""Shared fixtures: the real database (pytest-django), the local person, the shared real data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO / ".." / "shared" / "data").resolve()


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
