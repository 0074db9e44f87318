"""Plain domain types shared by every layer.

Pure Python: no I/O, no framework. Values are validated on construction so that a
bad value is refused at the edge (CLI, importer, web form) with a message that names
the field and the allowed range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from strideback.domain import bounds as b
from strideback.domain.bounds import InvalidValue, check_range

if TYPE_CHECKING:
    from strideback.domain.checkin_fields import Field

__all__ = ["InvalidValue", "check_range"]  # re-exported: every face imports them from here


class Sport(StrEnum):
    RUN = "run"
    WALK = "walk"
    CYCLE = "cycle"
    SWIM = "swim"
    STRENGTH = "strength"
    MOBILITY = "mobility"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str, field_name: str = "sport") -> Sport:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidValue(field_name, text, "one of " + ", ".join(s.value for s in cls)) from None

    @property
    def is_running(self) -> bool:
        return self is Sport.RUN


LOW_IMPACT_SPORTS = (Sport.SWIM, Sport.CYCLE, Sport.WALK)


class Reach(StrEnum):
    """How far down the leg the pain reaches; ordered from the spine to the foot.

    Ordering none < buttock < thigh < knee < calf < foot (McKenzie; Skytte, Spine 2005).
    """

    NONE = "none"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    KNEE = "knee"
    CALF = "calf"
    FOOT = "foot"

    @property
    def level(self) -> int:
        return _REACH_ORDER.index(self)

    @classmethod
    def parse(cls, text: str, field_name: str = "reach") -> Reach:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidValue(field_name, text, "one of " + ", ".join(r.value for r in cls)) from None


_REACH_ORDER = list(Reach)


def check_not_future(field_name: str, day: dt.date, today: dt.date) -> None:
    """A day a person enters: not before the floor (domain/bounds.py), not after today."""
    b.check_day(field_name, day, today)


@dataclass(frozen=True)
class Lap:
    start: dt.datetime
    duration_s: float
    distance_m: float | None = None
    avg_hr: float | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None and self.start.date() < b.EARLIEST_DAY:
            raise InvalidValue("lap.start", self.start.isoformat(), b.day_text(None))
        b.check_number("lap.duration_s", self.duration_s)
        b.check_number("lap.distance_m", self.distance_m)
        b.check_number("lap.avg_hr", self.avg_hr)


# Plausibility limits for recorded activities: beyond these a value is an error in the
# file or the entry, not a real session.
MAX_DURATION_S = b.MAX_DURATION_S
MAX_DISTANCE_M = b.MAX_DISTANCE_M
MAX_SPEED_M_S = {  # generous top speeds per sport (world-class sprint cycling ~ 20 m/s)
    Sport.RUN: 12.5,
    Sport.WALK: 4.0,
    Sport.CYCLE: 30.0,
    Sport.SWIM: 3.0,
}
DEFAULT_MAX_SPEED_M_S = 30.0


_ACTIVITY_NUMBERS = (
    "duration_s",
    "moving_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "rpe",
    "pain_during",
    "pain_after",
    "pain_before",
)


@dataclass(frozen=True)
class Activity:
    """One session: a run, a swim, a ride, a walk, a strength or mobility session.

    `start` is timezone-aware. `pain_during`/`pain_after` are leg pain 0–10 (NRS).
    `fingerprint` identifies the source record so that re-importing adds nothing.
    """

    sport: Sport
    start: dt.datetime
    duration_s: float
    distance_m: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None
    rpe: float | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    source: str = "manual"
    fingerprint: str = ""
    device: str | None = None
    note: str = ""
    laps: tuple[Lap, ...] = ()
    id: int | None = None
    pain_before: int | None = None  # leg pain 0–10 just before the session (optional, issue #12)

    def __post_init__(self) -> None:
        if not isinstance(self.sport, Sport):
            object.__setattr__(self, "sport", Sport.parse(str(self.sport)))
        b.check_moment("start", self.start)
        for name in _ACTIVITY_NUMBERS:
            value = getattr(self, name)
            if value is not None:  # None passes (skipping the call: a 10-year diary is read often)
                b.check_number(name, value)
        b.check_text("note", self.note)
        b.check_text("source", self.source, b.SOURCE_MAX_CHARS)
        b.check_text("fingerprint", self.fingerprint, b.FINGERPRINT_MAX_CHARS)
        if self.device is not None:
            b.check_text("device", self.device, b.NAME_MAX_CHARS)
        b.check_count("laps", len(self.laps), b.MAX_LAPS)
        if self.distance_m and self.duration_s:
            top = MAX_SPEED_M_S.get(self.sport, DEFAULT_MAX_SPEED_M_S)
            speed = self.distance_m / self.duration_s
            if speed > top:
                raise InvalidValue(
                    "distance_m",
                    self.distance_m,
                    f"at most {top * 3.6:.0f} km/h for {self.sport.value} "
                    f"(this is {speed * 3.6:.0f} km/h over {self.duration_s / 60:.0f} min)",
                )

    @property
    def day(self) -> dt.date:
        """The local calendar day the session started on."""
        return self.start.date()

    @property
    def minutes(self) -> float:
        return self.duration_s / 60.0


@dataclass(frozen=True)
class CheckIn:
    """A daily morning check-in. Back and leg pain are separate 0–10 NRS series.

    The fields, their ranges and labels are the table `domain.checkin_fields.FIELDS`; each is checked
    (and brought to its stored form) from there.
    """

    date: dt.date
    back_pain: int
    leg_pain: int
    reach: Reach = Reach.NONE
    numbness: bool = False
    tingling: bool = False
    weakness: bool = False
    stiffness_min: int | None = None
    sleep: int | None = None
    note: str = ""
    id: int | None = None
    # When the check-in was entered (timezone-aware), so "before" and "after" a session are well
    # defined; None when unknown (an imported diary): then it counts as entered that morning.
    recorded_at: dt.datetime | None = None
    side: str | None = None  # left | right | both
    quality: tuple[str, ...] = ()  # burning, electric, aching, pins_and_needles

    def __post_init__(self) -> None:
        for spec in _checkin_fields():
            value = getattr(self, spec.name)
            cleaned = spec.clean(value)
            if cleaned is not value:
                object.__setattr__(self, spec.name, cleaned)
        if not isinstance(self.date, dt.date):
            raise InvalidValue("date", self.date, b.day_text(None))
        b.check_day("date", self.date)
        b.check_text("note", self.note)


_CHECKIN_FIELDS: tuple[Field, ...] = ()


def _checkin_fields() -> tuple[Field, ...]:
    """The check-in field table (imported on first use: it imports this module), kept once found."""
    global _CHECKIN_FIELDS
    if not _CHECKIN_FIELDS:
        from strideback.domain.checkin_fields import FIELDS

        _CHECKIN_FIELDS = FIELDS
    return _CHECKIN_FIELDS


def _check_int(name: str, value: object, low: int, high: int) -> None:
    b.check_whole(name, value, low, high)


@dataclass(frozen=True)
class Person:
    name: str = "Me"
    units: str = "metric"
    date_of_birth: dt.date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.units not in ("metric", "imperial"):
            raise InvalidValue("units", self.units, "metric or imperial")


@dataclass(frozen=True)
class QuestionnaireResponse:
    instrument: str
    date: dt.date
    answers: tuple[int | None, ...]
    score: float | None
    valid: bool = True
    band: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        b.check_day("date", self.date)
        b.check_number("questionnaire.score", self.score, "score")


@dataclass(frozen=True)
class RedFlagScreening:
    """Answers to the red-flag questions on a day, and the level they gave."""

    date: dt.date
    answers: dict[str, bool] = field(default_factory=dict)
    level: str = "none"
    reasons: tuple[str, ...] = ()
    id: int | None = None
    recorded_at: dt.datetime | None = None  # when it was entered (order of events, issue 11)
    from_checkin: bool = False  # the check-in's short line, not the full screen

    def __post_init__(self) -> None:
        b.check_day("date", self.date)


@dataclass(frozen=True)
class PlanCaps:
    """Limits a clinician may set on the walk-run plan."""

    max_stage: int | None = None
    pain_during_limit: int = 3  # Silbernagel 2007: pain during activity ≤ 3/10 is safe
    avoid_sports: tuple[Sport, ...] = ()

    def __post_init__(self) -> None:
        if self.max_stage is not None:
            _check_int("max_stage", self.max_stage, 1, 99)
        _check_int("pain_during_limit", self.pain_during_limit, 0, 10)


@dataclass(frozen=True)
class PlanEvent:
    date: dt.date
    stage_before: int
    stage_after: int
    kind: str  # start | advance | hold | repeat | step_back | pause | set
    reason: str = ""


@dataclass(frozen=True)
class PlanState:
    stage: int = 1
    caps: PlanCaps = field(default_factory=PlanCaps)
    history: tuple[PlanEvent, ...] = ()
