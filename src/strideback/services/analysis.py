"""Use case: is running helping or hurting this person? Reads the diary from the store, runs the engine."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from strideback.store import records

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis


def analyze_person(person_id: int, since: dt.date | None = None, until: dt.date | None = None) -> Analysis:
    """The person's evidence: short-term effects, trends and comparisons, each with a 95% interval.

    `since`/`until` limit the diary to a window (inclusive); questionnaires are limited the same way.
    """
    from strideback.domain.effects import analyze

    activities = records.list_activities(person_id, since=since, until=until)
    checkins = records.list_checkins(person_id, since=since, until=until)
    questionnaires = [
        q
        for q in records.list_questionnaires(person_id)
        if (since is None or q.date >= since) and (until is None or q.date <= until)
    ]
    return analyze(activities, checkins, questionnaires)
