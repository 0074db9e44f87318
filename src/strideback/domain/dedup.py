"""The same session arriving from two sources: how to recognise it and which record to keep.

A watch's FIT file and Strava's GPX of the same run differ in their bytes but describe one
session: they start within a few minutes of each other, last about as long, and are the same
kind of sport. These are data-matching rules (no clinical source); the thresholds allow for
clocks set a little apart and for apps that trim the paused start or end of a recording.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from strideback.domain.types import Activity, Sport

START_WINDOW = dt.timedelta(minutes=5)  # clocks and "start" presses differ by a minute or two
DURATION_TOLERANCE_S = 180.0  # apps trim a paused start or end...
DURATION_TOLERANCE_SHARE = 0.15  # ...and long sessions drift more in absolute terms

_FAMILIES = {
    Sport.RUN: "on_foot",
    Sport.WALK: "on_foot",  # a walk-run session is "run" in one app and "walk" in another
    Sport.CYCLE: "cycle",
    Sport.SWIM: "swim",
    Sport.STRENGTH: "gym",
    Sport.MOBILITY: "gym",
}

# How detailed a source is, from the most (0), for ties on richness: the caller knows the sources
# (the import service passes `importers.registry.source_rank`); with none, ties go to the first record.
SourceRank = Callable[[str], int]


def no_preference(_source: str) -> int:
    return 0


def same_sport_family(a: Sport, b: Sport) -> bool:
    """Same family of sport; OTHER matches anything (the source did not know the sport)."""
    if a is Sport.OTHER or b is Sport.OTHER:
        return True
    return _FAMILIES.get(a) == _FAMILIES.get(b)


def similar_duration(a: float, b: float) -> bool:
    return abs(a - b) <= max(DURATION_TOLERANCE_S, DURATION_TOLERANCE_SHARE * max(a, b))


def same_device(a: Activity, b: Activity) -> bool:
    """Both records come from one device: the same device name in the same kind of source file
    (two FIT files of one watch). One device cannot record two sessions at once, so two such records
    are two sessions (issue 11: a watch's walk and run 78 s apart). The device's serial number is part
    of a FIT record's fingerprint, so the same recording from it is caught as the same fingerprint."""
    return bool(a.device) and a.device == b.device and a.source == b.source


def is_same_session(a: Activity, b: Activity) -> bool:
    """True when two records from two sources describe one session (start, duration and sport agree)."""
    return (
        not same_device(a, b)
        and abs(a.start - b.start) <= START_WINDOW
        and similar_duration(a.duration_s, b.duration_s)
        and same_sport_family(a.sport, b.sport)
    )


def find_same_session(new: Activity, candidates: Iterable[Activity]) -> Activity | None:
    """The stored record of the same session, the closest in start time; None when there is none."""
    matches = [c for c in candidates if is_same_session(new, c)]
    if not matches:
        return None
    return min(matches, key=lambda c: (abs(c.start - new.start), abs(c.duration_s - new.duration_s)))


def richness(activity: Activity) -> int:
    """How much a record tells: laps count most, then each measured value."""
    score = 3 if activity.laps else 0
    for value in (
        activity.distance_m,
        activity.moving_s,
        activity.elevation_gain_m,
        activity.avg_hr,
        activity.max_hr,
        activity.avg_cadence,
        activity.device,
    ):
        if value not in (None, "", 0):
            score += 1
    return score


def richer(a: Activity, b: Activity, rank: SourceRank = no_preference) -> Activity:
    """The record to keep: the richer one; on a tie the more detailed source (by `rank`), then the first."""
    if richness(b) > richness(a):
        return b
    if richness(b) == richness(a) and rank(b.source) < rank(a.source):
        return b
    return a


_FILLABLE = (
    "distance_m",
    "moving_s",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "rpe",
    "pain_during",
    "pain_after",
    "device",
)


def merge(kept: Activity, other: Activity) -> Activity:
    """The kept record with gaps filled from the other (RPE from Strava, pain typed by hand...).

    The kept record's own measurements win; its sport wins unless it is OTHER.
    """
    changes: dict[str, Any] = {
        name: getattr(other, name)
        for name in _FILLABLE
        if getattr(kept, name) in (None, "") and getattr(other, name) not in (None, "")
    }
    if not kept.note and other.note:
        changes["note"] = other.note
    if kept.sport is Sport.OTHER and other.sport is not Sport.OTHER:
        changes["sport"] = other.sport
    if not kept.laps and other.laps:
        changes["laps"] = other.laps
    return dataclasses.replace(kept, **changes) if changes else kept


# What the person entered about a session: a merge never replaces it with another source's value.
PERSON_ENTERED = ("rpe", "pain_during", "pain_after", "note")


def merged_view(stored: Activity, new: Activity, rank: SourceRank = no_preference) -> Activity:
    """What a session shows once a second source of it arrives: the richer record, its gaps filled
    from the other, and the person's own entries on the stored session (pain, effort, note) kept.
    Both source records are kept as they came (the store links them); only this view changes."""
    kept = richer(new, stored, rank)
    other = stored if kept is new else new
    try:
        view = merge(kept, other)
    except ValueError:  # a combination the domain refuses (e.g. a speed too high): the richer one alone
        view = kept
    entered: dict[str, Any] = {
        name: getattr(stored, name) for name in PERSON_ENTERED if getattr(stored, name) not in (None, "")
    }
    return dataclasses.replace(view, id=stored.id, **entered)
