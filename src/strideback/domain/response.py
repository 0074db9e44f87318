"""How the body answered a session: green, amber or red.

The pain-monitoring model (Silbernagel et al., Am J Sports Med 2007), adapted for nerve pain:
pain during the session, the next morning's check-in against the morning before, stiffness,
and how far down the leg the pain reaches. Also the weekly rule (the week's mean leg pain must
not rise week to week) and the meaningful-change test for pain trends (Farrar, Pain 2001).

Pure: takes activities and check-ins, returns classifications with their reasons in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strideback.domain.types import Activity, CheckIn, Sport

GREEN = "green"
AMBER = "amber"
RED = "red"
STOP = "stop"
LIGHTS = (GREEN, AMBER, RED, STOP)  # ordered from best to worst

# Silbernagel 2007: pain during activity ≤ 3/10 is safe, 4–5 acceptable, > 5 too much.
SAFE_PAIN_DURING = 3
TOO_MUCH_PAIN_DURING = 5
# Silbernagel 2007 (nerve-pain adaptation in DESIGN): next-morning leg pain up 1 → amber, up ≥ 2 → red.
NEXT_MORNING_AMBER_RISE = 1
NEXT_MORNING_RED_RISE = 2
# Our addition: "stiffness up" counts from 5 minutes, the resolution people report morning stiffness at
# (self-reported durations cluster on multiples of 5); smaller changes are reading noise, not a response.
STIFFNESS_RISE_MIN = 5
# Farrar, Pain 2001 (and Ostelo, Spine 2008): a meaningful change in an NRS pain score is 2 points or 30%.
MEANINGFUL_POINTS = 2.0
MEANINGFUL_FRACTION = 0.30
# Our floor on the 30% rule so that 1.0 → 1.3 on a 0–10 scale does not count: at least 1 point.
MEANINGFUL_FLOOR_POINTS = 1.0
# How far back to look for "the morning before" a session when that day's check-in is missing.
BASELINE_LOOKBACK_DAYS = 2
# Weekly rule: a rise of the weekly mean by at least the next-morning amber step (1 point) is amber.
WEEKLY_AMBER_RISE = 1.0
# A weekly mean needs at least this many mornings to be compared (half a week).
MIN_MORNINGS_PER_WEEK = 3


def worst(*lights: str) -> str:
    """The worst of some lights (green < amber < red < stop)."""
    return max(lights, key=LIGHTS.index, default=GREEN)


@dataclass(frozen=True)
class SessionResponse:
    """How one session went, judged by the body's answer.

    `provisional` is true when part of the evidence is missing (no next-morning check-in,
    no pain-during score, no morning before). `awaiting_next_morning` is true while the
    next morning has not been recorded and could still be (today is at most the day after).
    """

    day: dt.date
    sport: Sport
    light: str
    reasons: tuple[str, ...]
    causes: tuple[str, ...] = ()  # the reasons that set an amber or red light
    provisional: bool = False
    awaiting_next_morning: bool = False
    centralized: bool = False
    activity_id: int | None = None
    minutes: float = 0.0

    @property
    def is_run(self) -> bool:
        return self.sport.is_running

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "sport": self.sport.value,
            "light": self.light,
            "reasons": list(self.reasons),
            "provisional": self.provisional,
            "awaiting_next_morning": self.awaiting_next_morning,
            "centralized": self.centralized,
            "activity_id": self.activity_id,
        }


def green_limit(pain_during_limit: int) -> int:
    """Highest pain during that is still green. A clinician's limit can tighten the safe band;
    it never makes more than 5/10 green (Silbernagel 2007: > 5 is too much)."""
    return min(pain_during_limit, TOO_MUCH_PAIN_DURING)


def classify_pain_during(
    pain_during: int | None, pain_during_limit: int = SAFE_PAIN_DURING
) -> tuple[str, str]:
    """Light and reason for leg pain during a session (Silbernagel 2007, clinician limit respected)."""
    if pain_during is None:
        return GREEN, "No pain-during score was recorded for this session."
    limit = green_limit(pain_during_limit)
    if pain_during > TOO_MUCH_PAIN_DURING:
        return RED, f"Leg pain during the session was {pain_during}/10, above 5/10: too much."
    if pain_during > limit:
        return AMBER, f"Leg pain during the session was {pain_during}/10, above your limit of {limit}/10."
    return GREEN, f"Leg pain during the session was {pain_during}/10, within your limit of {limit}/10."


def compare_mornings(
    before: CheckIn,
    after: CheckIn,
    after_label: str = "the next morning",
    before_label: str = "the morning before",
) -> tuple[list[tuple[str, str]], bool]:
    """Compare two morning check-ins: ([(light, reason)...], centralized).

    Silbernagel 2007 adapted: leg pain up 1 amber, up ≥ 2 red; stiffness up amber;
    pain reaching further down the leg (peripheralization) red, toward the spine
    (centralization) good (McKenzie; Skytte, Spine 2005); new numbness or weakness red.
    """
    findings: list[tuple[str, str]] = []
    rise = after.leg_pain - before.leg_pain
    if rise >= NEXT_MORNING_RED_RISE:
        findings.append((RED, f"Leg pain {after_label} was {rise} points higher than {before_label}."))
    elif rise >= NEXT_MORNING_AMBER_RISE:
        findings.append((AMBER, f"Leg pain {after_label} was 1 point higher than {before_label}."))
    else:
        findings.append((GREEN, f"Leg pain {after_label} was no higher than {before_label}."))
    if after.reach.level > before.reach.level:
        findings.append(
            (
                RED,
                f"Pain reached further down the leg ({before.reach.value} → {after.reach.value}): "
                "a warning sign (peripheralization).",
            )
        )
    centralized = after.reach.level < before.reach.level
    if centralized:
        findings.append(
            (
                GREEN,
                f"Pain moved back toward the spine ({before.reach.value} → {after.reach.value}): "
                "a good sign (centralization).",
            )
        )
    if after.numbness and not before.numbness:
        findings.append((RED, "New numbness appeared."))
    if after.weakness and not before.weakness:
        findings.append((RED, "New weakness appeared."))
    if (
        after.stiffness_min is not None
        and before.stiffness_min is not None
        and after.stiffness_min - before.stiffness_min >= STIFFNESS_RISE_MIN
    ):
        findings.append(
            (AMBER, f"Morning stiffness rose from {before.stiffness_min} to {after.stiffness_min} minutes.")
        )
    return findings, centralized


def classify_session(
    activity: Activity,
    before: CheckIn | None,
    after: CheckIn | None,
    pain_during_limit: int = SAFE_PAIN_DURING,
    awaiting_next_morning: bool = False,
) -> SessionResponse:
    """Classify one session from pain during, the morning before and the next morning."""
    findings = [classify_pain_during(activity.pain_during, pain_during_limit)]
    provisional = activity.pain_during is None
    centralized = False
    if after is None:
        provisional = True
        if awaiting_next_morning:
            findings.append((GREEN, "Waiting for the next morning's check-in to judge this session fully."))
        else:
            findings.append((GREEN, "No check-in the next morning; judged on what is known."))
    elif before is None:
        provisional = True
        findings.append((GREEN, "No check-in the morning before, so the next morning cannot be compared."))
    else:
        morning_findings, centralized = compare_mornings(before, after)
        findings.extend(morning_findings)
    if activity.pain_after is not None:
        findings.append(
            (GREEN, f"Leg pain after was {activity.pain_after}/10; it should settle by the next morning.")
        )
    light = worst(*(found_light for found_light, _ in findings))
    return SessionResponse(
        day=activity.day,
        sport=activity.sport,
        light=light,
        reasons=tuple(text for _, text in findings),
        causes=tuple(text for found_light, text in findings if found_light == light and light != GREEN),
        provisional=provisional,
        awaiting_next_morning=after is None and awaiting_next_morning,
        centralized=centralized,
        activity_id=activity.id,
        minutes=activity.minutes,
    )


def morning_before(checkins_by_day: dict[dt.date, CheckIn], day: dt.date) -> CheckIn | None:
    """The check-in on the session's day, else the latest in the previous couple of days."""
    for back in range(BASELINE_LOOKBACK_DAYS + 1):
        found = checkins_by_day.get(day - dt.timedelta(days=back))
        if found is not None:
            return found
    return None


