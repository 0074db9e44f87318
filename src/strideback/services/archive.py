"""Export everything a person has recorded to one zip file, and restore it into an empty home.

The zip holds `manifest.json` (format name, schema version, app version, the SHA-256 and size of
every other member, and the list of original files), one `tables/<table>.json` per table, and the
bytes of every kept imported file as `originals/<sha256>`. Restoring checks the whole archive first
— zip structure, sizes, checksums, JSON, schema, every row, every original — and then writes in one
transaction (checking each original's checksum again as it goes in), so a damaged, foreign, newer or
oversized archive is refused with nothing written. Schema 1 archives (no originals) still restore.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import heapq
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strideback import __version__
from strideback.domain.bounds import listed as list_names
from strideback.importers.archives import ZIP_DAMAGE
from strideback.store import archive as tables_io
from strideback.store import records

FORMAT = "strideback-archive"
MANIFEST = "manifest.json"
TABLE_DIR = "tables/"
ORIGINALS_DIR = "originals/"
ORIGINAL_NAME = re.compile(re.escape(ORIGINALS_DIR) + r"([0-9a-f]{64})")
# Bounds on what restore will read. The tables of ten years are a few tens of MB; the original files
# of ten years of watch data a few GB (thousands of files, none above the store's keep limit).
# The manifest and tables are parsed in memory (a JSON value takes ~3.5 times its bytes), so their caps
# keep a restore's peak memory under 200 MB whatever the archive claims; ten years of a daily diary with
# a watch's laps take a few MB.
MAX_ARCHIVE_BYTES = 32 << 30  # the zip file itself
MAX_MANIFEST_BYTES = 16 << 20  # manifest.json once uncompressed (tens of thousands of original files)
MAX_MEMBER_BYTES = 24 << 20  # one table once uncompressed
MAX_TABLES_BYTES = 24 << 20  # all tables together once uncompressed
MAX_ORIGINAL_BYTES = records.KEEP_LIMIT_BYTES  # one original file once uncompressed
MAX_TOTAL_BYTES = 64 << 30  # all members once uncompressed
MAX_MEMBERS = 200_000
CHUNK_BYTES = 1 << 20


class ArchiveRefused(Exception):
    """The archive cannot be restored; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = MAX_ARCHIVE_BYTES
    manifest_bytes: int = MAX_MANIFEST_BYTES
    member_bytes: int = MAX_MEMBER_BYTES
    tables_bytes: int = MAX_TABLES_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS
    original_bytes: int = MAX_ORIGINAL_BYTES


@dataclass(frozen=True)
class CheckedArchive:
    """An archive that passed every check, ready to write; the originals are read again from `path`."""

    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    path: Path | None = None
    limits: Limits = Limits()

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


# ---------------------------------------------------------------- export


def _encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=1, sort_keys=True).encode("utf-8")


def export_archive(person_id: int, path: Path) -> dict[str, int]:
    """Write the person's archive to `path` (atomically: a temporary file renamed into place).

    Returns the row count per table. The original files are read and written one at a time.
    """
    tables = tables_io.dump_person(person_id)
    files: dict[str, dict[str, Any]] = {}
    original_files: list[dict[str, Any]] = []
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".strideback-archive-", suffix=".zip", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zipped:
            for name, rows in tables.items():
                files[f"{TABLE_DIR}{name}.json"] = _write_member(
                    zipped, f"{TABLE_DIR}{name}.json", _encode(rows)
                )
            for row, data in _originals(person_id, tables["imported_files"]):
                member = f"{ORIGINALS_DIR}{row['sha256']}"
                files[member] = _write_member(zipped, member, data)
                if files[member]["sha256"] != row["sha256"]:
                    raise RuntimeError(f"the stored copy of {row['name']!r} does not match its checksum")
                original_files.append(
                    {"member": member, "name": row["name"], "kind": row["kind"], **files[member]}
                )
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "schema_version": tables_io.SCHEMA_VERSION,
                "app_version": __version__,
                "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "columns": tables_io.table_columns(),
                "rows": {name: len(rows) for name, rows in tables.items()},
                "original_files": original_files,
                "files": files,
            }
            zipped.writestr(MANIFEST, _encode(manifest))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    counts: dict[str, int] = manifest["rows"]
    return counts


