"""How the body answered a session: green, amber or red.

The pain-monitoring model (Silbernagel et al., Am J Sports Med 2007), adapted for nerve pain:
pain during the session, the next morning's check-in against the morning before, stiffness,
and how far down the leg the pain reaches. Also the weekly rule (the week's mean leg pain must
not rise week to week) and the meaningful-change test for pain trends (Farrar, Pain 2001).

Pure: takes activities and check-ins, returns classifications with their reasons in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from strideback.domain.types import Activity, CheckIn, Sport

GREEN = "green"
# A session whose evidence is missing and shows nothing wrong so far: never green, never a step
# forward for the plan (DESIGN, pain-monitoring model). Worse than green, better than amber.
INCOMPLETE = "incomplete"
AMBER = "amber"
RED = "red"
STOP = "stop"
LIGHTS = (GREEN, INCOMPLETE, AMBER, RED, STOP)  # ordered from best to worst

# Silbernagel 2007: pain during activity ≤ 3/10 is safe, 4–5 acceptable, > 5 too much.
SAFE_PAIN_DURING = 3
TOO_MUCH_PAIN_DURING = 5
# Silbernagel 2007 (DESIGN): pain after the session above 5/10 is too much, like pain during.
TOO_MUCH_PAIN_AFTER = 5
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
    # Which evidence is missing: pain_during, pain_after, morning_before, next_morning.
    missing: tuple[str, ...] = ()

    @property
    def is_run(self) -> bool:
        return self.sport.is_running

    @property
    def complete(self) -> bool:
        """Pain during, pain after, the morning before and a next morning recorded after it."""
        return not self.provisional

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "sport": self.sport.value,
            "light": self.light,
            "reasons": list(self.reasons),
            "provisional": self.provisional,
            "complete": self.complete,
            "missing": list(self.missing),
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
        return (
            INCOMPLETE,
            "No pain-during score was recorded for this session (add it with `strideback pain`).",
        )
    limit = green_limit(pain_during_limit)
    if pain_during > TOO_MUCH_PAIN_DURING:
        return RED, f"Leg pain during the session was {pain_during}/10, above 5/10: too much."
    if pain_during > limit:
        return AMBER, f"Leg pain during the session was {pain_during}/10, above your limit of {limit}/10."
    return GREEN, f"Leg pain during the session was {pain_during}/10, within your limit of {limit}/10."


def classify_pain_after(pain_after: int | None) -> tuple[str, str]:
    """Light and reason for leg pain after a session (Silbernagel 2007: > 5 is too much)."""
    if pain_after is None:
        return (
            INCOMPLETE,
            "No pain-after score was recorded for this session (add it with `strideback pain`).",
        )
    if pain_after > TOO_MUCH_PAIN_AFTER:
        return RED, f"Leg pain after the session was {pain_after}/10, above 5/10: too much."
    return GREEN, f"Leg pain after was {pain_after}/10; it should settle by the next morning."


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
    """Classify one session from pain during and after, the morning before and the next morning.

    Complete evidence is all four (DESIGN); without one of them the session is `incomplete` unless
    what is known is already amber or red: missing evidence never counts as green.
    """
    findings = [
        classify_pain_during(activity.pain_during, pain_during_limit),
        classify_pain_after(activity.pain_after),
    ]
    centralized = False
    if after is None:
        if awaiting_next_morning:
            findings.append(
                (INCOMPLETE, "Waiting for the next morning's check-in to judge this session fully.")
            )
        else:
            findings.append((INCOMPLETE, "No check-in the next morning; judged on what is known."))
    elif before is None:
        findings.append(
            (INCOMPLETE, "No check-in the morning before, so the next morning cannot be compared.")
        )
    else:
        morning_findings, centralized = compare_mornings(before, after)
        findings.extend(morning_findings)
    provisional = any(found_light == INCOMPLETE for found_light, _ in findings)
    missing = tuple(
        name
        for name, absent in (
            ("pain_during", activity.pain_during is None),
            ("pain_after", activity.pain_after is None),
            ("morning_before", before is None),
            ("next_morning", after is None),
        )
        if absent
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
        missing=missing,
    )


def entered_by(checkin: CheckIn, moment: dt.datetime) -> bool:
    """Was the check-in entered by `moment`? One of unknown entry time counts as entered that morning."""
    return checkin.recorded_at is None or checkin.recorded_at <= moment


def morning_before(
    checkins_by_day: dict[dt.date, CheckIn], day: dt.date, start: dt.datetime | None = None
) -> CheckIn | None:
    """The check-in on the session's day entered before the session started, else the latest in the
    previous couple of days. A check-in typed after the run describes the body after it, not before."""
    same_day = checkins_by_day.get(day)
    if same_day is not None and (start is None or entered_by(same_day, start)):
        return same_day
    for back in range(1, BASELINE_LOOKBACK_DAYS + 1):
        found = checkins_by_day.get(day - dt.timedelta(days=back))
        if found is not None:
            return found
    return None


def next_morning(checkins_by_day: dict[dt.date, CheckIn], activity: Activity) -> CheckIn | None:
    """The next day's check-in, if it was entered after the session ended."""
    found = checkins_by_day.get(activity.day + dt.timedelta(days=1))
    if found is None or found.recorded_at is None:
        return found
    end = activity.start + dt.timedelta(seconds=activity.duration_s)
    return found if found.recorded_at >= end else None


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
                morning_before(by_day, activity.day, activity.start),
                next_morning(by_day, activity),
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


def __getattr__(name: str) -> object:
    """The weekly rule lives in `domain.weekly`; its names are still importable from here."""
    if name in ("WeeklyTrend", "weekly_trend"):
        from strideback.domain import weekly

        return getattr(weekly, name)
    raise AttributeError(name)
