"""Reading and rewriting export archives in tests: the members of a zip, one member replaced or dropped
with the manifest kept in agreement, and an archive made to look as an older schema wrote it."""

from __future__ import annotations

import hashlib
import json
import zipfile
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
