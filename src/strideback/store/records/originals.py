"""The original files a person imported: kept byte for byte (up to a bound) for the export archive."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from strideback.store import models as m
from strideback.store.records.people import _changed, atomic

# Files above this are recorded (name, size, checksum) but their content is not kept: a multi-GB
# Apple Health export would bloat the database and every archive, and it can be exported again.
KEEP_LIMIT_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class OriginalFile:
    """One imported file as recorded; `kept` says whether its bytes are stored, `reason` why not."""

    sha256: str
    name: str
    size: int
    kind: str
    kept: bool = True
    reason: str = ""
    imported_at: dt.datetime | None = None
    id: int | None = None


def _to_original(row: m.ImportedFile) -> OriginalFile:
    return OriginalFile(
        sha256=row.sha256,
        name=row.name,
        size=row.size,
        kind=row.kind,
        kept=row.kept,
        reason=row.reason,
        imported_at=row.imported_at,
        id=row.pk,
    )


def _check(original: OriginalFile, content: bytes) -> None:
    """Refuse (ValueError) a record whose content does not match what it says about it."""
    if original.kept:
        if len(content) != original.size or hashlib.sha256(content).hexdigest() != original.sha256:
            raise ValueError(f"{original.name}: the content does not match its size and checksum")
        if original.size > KEEP_LIMIT_BYTES:
            raise ValueError(f"{original.name}: files above {KEEP_LIMIT_BYTES} bytes are not kept")
    elif content or not original.reason:
        raise ValueError(f"{original.name}: a file not kept has no content and says why")


def add_original(person_id: int, original: OriginalFile, content: bytes = b"") -> bool:
    """Record an imported file (and keep its content when `original.kept`); one transaction.

    Returns False, writing nothing, when the person already has a file with the same SHA-256.
    Raises ValueError when the content does not match the record's size and checksum.
    """
    _check(original, content)
    values: list[int | str | bytes | bool | None] = [
        person_id,
        original.sha256,
        original.name[-500:],
        original.size,
        original.kind[:16],
        content,
        original.kept,
        original.reason,
        connection.ops.adapt_datetimefield_value(timezone.now()),
    ]
    with atomic(), connection.cursor() as cursor:
        # One statement, as it runs once per imported file (the ORM's exists-then-create took ~4×
        # longer); SQLite (3.24+) and PostgreSQL both read ON CONFLICT ... DO NOTHING.
        cursor.execute(_INSERT, values)
        if cursor.rowcount != 1:
            return False
        _changed(person_id)
    return True


_INSERT = (
    f"INSERT INTO {m.ImportedFile._meta.db_table} "
    "(person_id, sha256, name, size, kind, content, kept, reason, imported_at) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (person_id, sha256) DO NOTHING"
)


def original_checksums(person_id: int) -> set[str]:
    """The SHA-256 of every file the person imported (one query; an import reads it once)."""
    return set(m.ImportedFile.objects.filter(person_id=person_id).values_list("sha256", flat=True))


def file_record_counts(person_id: int) -> dict[str, int]:
    """Checksum -> records read from it, for every file the person imported and still has recorded."""
    kept = m.ImportedFile.objects.filter(person_id=person_id).values_list("sha256", flat=True)
    rows = m.ImportedFileRecords.objects.filter(person_id=person_id, sha256__in=kept)
    return dict(rows.values_list("sha256", "records"))


def remember_file_records(person_id: int, sha256: str, count: int) -> None:
    """Note how many records a file gave (inside its import's transaction); once per checksum."""
    m.ImportedFileRecords.objects.bulk_create(
        [m.ImportedFileRecords(person_id=person_id, sha256=sha256, records=count)], ignore_conflicts=True
    )


def has_original(person_id: int, sha256: str) -> bool:
    return m.ImportedFile.objects.filter(person_id=person_id, sha256=sha256).exists()


def list_originals(person_id: int) -> list[OriginalFile]:
    """Every recorded file, oldest first, without the content (see `original_content`)."""
    rows = m.ImportedFile.objects.filter(person_id=person_id).defer("content").order_by("imported_at", "id")
    return [_to_original(row) for row in rows]


def original_content(person_id: int, sha256: str) -> bytes | None:
    """The kept bytes of one file, or None when the file is unknown or was not kept."""
    content = (
        m.ImportedFile.objects.filter(person_id=person_id, sha256=sha256, kept=True)
        .values_list("content", flat=True)
        .first()
    )
    return None if content is None else bytes(content)
