"""Import files into a person's record: read, de-duplicate, save — in short transactions.

Same fingerprint as a stored record → a duplicate (nothing added). The same session from
another source (domain.dedup) → stored once: the richer record is kept and both sources are
remembered. A file that fails leaves nothing behind; the others still import.

Files are written a batch at a time: one transaction per batch (at most BATCH_FILES files and about
BATCH_SECONDS of writing), each file in a savepoint of its own, so a file still fails alone. Between
batches the import holds no lock and lets any waiting small write (a check-in, session pain, a red-flag
answer) go first (`store.write_gate`): a person is never locked out by a long import. A full disk stops
the import with what was committed so far and a sentence saying what to do (`report.stopped`).

Each file the person gave — a file named on its own, each file found in a named folder, or a .zip
as a whole (not its members) — is kept as an original (`import_originals`) in the savepoint of the
first record it produced, once per checksum.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator, Mapping

from strideback.domain import bounds, dedup
from strideback.domain.types import Activity, InvalidValue
from strideback.importers import SourceResult, read_sources
from strideback.importers.known import ALREADY_IMPORTED
from strideback.importers.names import shown
from strideback.importers.registry import source_rank
from strideback.importers.sources import ProgressCallback
from strideback.services.import_originals import Originals, _Keeping
from strideback.services.import_report import FileFailure, FileSkipped, ImportReport, storage_problem
from strideback.store import records
from strideback.store.write_gate import let_waiting_writers_in

__all__ = ["FileFailure", "FileSkipped", "ImportReport", "KnownSessions", "import_paths", "save_result"]

BATCH_FILES = 64
BATCH_SECONDS = 0.25
SEARCH_WINDOW = dedup.START_WINDOW + dt.timedelta(minutes=1)


def import_paths(
    person_id: int,
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import every file under `paths` for the person; returns what happened to each.

    `names` maps a path given here to the name the person knows it by (an upload's own name
    rather than its temporary file's); the kept originals are recorded under it.
    """
    paths = list(paths)
    report = ImportReport()
    originals = Originals(person_id, paths, names or {})
    known = KnownSessions(person_id)
    results = read_sources(paths, progress=progress, workers=workers, known=originals.already_imported)
    try:
        for batch in _batches(results, report):
            _save_batch(person_id, batch, report, originals, known)
    except Exception as error:
        reason = storage_problem(error)
        if reason is None:
            raise
        report.stopped = reason
    finally:
        results.close()  # stops the readers here, in this thread (not whenever the generator is collected)
    return report


def _batches(results: Iterator[SourceResult], report: ImportReport) -> Iterator[list[SourceResult]]:
    """Results with something to save, a batch at a time; failures and skips go straight to the report."""
    batch: list[SourceResult] = []
    for result in results:
        report.files += 1
        report.bytes_read += result.size_bytes
        if result.kind == ALREADY_IMPORTED:  # imported before, by checksum: its records are duplicates
            report.duplicates += result.content.records
            report.already_imported += 1
            continue
        if result.error is not None:
            report.fail(result.path, result.error)
            continue
        if result.skipped is not None:
            report.skip(result.path, result.skipped)
            continue
        for where, problem in result.content.problems:
            report.fail(where, problem)
        batch.append(result)
        if len(batch) >= BATCH_FILES:
            yield batch
            batch = []
    if batch:
        yield batch


def _save_batch(
    person_id: int,
    batch: list[SourceResult],
    report: ImportReport,
    originals: Originals,
    known: KnownSessions,
) -> None:
    """Save a batch in as many short transactions as it takes (each about BATCH_SECONDS at most).

    Counts join the report only once their transaction commits, so a stopped import reports exactly
    what was kept.
    """
    todo = list(reversed(batch))
    while todo:
        let_waiting_writers_in()
        committed = ImportReport()
        keepings: list[_Keeping | None] = []
        started = time.monotonic()
        try:
            with records.atomic():
                while todo and (not keepings or time.monotonic() - started < BATCH_SECONDS):
                    keepings.append(
                        save_result(person_id, todo.pop(), committed, originals, known, defer=True)
                    )
        except BaseException:
            known.rolled_back()
            raise
        report.add(committed)
        known.committed()
        for keeping in keepings:
            if keeping is not None:
                keeping.done()


