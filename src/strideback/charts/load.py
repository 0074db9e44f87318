"""Training-load charts: running and low-impact load, day by day or week by week.

Session load is RPE × minutes (Foster 2001, computed in `domain.load`); running and other load are kept
as separate series because the question is how running, not all movement, affects the leg.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from strideback.charts._style import (
    DEFAULT_HEIGHT,
    LOW_IMPACT,
    OTHER_LOAD,
    RUNNING,
    Spec,
    Width,
    chart,
    date_axis,
    day_value,
    empty_chart,
    field,
    finish,
    sized,
)
from strideback.domain.load import session_load
from strideback.domain.types import LOW_IMPACT_SPORTS, Activity

KINDS = ("Running", "Low-impact", "Other")
KIND_SCALE = {"domain": list(KINDS), "range": [RUNNING, LOW_IMPACT, OTHER_LOAD]}


def kind_of(activity: Activity) -> str:
    if activity.sport.is_running:
        return "Running"
    return "Low-impact" if activity.sport in LOW_IMPACT_SPORTS else "Other"


def _sum_loads(activities: Sequence[Activity], key: Any) -> list[dict[str, Any]]:
    totals: dict[tuple[dt.date, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for activity in activities:
        load = session_load(activity)
        slot = totals[(key(activity.day), kind_of(activity))]
        slot[0] += load.load
        slot[1] += load.minutes
        slot[2] += 1
    return [
        {
            "date": day_value(day),
            "kind": kind,
            "load": round(load, 1),
            "minutes": round(minutes),
            "sessions": int(n),
        }
        for (day, kind), (load, minutes, n) in sorted(totals.items())
    ]


def load_rows(activities: Sequence[Activity]) -> list[dict[str, Any]]:
    """Daily load by kind (running, low-impact, other)."""
    return _sum_loads(activities, lambda day: day)


def weekly_load_rows(activities: Sequence[Activity]) -> list[dict[str, Any]]:
    """Weekly load by kind, each week labelled by its Monday."""
    return _sum_loads(activities, lambda day: day - dt.timedelta(days=day.weekday()))


def _bars(rows: list[dict[str, Any]], width: Width, height: int, title: str, band: str) -> Spec:
    bars = chart(
        rows,
        {"type": "bar", "opacity": 0.9},
        x=field("date:T", axis=date_axis()),
        y=field("sum(load):Q", title=title, stack="zero"),
        color=field("kind:N", scale=KIND_SCALE, title=None, sort=list(KINDS)),
        order=field("kind:N"),
        tooltip=[
            field("date:T", format="%a %d %b %Y", title=band),
            field("kind:N"),
            field("load:Q", title="load (RPE × min)"),
            field("minutes:Q"),
            field("sessions:Q"),
        ],
    )
    return finish(sized(bars, width, height))


def load_chart(activities: Sequence[Activity], width: Width = None, height: int = 140) -> Spec:
    """Daily session load (RPE × minutes), running and low-impact stacked."""
    if not activities:
        return finish(empty_chart("No sessions yet: training load will show here.", width))
    return _bars(load_rows(activities), width, height, "Load (RPE × min)", "day")


def weekly_load_chart(
    activities: Sequence[Activity], width: Width = None, height: int = DEFAULT_HEIGHT
) -> Spec:
    """Weekly session load (RPE × minutes), running and low-impact stacked; weeks start on Monday."""
    if not activities:
        return finish(empty_chart("No sessions yet: weekly load will show here.", width))
    return _bars(weekly_load_rows(activities), width, height, "Weekly load (RPE × min)", "week of")
