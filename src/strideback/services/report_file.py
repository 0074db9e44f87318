"""The clinician PDF as a file: its cache key, the cached copy, and the progress of one being made.

This module is light on purpose (the standard library, the store's data version, the file cache): a
report that has not changed since the last one is answered from here without importing the PDF, chart
or analysis libraries. While a report is being made in the background, its current step is kept in a
small file beside the cached PDFs, so the dashboard (or another process: the server's worker) can show it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

from strideback.services import file_cache

KIND = "report"
# What a person waiting for the report is told, in order (the dashboard shows them while it is made).
STEPS = ("reading the diary", "analysing", "drawing charts", "writing pages")
READY, WORKING, FAILED, NOT_STARTED = "ready", "working", "failed", "not_started"
KEEP_MARKS = 16
STALE_AFTER_SECONDS = 300  # a "working" mark older than this is a build that died with its process


def report_key(
    person_id: int, today: dt.date, start: dt.date | None, end: dt.date | None
) -> tuple[object, ...]:
    """What the PDF depends on: the person's data version, the day (today's light) and the period asked."""
    return (*file_cache.person_key(person_id), today, start, end)


def cached_report(person_id: int, today: dt.date, start: dt.date | None, end: dt.date | None) -> bytes | None:
    """The PDF made before for exactly this state, or None (then it must be made)."""
    return file_cache.lookup(KIND, report_key(person_id, today, start, end))


def write_report(path: Path, data: bytes) -> None:
    """Write the PDF where the person asked, whole or not at all, readable by the user only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_cache.write_private(path, data)


@dataclass(frozen=True)
class Progress:
    state: str  # ready | working | failed | not_started
    step: str | None = None  # one of STEPS while working
    step_number: int = 0  # 1-based position of `step` in STEPS
    steps: int = len(STEPS)

    def to_json(self) -> dict[str, object]:
        return {"state": self.state, "step": self.step, "step_number": self.step_number, "steps": self.steps}


def job_id(person_id: int, today: dt.date, start: dt.date | None, end: dt.date | None) -> str:
    """The name of the report being made for this state (a hash; its progress is asked for by it)."""
    return file_cache.key_digest(report_key(person_id, today, start, end))


def progress(person_id: int, job: str) -> Progress:
    """Where the report `job` of this person stands: made, being made (at which step), failed, or unknown."""
    path = _mark_path(job)
    try:
        data = json.loads(path.read_text())
        age = time.time() - path.stat().st_mtime
    except (OSError, ValueError):
        return Progress(NOT_STARTED)
    if data.get("person") != person_id:
        return Progress(NOT_STARTED)
    state = str(data.get("state", NOT_STARTED))
    if state == WORKING and age > STALE_AFTER_SECONDS:
        return Progress(FAILED)  # its process ended without a word
    step = data.get("step")
    number = STEPS.index(step) + 1 if step in STEPS else 0
    return Progress(state, step if isinstance(step, str) else None, number)


def mark(person_id: int, job: str, state: str, step: str | None = None) -> None:
    """Record the state (and step) of the report `job` (no health data: only where it stands)."""
    path = _mark_path(job)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        document = {"person": person_id, "state": state, "step": step}
        file_cache.write_private(path, json.dumps(document).encode())
        marks = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in marks[KEEP_MARKS:]:
            old.unlink(missing_ok=True)


def is_job_id(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _mark_path(job: str) -> Path:
    from django.conf import settings

    if not is_job_id(job):
        raise ValueError("a report job is named by 64 hexadecimal digits")
    return Path(settings.HOME) / "cache" / "report-progress" / f"{job}.json"
