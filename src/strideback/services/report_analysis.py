"""The evidence-engine result for the clinician report, without waiting for it when that can be helped.

The report shows the person's default analysis (the one the pages show). When the background refresh
(`services.analysis`) already computed it for the current data version, the stored result is used as it
is. Otherwise it is computed once and stored, so the pages and the next report reuse it; a one-shot
process (the CLI) computes it in a forked child process while it draws the charts, since both take about
a second of CPU and a machine has more than one core.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis


# The analysis as the report reads it: the engine's typed result (`Analysis`). The child process sends
# its JSON (plain data across the pipe), read back with the one `Analysis.from_json`.
def _kept(latest: Any) -> Analysis | None:
    """The kept result of `services.analysis.latest_analysis`."""
    return cast("Analysis | None", latest.analysis)


def _read_back(document: dict[str, Any]) -> Analysis:
    """The analysis from the JSON the child computed (and that is kept for the pages)."""
    from strideback.domain.effects import Analysis

    return Analysis.from_json(document)


NOT_INSTALLED = "The evidence engine is not part of this installation."


@dataclass(frozen=True)
class ReportAnalysis:
    analysis: Analysis | None
    note: str | None  # why there is no analysis


class PendingAnalysis:
    """The analysis being made for a report; `result()` waits for it (and keeps it for the pages)."""

    def __init__(self, person_id: int, parallel: bool) -> None:
        self.person_id = person_id
        self._done: ReportAnalysis | None = None
        self._future: Future[dict[str, Any]] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._version = 0
        try:
            from strideback.services import analysis
        except ModuleNotFoundError as error:
            if error.name != "strideback.services.analysis":
                raise
            self._done = ReportAnalysis(None, NOT_INSTALLED)
            return
        latest = analysis.latest_analysis(person_id, refresh_if_stale=False)
        kept = _kept(latest)
        if kept is not None and not latest.updating:
            self._done = ReportAnalysis(kept, None)
            return
        if parallel and can_fork():
            self._start_child()

    @property
    def ready(self) -> bool:
        return self._done is not None

    def _start_child(self) -> None:
        from django.db import connections

        from strideback.store import records

        self._version = records.data_version(self.person_id)  # read first: a write meanwhile makes it stale
        connections.close_all()  # a database connection never crosses a fork; each side opens its own
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_compute, self.person_id)
        except OSError:
            log.warning("could not start the analysis process; computing it in this one", exc_info=False)
            self._shutdown()

    def result(self) -> ReportAnalysis:
        if self._done is not None:
            return self._done
        document: dict[str, Any] | None = None
        if self._future is not None:
            try:
                document = self._future.result()
            except Exception:  # a child that died: the same work in this process, below
                log.warning("the analysis process failed; computing it in this one", exc_info=False)
            finally:
                self._shutdown()
        if document is None:
            from strideback.services.analysis import refresh_now

            self._done = ReportAnalysis(refresh_now(self.person_id), None)
        else:
            from strideback.store.records.analyses import save_analysis

            save_analysis(self.person_id, self._version, document)
            self._done = ReportAnalysis(_read_back(document), None)
        return self._done

    def close(self) -> None:
        """Stop a child still computing (the report failed before it needed the analysis)."""
        self._shutdown()

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._future = None, None


def can_fork() -> bool:
    """Only a single-threaded process outside a transaction forks safely (the CLI, the server's worker;
    never the web server's threads, nor code inside `atomic`, whose connection must stay open)."""
    import threading

    from django.db import connections

    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    return not any(connection.in_atomic_block for connection in connections.all(initialized_only=True))


def _compute(person_id: int) -> dict[str, Any]:
    """In the child process: the default analysis as its JSON document."""
    from strideback.services.analysis import analyze_person

    return analyze_person(person_id).to_json()


def begin_analysis(person_id: int, parallel: bool = False) -> PendingAnalysis:
    """Start getting the report's analysis: stored when current, else computed (in a child when `parallel`)."""
    return PendingAnalysis(person_id, parallel)