def classify_sessions(
    activities: Iterable[Activity],
    checkins: Iterable[CheckIn],
    today: dt.date,
    pain_during_limit: int = SAFE_PAIN_DURING,
) -> list[SessionResponse]:
    """Classify every session up to `today`, oldest first."""
    by_day = {c.date: c for c in checkins}
    responses = []
    for activity in sorted(activities, key=lambda a: a.start):
        if activity.day > today:
            continue
        next_day = activity.day + dt.timedelta(days=1)
        responses.append(
            classify_session(
                activity,
                morning_before(by_day, activity.day),
                by_day.get(next_day),
                pain_during_limit,
                awaiting_next_morning=today <= next_day,
            )
        )
    return responses


def is_meaningful_change(before: float, after: float) -> bool:
    """Farrar 2001: a change of 2 points or 30% (with a 1-point floor on the 30% rule)."""
    change = abs(after - before)
    if change >= MEANINGFUL_POINTS:
        return True
    return before > 0 and change / before >= MEANINGFUL_FRACTION and change >= MEANINGFUL_FLOOR_POINTS


@dataclass(frozen=True)
class WeeklyTrend:
    """This week's mean morning leg pain against last week's (the 7 days ending on `day`)."""

    day: dt.date
    this_week: float | None
    last_week: float | None
    light: str
    reason: str

    @property
    def change(self) -> float | None:
        if self.this_week is None or self.last_week is None:
            return None
        return self.this_week - self.last_week

    def to_json(self) -> dict[str, object]:
        change = self.change
        return {
            "this_week_leg_pain": None if self.this_week is None else round(self.this_week, 1),
            "last_week_leg_pain": None if self.last_week is None else round(self.last_week, 1),
            "change": None if change is None else round(change, 1),
            "light": self.light,
            "reason": self.reason,
        }


