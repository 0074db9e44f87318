"""What a clinician's list shows of each person, as plain values: the leg-pain trend (the last 14 days
against the 14 before, in words and an arrow) and who set the plan's limits, and when.

Pure: takes check-ins and values, returns frozen dataclasses; the faces only render them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from strideback.domain.response import LIGHTS, is_meaningful_change
from strideback.domain.types import CheckIn

TREND_DAYS = 14  # two weeks against the two before: long enough to smooth a bad morning
# A mean over fewer mornings than this says too little to compare (half of the 14 days).
MIN_TREND_MORNINGS = 7

RISING, FALLING, STEADY, UNKNOWN = "rising", "falling", "steady", "unknown"
TREND_ARROWS = {RISING: "↑", FALLING: "↓", STEADY: "→", UNKNOWN: "·"}


@dataclass(frozen=True)
class LegPainTrend:
    """Mean morning leg pain over the last `TREND_DAYS` days (ending on `day`) against the days before."""

    direction: str  # rising | falling | steady | unknown
    recent: float | None
    before: float | None
    words: str

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.direction]

    def to_json(self) -> dict[str, object]:
        return {
            "direction": self.direction,
            "arrow": self.arrow,
            "recent": self.recent,
            "before": self.before,
            "words": self.words,
        }


def _mean(checkins: Sequence[CheckIn], first: dt.date, last: dt.date) -> float | None:
    values = [c.leg_pain for c in checkins if first <= c.date <= last]
    return round(sum(values) / len(values), 1) if len(values) >= MIN_TREND_MORNINGS else None


def leg_pain_trend(checkins: Sequence[CheckIn], day: dt.date) -> LegPainTrend:
    """Rising or falling only when the change is meaningful for pain (Farrar 2001: 2 points or 30%);
    a smaller change is steady; fewer than `MIN_TREND_MORNINGS` mornings in either half is unknown."""
    recent_first = day - dt.timedelta(days=TREND_DAYS - 1)
    recent = _mean(checkins, recent_first, day)
    before = _mean(
        checkins, recent_first - dt.timedelta(days=TREND_DAYS), recent_first - dt.timedelta(days=1)
    )
    if recent is None or before is None:
        missing = "the last 14 days" if recent is None else "the 14 days before"
        return LegPainTrend(
            UNKNOWN, recent, before, f"not enough check-ins in {missing} (needs {MIN_TREND_MORNINGS})"
        )
    span = f"{recent:g}/10 in the last 14 days, {before:g}/10 in the 14 before"
    if not is_meaningful_change(before, recent):
        return LegPainTrend(STEADY, recent, before, f"steady: {span}")
    direction = RISING if recent > before else FALLING
    return LegPainTrend(direction, recent, before, f"{'worse' if direction == RISING else 'better'}: {span}")


@dataclass(frozen=True)
class LimitSetting:
    """Plan limits a clinician set for a person: the values, who, and when (shown on the Plan page)."""

    clinician_email: str
    at: dt.datetime
    max_stage: int | None
    pain_during_limit: int
    avoid_sports: tuple[str, ...]
    current: bool  # False once the limits were changed since (by the person, or lapsed)

    def to_json(self) -> dict[str, object]:
        return {
            "set_by": self.clinician_email,
            "set_at": self.at.isoformat(),
            "max_stage": self.max_stage,
            "pain_during_limit": self.pain_during_limit,
            "avoid_sports": list(self.avoid_sports),
            "current": self.current,
        }


@dataclass(frozen=True)
class PersonRow:
    """One line of a clinician's list of people."""

    id: int
    email: str
    light: str  # today's light: green, incomplete, amber, red or stop
    plan_stage: int | None
    last_checkin: dt.date | None
    last_checkin_days: int | None  # how many days ago (0: today)
    trend: LegPainTrend
    leg_pain: tuple[int, ...]  # the last 14 mornings' leg pain, oldest first

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "email": self.email,
            "light": self.light,
            "plan_stage": self.plan_stage,
            "last_checkin": self.last_checkin.isoformat() if self.last_checkin else None,
            "last_checkin_days": self.last_checkin_days,
            "trend": self.trend.to_json(),
            "leg_pain": list(self.leg_pain),
        }


def person_row(
    person_id: int, email: str, light: str, plan_stage: int | None, checkins: Sequence[CheckIn], day: dt.date
) -> PersonRow:
    last = max((c.date for c in checkins if c.date <= day), default=None)
    recent = sorted((c for c in checkins if c.date <= day), key=lambda c: c.date)[-TREND_DAYS:]
    return PersonRow(
        id=person_id,
        email=email,
        light=light,
        plan_stage=plan_stage,
        last_checkin=last,
        last_checkin_days=(day - last).days if last else None,
        trend=leg_pain_trend(checkins, day),
        leg_pain=tuple(c.leg_pain for c in recent),
    )


def by_urgency(rows: Sequence[PersonRow]) -> list[PersonRow]:
    """Stops first, then reds, ambers, incompletes and greens; within a light, rising leg pain first."""
    rising = {RISING: 0, UNKNOWN: 1, STEADY: 2, FALLING: 3}
    return sorted(
        rows,
        key=lambda r: (
            -LIGHTS.index(r.light) if r.light in LIGHTS else 1,
            rising[r.trend.direction],
            r.email,
        ),
    )