def _write_member(zipped: zipfile.ZipFile, name: str, data: bytes) -> dict[str, Any]:
    zipped.writestr(name, data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def _originals(person_id: int, rows: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each kept imported file's row and bytes, one file in memory at a time."""
    for row in rows:
        if row["kept"]:
            data = records.original_content(person_id, row["sha256"])
            if data is None:
                raise RuntimeError(f"the stored copy of {row['name']!r} is missing")
            yield row, data


# ---------------------------------------------------------------- reading and checking


@contextlib.contextmanager
def _unpacking(info: zipfile.ZipInfo) -> Iterator[None]:
    """What the zip library says of a damaged member (a bad deflate block, a negative offset, ...) is a
    refusal, not an error escaping the restore."""
    try:
        yield
    except ZIP_DAMAGE as error:
        raise ArchiveRefused(f"{info.filename} cannot be read ({error}); the archive is damaged") from None


def _read_member(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one member, stopping as soon as it grows past `limit` (its header may lie)."""
    if info.file_size > limit:
        raise ArchiveRefused(f"{info.filename} is too large ({info.file_size} bytes; the limit is {limit})")
    with _unpacking(info), zipped.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise ArchiveRefused(f"{info.filename} is larger than its header says; the archive is damaged")
    return data


def _parse_json(name: str, data: bytes) -> Any:
    try:
        data.decode("utf-8")  # only to refuse anything but UTF-8; the parser reads the bytes
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        reason = type(error).__name__ if isinstance(error, RecursionError) else str(error)[:200]
        raise ArchiveRefused(f"{name} is not valid JSON ({reason}); the archive is damaged") from None


class _TablesToParse(Mapping[str, Any]):
    """Checked table bytes, parsed one table at a time as the checker asks (and the bytes let go then),
    so that only one table's parsed rows exist next to the rows already checked."""

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._names = list(raw)

    def __getitem__(self, name: str) -> Any:
        data = self._raw.pop(name, None)
        if data is None:
            raise KeyError(name)
        return _parse_json(f"{TABLE_DIR}{name}.json", data)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _some(names: set[str], most: int = 3) -> str:
    """A few of the names (the first in order), then how many more: bounded work whatever the count."""
    return list_names(heapq.nsmallest(most, names), most) + (
        f" and {len(names) - most} more" if len(names) > most else ""
    )


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
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values()
    ):
        raise ArchiveRefused("the manifest's list of files is missing or malformed; the archive is damaged")
    originals = manifest.get("original_files", [])
    if not isinstance(originals, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("member"), str) for entry in originals
    ):
        raise ArchiveRefused("the manifest's list of original files is malformed; the archive is damaged")
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
            checked = _check_zip(zipped, limits)
        return CheckedArchive(checked.manifest, checked.tables, path=path, limits=limits)
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
        _parse_json(MANIFEST, _read_member(zipped, by_name[MANIFEST], limits.manifest_bytes))
    )
    version = manifest["schema_version"]
    listed = manifest["files"]
    expected = {f"{TABLE_DIR}{name}.json" for name in tables_io.tables_in(version)}
    originals = {
        name for name in set(listed) | set(by_name) if version >= 2 and ORIGINAL_NAME.fullmatch(name)
    }
    if set(listed) != expected | originals or set(by_name) - {MANIFEST} != expected | originals:
        unknown = (set(listed) | set(by_name)) - expected - originals - {MANIFEST}
        missing = (expected | originals) - (set(listed) & set(by_name))
        raise ArchiveRefused(
            f"the archive's files do not match its schema (unexpected: {_some(unknown)}, missing: {_some(missing)})"
        )
    total = 0
    raw: dict[str, bytes] = {}
    for name in sorted(expected):
        data = _read_member(zipped, by_name[name], limits.member_bytes)
        total += len(data)
        if total > limits.tables_bytes:
            raise ArchiveRefused(
                f"the archive's tables unpack to more than {limits.tables_bytes} bytes; refused"
            )
        entry = listed[name]
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or entry.get("bytes", len(data)) != len(data):
            raise ArchiveRefused(f"{name} does not match its checksum; the archive is damaged")
        raw[name[len(TABLE_DIR) : -len(".json")]] = data
        del data
    try:
        checked = tables_io.check_tables(_TablesToParse(raw), version)
    except tables_io.BadRows as error:
        raise ArchiveRefused(f"the archive's rows do not fit: {error}") from None
    kept = tables_io.kept_files(checked)
    _check_original_list(manifest, kept, originals)
    for sha256 in sorted(kept):
        name = f"{ORIGINALS_DIR}{sha256}"
        entry = listed[name]
        if entry["sha256"] != sha256 or entry.get("bytes", kept[sha256]) != kept[sha256]:
            raise ArchiveRefused(f"{name} is listed with another checksum or size; the archive is damaged")
        total += kept[sha256]
        if total > limits.total_bytes:
            raise ArchiveRefused(f"the archive unpacks to more than {limits.total_bytes} bytes; refused")
        _hash_member(zipped, by_name[name], limits.original_bytes)
    return CheckedArchive(manifest=manifest, tables=checked, path=None, limits=limits)


