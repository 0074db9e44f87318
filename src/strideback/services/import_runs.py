"""Imports from the dashboard, each kept with its own result (issue 15: a result page that stays).

An import run is created with the names of the files the person chose, receives the files (in parts),
then runs in a background thread (as the analysis does in local mode), writing its progress as it
goes; the page polls it. When it ends, the run keeps the whole report: what was imported (with the
sessions' ids), duplicates and merges, what was skipped and why, what failed and why.

A run is a small JSON file in the home (`imports/<id>.json`, private like the rest of the home); the
uploaded files wait beside it (`imports/<id>/`) and are removed once imported (the originals the import
keeps are in the database). No health values are written: names, counts and the report's ids only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strideback.services.uploads import safe_upload_name, shown_upload_name

log = logging.getLogger(__name__)
RUNS_FOLDER = "imports"
PROGRESS_EVERY_S = 0.3  # how often a running import writes its progress
KEPT_RUNS = 50  # the newest runs kept per home; older ones are removed
CHOSEN_SHOWN = 500  # names of chosen files kept for the page (the count is always exact)


@dataclass
class ImportRun:
    id: str
    person_id: int
    started: str
    state: str = "receiving"  # receiving → running → done | failed
    chosen: list[str] = field(default_factory=list)
    chosen_count: int = 0
    received: int = 0
    files_done: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    finished: str | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # stored file → the person's own name

    @property
    def started_at(self) -> dt.datetime:
        """When the run began, in this computer's time zone."""
        return dt.datetime.fromisoformat(self.started).astimezone()

    @property
    def running(self) -> bool:
        return self.state in ("receiving", "running")

    @property
    def percent(self) -> int:
        if self.state in ("done", "failed"):
            return 100
        return int(100 * self.bytes_done / self.bytes_total) if self.bytes_total else 0

    def progress_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "files_done": self.files_done,
            "bytes_done": self.bytes_done,
            "bytes_total": self.bytes_total,
            "percent": self.percent,
        }


def _root() -> Path:
    from django.conf import settings

    return Path(settings.HOME) / RUNS_FOLDER


def _path(run_id: str) -> Path:
    if not run_id.isalnum():
        raise ValueError("not an import id")
    return _root() / f"{run_id}.json"


def _save(run: ImportRun) -> None:
    path = _path(run.id)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(dataclasses.asdict(run), ensure_ascii=False))
    os.replace(temporary, path)


def load_run(person_id: int, run_id: str) -> ImportRun | None:
    """One of the person's import runs; None when there is no such run or it is someone else's."""
    try:
        data = json.loads(_path(run_id).read_text())
    except (ValueError, OSError):
        return None
    run = ImportRun(**data)
    return run if run.person_id == person_id else None


def list_runs(person_id: int, limit: int = 20) -> list[ImportRun]:
    """The person's import runs, newest first."""
    root = _root()
    if not root.is_dir():
        return []
    runs = [load_run(person_id, p.stem) for p in sorted(root.glob("*.json"), key=os.path.getmtime)]
    return [r for r in reversed(runs) if r is not None][:limit]


def new_run(person_id: int, chosen: Iterable[str]) -> ImportRun:
    """A run for the files the person chose (names as they know them)."""
    names = [shown_upload_name(n) for n in chosen if n]
    root = _root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    _forget_old(root)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    run = ImportRun(
        id=f"{int(time.time())}{secrets.token_hex(6)}",
        person_id=person_id,
        started=now,
        chosen=names[:CHOSEN_SHOWN],
        chosen_count=len(names),
    )
    (root / run.id).mkdir(mode=0o700)
    _save(run)
    return run


def receive(run: ImportRun, uploads: Iterable[tuple[str, Iterable[bytes]]]) -> int:
    """Keep a part of the run's files until it starts; returns how many arrived in this part."""
    if run.state != "receiving":
        raise ValueError("this import has started already")
    folder = _root() / run.id
    count = 0
    for name, chunks in uploads:
        stored = safe_upload_name(name or "upload", run.received + count)
        with (folder / stored).open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        run.names[stored] = shown_upload_name(name) if name else stored
        count += 1
    run.received += count
    _save(run)
    return count


def start(run: ImportRun, background: bool = True) -> None:
    """Import what the run received: in a thread of its own (the page polls), or here."""
    run.state = "running"
    _save(run)
    if not background:
        _import(run)
        return
    threading.Thread(target=_import_in_thread, args=(run,), daemon=True, name="strideback-import").start()


def _import_in_thread(run: ImportRun) -> None:
    from django.db import connection

    try:
        _import(run)
    finally:
        connection.close()  # this thread's own database connection


def _import(run: ImportRun) -> None:
    from strideback.importers.sources import Progress
    from strideback.services.importing import import_paths
    from strideback.services.uploads import _shown_path

    folder = _root() / run.id
    paths = [folder / stored for stored in run.names]
    last = 0.0

    def update(progress: Progress) -> None:
        nonlocal last
        run.files_done, run.bytes_done, run.bytes_total = (
            progress.files_done,
            progress.bytes_done,
            progress.bytes_total,
        )
        if time.monotonic() - last >= PROGRESS_EVERY_S:
            last = time.monotonic()
            _save(run)

    try:
        report = import_paths(
            run.person_id, paths, progress=update, names={str(p): run.names[p.name] for p in paths}
        )
        report.failed = [
            dataclasses.replace(f, path=_shown_path(f.path, str(folder), run.names)) for f in report.failed
        ]
        report.skipped = [
            dataclasses.replace(s, path=_shown_path(s.path, str(folder), run.names)) for s in report.skipped
        ]
        run.report = report.to_json()
        run.state = "done"
    except Exception as error:  # the run says it stopped; the details stay out of the log (health data)
        log.warning("an import run stopped: %s", type(error).__name__)
        run.state, run.error = "failed", "the import stopped unexpectedly; what was saved before is kept"
    finally:
        run.finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        run.files_done = max(run.files_done, run.received)
        _save(run)
        shutil.rmtree(folder, ignore_errors=True)


def _forget_old(root: Path) -> None:
    """Keep the newest KEPT_RUNS runs of the home."""
    runs = sorted(root.glob("*.json"), key=os.path.getmtime)
    for old in runs[: max(0, len(runs) - KEPT_RUNS + 1)]:
        old.unlink(missing_ok=True)
        shutil.rmtree(root / old.stem, ignore_errors=True)
