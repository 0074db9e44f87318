"""Use case: is running helping or hurting this person? Reads the diary from the store, runs the engine.

The analysis takes seconds, so pages never run it (issue #12). After each committed write the person's
analysis is recomputed in the background with Django's task framework (`django-tasks`): by the database
worker (`strideback worker`) in server mode, by a thread in local mode (`strideback.background`). The last
result is kept per person with the data version it was computed from; pages show it at once and say
"updating…" while a newer one is being built.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django_tasks import task

from strideback.store import records

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis
    from strideback.domain.effects.window import Window

log = logging.getLogger(__name__)


def diary_window(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None, everything: bool = False
) -> Window:
    """The days to analyse: the span with check-ins (by default its last 12 months), never old imports."""
    from strideback.domain.effects.window import analysis_window

    checkins = records.list_checkins(person_id, until=until)
    return analysis_window((c.date for c in checkins), since=since, everything=everything, until=until)


def analyze_person(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None, everything: bool = False
) -> Analysis:
    """The person's evidence: the primary question, exploratory links, trends, each with a 95% interval.

    The window is the span with check-ins (see `diary_window`); questionnaires are limited the same way.
    """
    from strideback.domain.effects import analyze

    window = diary_window(person_id, since, until, everything)
    if window.start is None:
        return analyze([], [], [])
    activities = records.list_activities(person_id, since=window.start, until=window.end)
    checkins = records.list_checkins(person_id, since=window.start, until=window.end)
    questionnaires = [q for q in records.list_questionnaires(person_id) if window.contains(q.date)]
    return analyze(activities, checkins, questionnaires)


@dataclass(frozen=True)
class LatestAnalysis:
    """What a page shows: the last result (None before the first), and whether a newer one is on its way.

    `data_version` is the version of the diary the result was computed from (a key for caching its page).
    """

    analysis: Analysis | None
    updating: bool
    computed_at: dt.datetime | None
    data_version: int | None = None


@task()
def refresh_analysis(person_id: int) -> None:
    """Compute the person's default analysis and keep it with the data version it was computed from."""
    from strideback.store.records.analyses import save_analysis

    version = records.data_version(
        person_id
    )  # read first: a write meanwhile makes the result stale, not wrong
    save_analysis(person_id, version, analyze_person(person_id).to_json())


def request_refresh(person_id: int) -> None:
    """Ask for a new analysis in the background (never computed here)."""
    try:
        refresh_analysis.enqueue(person_id)
    except Exception:  # a queue that cannot take the task must not break the write that asked for it
        log.warning("could not queue the analysis refresh", exc_info=False)


def latest_analysis(person_id: int, refresh_if_stale: bool = True) -> LatestAnalysis:
    """The stored result at once; if it is older than the data (or missing), a refresh is queued."""
    from strideback.store.records.analyses import load_analysis

    stored = load_analysis(person_id)
    current = records.data_version(person_id)
    stale = stored is None or stored.data_version != current
    if stale and refresh_if_stale:
        request_refresh(person_id)
    if stored is None:
        return LatestAnalysis(None, True, None)
    from strideback.domain.effects import Analysis

    try:
        analysis = Analysis.from_json(stored.document)
    except (KeyError, TypeError, ValueError):  # kept by an older version in another shape: build it again
        if not stale and refresh_if_stale:
            request_refresh(person_id)
        return LatestAnalysis(None, True, None)
    return LatestAnalysis(analysis, stale, stored.computed_at, stored.data_version)


def refresh_now(person_id: int) -> Analysis:
    """Compute and keep the analysis in this thread (the CLI, tests); returns the kept result."""
    from strideback.store.records.analyses import save_analysis

    version = records.data_version(person_id)
    analysis = analyze_person(person_id)
    save_analysis(person_id, version, analysis.to_json())
    return analysis


def _on_data_changed(sender: object, person_id: int, **kwargs: object) -> None:
    request_refresh(person_id)


def connect_background_refresh() -> None:
    """Recompute after every committed write (long-lived processes: the web server, the worker)."""
    from strideback.store.records.analyses import data_changed

    data_changed.connect(_on_data_changed, dispatch_uid="strideback.analysis.refresh")