def _check_original_list(manifest: dict[str, Any], kept: Mapping[str, int], members: set[str]) -> None:
    """The kept files of the imported_files table, the originals/ members and the manifest's list agree."""
    named = {f"{ORIGINALS_DIR}{sha256}" for sha256 in kept}
    listed = {entry["member"] for entry in manifest.get("original_files", [])}
    if named != members or listed != members:
        unlisted = (named | listed) ^ members
        raise ArchiveRefused(
            f"the original files do not match the imported_files table ({_some(unlisted)}); "
            "the archive is damaged"
        )


def _hash_member(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> None:
    """Read an original in chunks and refuse it unless its bytes hash to its name."""
    if info.file_size > limit:
        raise ArchiveRefused(f"{info.filename} is too large ({info.file_size} bytes; the limit is {limit})")
    digest, size = hashlib.sha256(), 0
    with _unpacking(info), zipped.open(info) as member:
        while chunk := member.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise ArchiveRefused(
                    f"{info.filename} is larger than its header says; the archive is damaged"
                )
            digest.update(chunk)
    if digest.hexdigest() != info.filename[len(ORIGINALS_DIR) :]:
        raise ArchiveRefused(f"{info.filename} does not match its checksum; the archive is damaged")


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
        if not tables_io.kept_files(archive.tables):
            return tables_io.load_person(person_id, archive.tables)
        if archive.path is None:
            raise ArchiveRefused("the archive's original files are not at hand; read it with read_archive")
        with zipfile.ZipFile(archive.path) as zipped:
            return tables_io.load_person(
                person_id, archive.tables, lambda sha256: _original(zipped, sha256, archive.limits)
            )
    except tables_io.BadRows as error:
        raise ArchiveRefused(str(error)) from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ArchiveRefused(f"the archive changed or became unreadable while restoring ({error})") from None


def _original(zipped: zipfile.ZipFile, sha256: str, limits: Limits) -> bytes:
    """One original's bytes, read again at restore time; the store checks them against the table."""
    name = f"{ORIGINALS_DIR}{sha256}"
    try:
        info = zipped.getinfo(name)
    except KeyError:
        raise tables_io.BadRows(f"{name} is missing from the archive") from None
    try:
        return _read_member(zipped, info, limits.original_bytes)
    except ArchiveRefused as error:
        raise tables_io.BadRows(str(error)) from None
