"""The store's failures and unreadable rows as the faces see them (faces reach the store only through
services): `describe` turns a database error into one line in the person's words, `flagged_rows` lists
stored rows that fail the domain's checks and are left out of pages."""

from __future__ import annotations

from strideback.store.failures import StoreFailure, describe
from strideback.store.records.flagged import flagged_rows

__all__ = ["StoreFailure", "describe", "flagged_rows"]