def _week_mean(checkins: Sequence[CheckIn], first: dt.date, last: dt.date) -> float | None:
    values = [c.leg_pain for c in checkins if first <= c.date <= last]
    if len(values) < MIN_MORNINGS_PER_WEEK:
        return None
    return sum(values) / len(values)


def weekly_trend(checkins: Sequence[CheckIn], day: dt.date) -> WeeklyTrend:
    """Silbernagel 2007: the week's mean leg pain must not rise week to week.

    A meaningful rise (Farrar 2001: 2 points or 30%) is red; a smaller rise of a whole point or
    more (the next-morning amber step) is amber; otherwise green: smaller wobbles of a weekly mean
    of whole-number scores are noise, not a rise.
    """
    this_week = _week_mean(checkins, day - dt.timedelta(days=6), day)
    last_week = _week_mean(checkins, day - dt.timedelta(days=13), day - dt.timedelta(days=7))
    if this_week is None or last_week is None:
        return WeeklyTrend(day, this_week, last_week, GREEN, "Not enough check-ins to compare weeks yet.")
    change = this_week - last_week
    if change > 0 and is_meaningful_change(last_week, this_week):
        return WeeklyTrend(
            day,
            this_week,
            last_week,
            RED,
            f"This week's leg pain ({this_week:.1f}) rose clearly from last week's ({last_week:.1f}).",
        )
    if change >= WEEKLY_AMBER_RISE:
        return WeeklyTrend(
            day,
            this_week,
            last_week,
            AMBER,
            f"This week's leg pain ({this_week:.1f}) is a little higher than last week's ({last_week:.1f}).",
        )
    if change < 0 and is_meaningful_change(last_week, this_week):
        reason = (
            f"This week's leg pain ({this_week:.1f}) is clearly lower than last week's ({last_week:.1f})."
        )
    else:
        reason = f"This week's leg pain ({this_week:.1f}) has not risen from last week's ({last_week:.1f})."
    return WeeklyTrend(day, this_week, last_week, GREEN, reason)
