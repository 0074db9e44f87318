"""Import files uploaded through the dashboard or the API, named as the person knows them."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from strideback.importers.names import shown
from strideback.services.import_report import ImportReport

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 255  # longer upload names are cut (the person's name is kept, shortened, in the report)


def safe_upload_name(name: str, index: int) -> str:
    """A plain file name for an upload: no folders, no odd characters, the extension kept."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "upload"
    return f"{index:04d}_{base[-120:]}"


def shown_upload_name(name: str) -> str:
    """The person's own file name, printable and of a sane length (the end, with the extension, kept)."""
    name = shown(name or "upload")
    return name if len(name) <= MAX_NAME_CHARS else "…" + name[-(MAX_NAME_CHARS - 1) :]


def import_uploads(person_id: int, uploads: Iterable[tuple[str, Iterable[bytes]]]) -> ImportReport:
    """Write each upload (name, chunks) to a private temporary folder, import it, and report it.

    Failures, skipped files and kept originals carry the person's own file names, never the temporary
    ones; the temporary folder is removed whatever happens.
    """
    from strideback.services.importing import import_paths

    with tempfile.TemporaryDirectory(prefix="strideback-upload-") as folder:
        paths: list[Path] = []
        names: dict[str, str] = {}
        for index, (name, chunks) in enumerate(uploads):
            path = Path(folder) / safe_upload_name(name or "upload", index)
            with path.open("wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            paths.append(path)
            names[path.name] = shown_upload_name(name) if name else path.name
        report = import_paths(person_id, paths, names={str(p): names[p.name] for p in paths})
    report.failed = [dataclasses.replace(f, path=_shown_path(f.path, folder, names)) for f in report.failed]
    report.skipped = [dataclasses.replace(s, path=_shown_path(s.path, folder, names)) for s in report.skipped]
    return report


def _shown_path(path: str, folder: str, names: dict[str, str]) -> str:
    """An import error's path as the person knows it: their file name, then any path inside an archive."""
    inside = path[len(folder) :].lstrip("/") if path.startswith(folder) else path
    first, _, rest = inside.partition("/")
    name = names.get(first, first)
    return f"{name}/{rest}" if rest else name
