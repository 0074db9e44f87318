"""Export everything a person has recorded to one zip file, and restore it into an empty home.

The zip holds `manifest.json` (format name, schema version, app version, and the SHA-256 and size of
every other member) and one `tables/<table>.json` per table. Restoring checks the whole archive first
— zip structure, sizes, checksums, JSON, schema, every row — and then writes in one transaction, so a
damaged, foreign, newer or oversized archive is refused with nothing written.
The store does not keep the original imported files (yet), so the archive holds the rows only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strideback import __version__
from strideback.store import archive as tables_io

FORMAT = "strideback-archive"
MANIFEST = "manifest.json"
TABLE_DIR = "tables/"
# Bounds on what restore will read: a real archive of ten years is a few tens of MB.
MAX_ARCHIVE_BYTES = 1 << 30  # the zip file itself
MAX_MEMBER_BYTES = 512 << 20  # one member once uncompressed
MAX_TOTAL_BYTES = 1 << 30  # all members once uncompressed
MAX_MEMBERS = 64


class ArchiveRefused(Exception):
    """The archive cannot be restored; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = MAX_ARCHIVE_BYTES
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS


@dataclass(frozen=True)
class CheckedArchive:
    """An archive that passed every check, ready to write."""

    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


# ---------------------------------------------------------------- export


def _encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=1, sort_keys=True).encode("utf-8")


def export_archive(person_id: int, path: Path) -> dict[str, int]:
    """Write the person's archive to `path` (atomically: a temporary file renamed into place).

    Returns the row count per table.
    """
    tables = tables_io.dump_person(person_id)
    members = {f"{TABLE_DIR}{name}.json": _encode(rows) for name, rows in tables.items()}
    manifest = {
        "format": FORMAT,
        "schema_version": tables_io.SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "columns": tables_io.table_columns(),
        "rows": {name: len(rows) for name, rows in tables.items()},
        "original_files": [],  # the store does not keep imported files yet
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in members.items()
        },
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".strideback-archive-", suffix=".zip", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr(MANIFEST, _encode(manifest))
            for name, data in members.items():
                zipped.writestr(name, data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest["rows"]


# ---------------------------------------------------------------- reading and checking


def _read_member(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one member, stopping as soon as it grows past `limit` (its header may lie)."""
    if info.file_size > limit:
        raise ArchiveRefused(f"{info.filename} is too large ({info.file_size} bytes; the limit is {limit})")
    with zipped.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise ArchiveRefused(f"{info.filename} is larger than its header says; the archive is damaged")
    return data


def _parse_json(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveRefused(f"{name} is not valid JSON ({error}); the archive is damaged") from None


def _check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused("this is not a strideback archive (its manifest does not name the format)")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveRefused("the manifest has no valid schema_version; the archive is damaged")
    if version > tables_io.SCHEMA_VERSION:
        raise ArchiveRefused(
            f"this archive was made by a newer strideback (schema {version}, app "
            f"{manifest.get('app_version', '?')}); this one reads schema {tables_io.SCHEMA_VERSION}. "
            "Upgrade strideback and try again."
        )
    if version < tables_io.SCHEMA_VERSION:  # no older schema exists yet
        raise ArchiveRefused(f"schema {version} archives cannot be read by this version")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values()
    ):
        raise ArchiveRefused("the manifest's list of files is missing or malformed; the archive is damaged")
    return manifest


def read_archive(path: Path, limits: Limits = Limits()) -> CheckedArchive:
    """Open and check an archive completely, touching no database. Raises ArchiveRefused."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ArchiveRefused(f"cannot read {path}: {error.strerror or error}") from None
    if size > limits.archive_bytes:
        raise ArchiveRefused(
            f"{path.name} is {size} bytes; archives above {limits.archive_bytes} are refused"
        )
    try:
        with zipfile.ZipFile(path) as zipped:
            return _check_zip(zipped, limits)
    except zipfile.BadZipFile as error:
        raise ArchiveRefused(
            f"{path.name} is not a readable zip file ({error}); it may be truncated"
        ) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise ArchiveRefused(f"{path.name} cannot be read ({error}); the archive is damaged") from None


def _check_zip(zipped: zipfile.ZipFile, limits: Limits) -> CheckedArchive:
    infos = zipped.infolist()
    if len(infos) > limits.members:
        raise ArchiveRefused(f"the archive has {len(infos)} files; at most {limits.members} are expected")
    by_name = {info.filename: info for info in infos}
    if len(by_name) != len(infos):
        raise ArchiveRefused("the archive holds the same file name twice; it is not a strideback archive")
    if MANIFEST not in by_name:
        raise ArchiveRefused("the archive has no manifest.json; it is not a strideback archive")
    if sum(info.file_size for info in infos) > limits.total_bytes:
        raise ArchiveRefused(f"the archive unpacks to more than {limits.total_bytes} bytes; refused")
    manifest = _check_manifest(
        _parse_json(MANIFEST, _read_member(zipped, by_name[MANIFEST], limits.member_bytes))
    )
    listed = manifest["files"]
    expected = {f"{TABLE_DIR}{name}.json" for name in tables_io.TABLES}
    if set(listed) != expected or set(by_name) - {MANIFEST} != expected:
        unknown = sorted((set(listed) | set(by_name)) - expected - {MANIFEST})
        missing = sorted(expected - (set(listed) & set(by_name)))
        raise ArchiveRefused(
            f"the archive's files do not match its schema (unexpected: {unknown or '-'}, missing: {missing or '-'})"
        )
    total = 0
    tables: dict[str, Any] = {}
    for name in sorted(expected):
        data = _read_member(zipped, by_name[name], limits.member_bytes)
        total += len(data)
        if total > limits.total_bytes:
            raise ArchiveRefused(f"the archive unpacks to more than {limits.total_bytes} bytes; refused")
        entry = listed[name]
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or entry.get("bytes", len(data)) != len(data):
            raise ArchiveRefused(f"{name} does not match its checksum; the archive is damaged")
        tables[name[len(TABLE_DIR) : -len(".json")]] = _parse_json(name, data)
    try:
        checked = tables_io.check_tables(tables)
    except tables_io.BadRows as error:
        raise ArchiveRefused(f"the archive's rows do not fit: {error}") from None
    return CheckedArchive(manifest=manifest, tables=checked)


# ---------------------------------------------------------------- restore


def restore_archive(person_id: int, archive: CheckedArchive) -> Mapping[str, int]:
    """Write a checked archive into the person, in one transaction; the home must hold no records.

    Raises ArchiveRefused (nothing written) when the home has records or the database refuses a row.
    """
    if tables_io.home_has_records():
        raise ArchiveRefused(
            "this home already holds records; restore only into an empty home (e.g. --home a-new-folder)"
        )
    try:
        return tables_io.load_person(person_id, archive.tables)
    except tables_io.BadRows as error:
        raise ArchiveRefused(str(error)) from None
