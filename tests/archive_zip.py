"""Reading and rewriting export archives in tests: the members of a zip, one member replaced or dropped
with the manifest kept in agreement, an archive made to look as an older schema wrote it, and a zip's bytes
damaged in the ways the zip library reports."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from strideback.store import archive as tables_io


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    return path


def _checksum(data: bytes) -> dict[str, object]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def with_member(files: dict[str, bytes], name: str, data: bytes) -> dict[str, bytes]:
    """Replace one member and make the manifest's checksum agree (a well-formed archive with bad content)."""
    manifest = json.loads(files["manifest.json"])
    manifest["files"][name] = _checksum(data)
    return {**files, name: data, "manifest.json": json.dumps(manifest).encode()}


def without_member(files: dict[str, bytes], name: str) -> dict[str, bytes]:
    """Drop one member, and its line in the manifest's list of files."""
    manifest = json.loads(files["manifest.json"])
    del manifest["files"][name]
    return {**{k: v for k, v in files.items() if k != name}, "manifest.json": json.dumps(manifest).encode()}


def later_tables(version: int) -> list[str]:
    """The tables an archive of schema `version` did not have yet."""
    return [t for t, since in tables_io.TABLE_SINCE.items() if since > version]


def as_schema(files: dict[str, bytes], version: int) -> dict[str, bytes]:
    """The archive as schema `version` wrote it: without the tables and columns added since."""
    manifest = json.loads(files["manifest.json"])
    later = later_tables(version)
    dropped = {f"tables/{t}.json" for t in later}
    manifest["schema_version"] = version
    manifest["original_files"] = [] if version < 2 else manifest.get("original_files", [])
    manifest["files"] = {k: v for k, v in manifest["files"].items() if k not in dropped}
    for table in later:
        manifest["columns"].pop(table, None)
        manifest["rows"].pop(table, None)
    kept = {k: v for k, v in files.items() if k not in dropped}
    for (table, column), since in tables_io.COLUMN_SINCE.items():
        name = f"tables/{table}.json"
        if since <= version or name not in kept:
            continue
        rows = [{k: v for k, v in row.items() if k != column} for row in json.loads(kept[name])]
        kept[name] = json.dumps(rows).encode()
        manifest["columns"][table] = [c for c in manifest["columns"][table] if c != column]
        manifest["files"][name] = _checksum(kept[name])
    return {**kept, "manifest.json": json.dumps(manifest).encode()}


# --- a zip's bytes damaged the ways the zip library reports (each once seen escaping as an untyped error)


def _central(data: bytearray, name: str) -> int:
    """Where the central directory's record for `name` starts."""
    at = data.index(b"PK\x01\x02")
    while data[at : at + 4] == b"PK\x01\x02":
        size, extra, comment = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46 : at + 46 + size] == name.encode():
            return at
        at += 46 + size + extra + comment
    raise KeyError(name)


def _local(data: bytearray, name: str) -> int:
    return struct.unpack_from("<I", data, _central(data, name) + 42)[0]


def bad_deflate(data: bytearray, name: str) -> None:
    """The member's first deflate block says it is of the reserved type 3 (zlib.error)."""
    local = _local(data, name)
    size, extra = struct.unpack_from("<HH", data, local + 26)
    data[local + 30 + size + extra] = 0b111


def wrong_checksum(data: bytearray, name: str) -> None:
    """Every byte of the member unpacks, but its CRC-32 does not match them (BadZipFile at the end)."""
    for at in (_local(data, name) + 14, _central(data, name) + 16):
        struct.pack_into("<I", data, at, struct.unpack_from("<I", data, at)[0] ^ 1)


def future_version(data: bytearray, name: str) -> None:
    """The directory asks for zip version 24.5 to extract the member (NotImplementedError)."""
    struct.pack_into("<H", data, _central(data, name) + 6, 245)


def before_the_start(data: bytearray, name: str) -> None:
    """The end record puts the directory 1,000 bytes later than it is, so entries seem to start before the
    first byte (ValueError: negative seek value)."""
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 1000)


def name_not_utf8(data: bytearray, name: str) -> None:
    """The directory says the member's name is UTF-8; the member's own header holds a byte that is not."""
    central = _central(data, name)
    struct.pack_into("<H", data, central + 8, struct.unpack_from("<H", data, central + 8)[0] | 0x800)
    data[_local(data, name) + 30] = 0xFF


DAMAGES = (bad_deflate, wrong_checksum, future_version, before_the_start, name_not_utf8)


def damaged(archive: bytes, damage: Callable[[bytearray, str], None], name: str) -> bytes:
    data = bytearray(archive)
    damage(data, name)
    return bytes(data)
