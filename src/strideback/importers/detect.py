"""Tell what a file is from its first bytes: a container (zip, gzip) or a kind of the reader registry."""

from __future__ import annotations

from strideback.importers.head import HEAD_BYTES, Head
from strideback.importers.registry import READERS

ZIP, GZIP = "zip", "gzip"
CONTAINER_SUFFIXES = (".zip", ".gz")
# Names for the kinds the planner and tests single out; every kind is a row of `registry.READERS`.
FIT, GPX, TCX, APPLE_HEALTH, STRAVA_CSV = "fit", "gpx", "tcx", "apple_health", "strava_csv"

__all__ = ["APPLE_HEALTH", "FIT", "GPX", "GZIP", "HEAD_BYTES", "STRAVA_CSV", "TCX", "ZIP", "sniff"]


def sniff(head: bytes, label: str = "") -> str | None:
    """The kind of file whose first bytes are `head` (named `label`), or None when unknown."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ZIP
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    seen = Head(head, label)
    for kind, reader in READERS.items():
        if reader.sniff(seen):
            return kind
    return None
