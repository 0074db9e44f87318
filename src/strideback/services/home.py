"""Open a home for the faces: the store set up (and migrated) for it, and the local person in it."""

from __future__ import annotations

from pathlib import Path

from strideback.store.setup import open_store


def open_local_person(home: Path | None = None) -> int:
    """Set the store up for `home` (or the configured one), migrate if needed; the local person's id."""
    open_store(home)
    from strideback.services.people import local_person_id

    return local_person_id()
