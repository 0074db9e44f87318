"""The store's failures and unreadable rows as the faces see them (faces reach the store only through
services): `describe` turns a database error into one line in the person's words, `flagged_rows` lists
stored rows that fail the domain's checks and are left out of pages.

Both import the store only when called: `describe` runs around every command, before Django is set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strideback.store.failures import StoreFailure


def describe(error: BaseException) -> StoreFailure | None:
    from strideback.store.failures import describe as describe_failure

    return describe_failure(error)


def flagged_rows() -> list[tuple[str, int, str]]:
    from strideback.store.records.flagged import flagged_rows as stored_flags

    return stored_flags()