class KnownSessions:
    """What the person already has, read once per import, so most files need no look-up query.

    A fingerprint found here is in the store (read at the start, or saved by this import and not rolled
    back); one not found is certainly not (everything committed before or during this import is here).
    A start time found here is only a hint, confirmed by reading the sessions around it.
    Sessions saved in a transaction join only once it commits, so a rolled-back file leaves no trace.
    """

    def __init__(self, person_id: int) -> None:
        self.fingerprints = records.known_fingerprints(person_id)
        self.starts = [s.timestamp() for s in records.session_starts(person_id)]
        self._pending: list[Activity] = []

    def may_have_fingerprint(self, fingerprint: str) -> bool:
        return bool(fingerprint) and (
            fingerprint in self.fingerprints or any(a.fingerprint == fingerprint for a in self._pending)
        )

    def may_have_session_near(self, start: dt.datetime) -> bool:
        low, high = (start - SEARCH_WINDOW).timestamp(), (start + SEARCH_WINDOW).timestamp()
        index = bisect.bisect_left(self.starts, low)
        if index < len(self.starts) and self.starts[index] <= high:
            return True
        return any(low <= a.start.timestamp() <= high for a in self._pending)

    def saving(self, activity: Activity) -> None:
        self._pending.append(activity)

    def mark(self) -> int:
        """Where the next file's sessions begin (to forget them alone if its savepoint rolls back)."""
        return len(self._pending)

    def forget_since(self, mark: int) -> None:
        del self._pending[mark:]

    def committed(self) -> None:
        for activity in self._pending:
            self.fingerprints.add(activity.fingerprint)
            bisect.insort(self.starts, activity.start.timestamp())
        self._pending.clear()

    def rolled_back(self) -> None:
        self._pending.clear()


def save_result(
    person_id: int,
    result: SourceResult,
    report: ImportReport,
    originals: Originals | None = None,
    known: KnownSessions | None = None,
    defer: bool = False,
) -> _Keeping | None:
    """Save one file's content in one transaction (a savepoint, inside a batch); on any error nothing
    of it stays.

    With `originals`, the file the result came from is kept in the same transaction. With `defer`, the
    caller commits the enclosing transaction and then calls `known.committed()` and the returned
    keeping's `done()`; otherwise this does.
    """
    partial = ImportReport()
    keeping = originals.pending(result) if originals is not None else None
    mark = known.mark() if known is not None else 0
    try:
        with records.atomic():
            if keeping is not None:
                partial.originals += keeping.save()
            now = dt.datetime.now(dt.UTC)
            for activity in result.activities:
                bounds.check_moment("start", activity.start, now)  # the device's clock: not in the future
                _save_activity(person_id, activity, result.path, partial, known)
            for checkin in result.checkins:
                if records.get_checkin(person_id, checkin.date) is not None:
                    partial.duplicates += 1  # the check-in already recorded that day is kept
                else:
                    records.save_checkin(person_id, checkin, entered=False)  # entry time unknown
                    partial.checkins += 1
            for day, pain in result.content.pain_after.items():
                _record_pain_after(person_id, day, pain)
            if result.content.treatments:
                from strideback.services.treatments import import_treatments

                added, repeated = import_treatments(person_id, list(result.content.treatments))
                partial.treatments += added
                partial.duplicates += repeated
            if originals is not None:
                originals.remember(result)
    except (InvalidValue, records.CheckInExists) as error:
        if known is not None:
            known.forget_since(mark)
        report.fail(result.path, str(error))
        return None
    except BaseException:
        if known is not None:
            known.forget_since(mark)
        raise
    report.add(partial)
    if defer:
        return keeping
    if known is not None:
        known.committed()
    if keeping is not None:
        keeping.done()
    return None


# ---------------------------------------------------------------- saving records


def _save_activity(
    person_id: int, activity: Activity, path: str, report: ImportReport, known: KnownSessions | None = None
) -> None:
    name = shown(os.path.basename(path))
    if known is not None and known.may_have_fingerprint(activity.fingerprint):
        # Read from the store at the start or saved by this import in the open transaction (a rolled-back
        # file's sessions are forgotten): certainly there, no query needed (it cost ~5 ms a duplicate).
        report.duplicates += 1
        return
    if known is None and records.find_activity_by_fingerprint(person_id, activity.fingerprint) is not None:
        report.duplicates += 1
        return
    nearby = (
        records.activities_between(person_id, activity.start - SEARCH_WINDOW, activity.start + SEARCH_WINDOW)
        if known is None or known.may_have_session_near(activity.start)
        else []
    )
    same = dedup.find_same_session(activity, nearby)
    if same is None or same.id is None:
        if known is not None:
            known.saving(activity)
        activity_id = records.add_activity(person_id, activity, source_name=name)
        report.imported += 1
        report.activities.append(dataclasses.replace(activity, id=activity_id))
        return
    # issue 11: both source records are kept, linked; the session shows the richest view of them
    records.keep_source_record(same.id)
    merged = dedup.merged_view(same, activity, source_rank)
    if merged != same:
        records.replace_activity(same.id, merged)
    if known is not None:
        known.saving(activity)  # its fingerprint is now one of the person's sources
    records.add_activity_source(
        same.id, activity.source, activity.fingerprint, name, records.source_record(activity)
    )
    report.duplicates += 1
    report.merged += 1
    report.merged_ids.append(same.id)


def _record_pain_after(person_id: int, day: dt.date, pain: int) -> None:
    """Leg pain after activity, from a check-in CSV: goes to that day's last session without one."""
    sessions = [a for a in records.list_activities(person_id, since=day, until=day) if a.pain_after is None]
    if not sessions:
        return
    last = max(sessions, key=lambda a: a.start)
    if last.id is not None:
        records.update_activity_pain(last.id, last.pain_during, pain)
