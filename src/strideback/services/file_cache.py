"""Rendered files kept in the home's cache folder, keyed by what they were made from.

The clinician PDF and its chart images take seconds to draw and change only when the person's data
(their data version), the period, the day or strideback itself changes; the key holds all of these, so a
stale file is never served. Files are private to the user (0600, like the database) and each kind keeps
only its most recent few.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from strideback.services.people import data_version

KEEP = {"report": 8, "chart": 96}  # files kept per kind, newest first


def cached(kind: str, key: Callable[[], Iterable[object]], build: Callable[[], bytes]) -> bytes:
    """The bytes built for `key()`, from the cache when they were built before.

    `key` is asked again after a build: reading can itself record something (the plan's state, say),
    which moves the data version, and the file is kept under the key that the next read will ask for."""
    first = tuple(key())
    data = lookup(kind, first)
    if data is not None:
        return data
    data = build()
    keep(kind, [first, tuple(key())], data)
    return data


def lookup(kind: str, key: Iterable[object]) -> bytes | None:
    """The bytes kept under `key`, or None; a hit counts as the most recent use."""
    path = _path(_folder(kind), key)
    try:
        data = path.read_bytes()
        os.utime(path)
    except OSError:
        return None
    return data


def keep(kind: str, keys: Iterable[Iterable[object]], data: bytes) -> None:
    """Keep `data` under each key (written whole or not at all, private to the user)."""
    folder = _folder(kind)
    with contextlib.suppress(OSError):  # a read-only or full disk still gets its file, just not cached
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for target in {_path(folder, key) for key in keys}:
            write_private(target, data)
        _prune(folder, KEEP.get(kind, 16))


def write_private(target: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed into place), readable by the user only."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def key_digest(key: Iterable[object]) -> str:
    """The file name of a key: a hash of strideback's code version and the key's parts."""
    return hashlib.sha256(repr((code_version(), *key)).encode()).hexdigest()


def _path(folder: Path, key: Iterable[object]) -> Path:
    digest = key_digest(key)
    return folder / f"{digest}.bin"


def person_key(person_id: int) -> tuple[int, int]:
    """The part of a key that changes with every write to the person's records."""
    return person_id, data_version(person_id)


@functools.cache
def code_version() -> str:
    """strideback's version and a hash of its own source, so an upgrade never serves an old drawing."""
    import strideback

    digest = hashlib.sha256(strideback.__version__.encode())
    root = Path(strideback.__file__).parent
    for source in sorted(root.rglob("*.py")):
        with contextlib.suppress(OSError):
            stat = source.stat()
            digest.update(f"{source.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _folder(kind: str) -> Path:
    from django.conf import settings

    return Path(settings.HOME) / "cache" / kind


def _prune(folder: Path, most: int) -> None:
    files = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[most:]:
        with contextlib.suppress(OSError):
            old.unlink()
