"""The evidence engine: from a person's activities, check-ins and questionnaires to an `Analysis`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strideback.domain.effects.frame import build_daily_frame, weekly_summary
from strideback.domain.effects.long_term import (
    DayTypeComparison,
    Restart,
    Trend,
    compare_day_types,
    odi_trend,
    pain_trend,
    running_restart,
    weeks_after_more_running,
)
from strideback.domain.effects.multiplicity import holm
from strideback.domain.effects.primary import PRIMARY_WHY, PrimaryEffect, primary_from_frame
from strideback.domain.effects.sentences import (
    day_type_sentence,
    effect_sentence,
    restart_sentence,
    trend_sentence,
)
from strideback.domain.effects.short_term import Effect, short_term_effects
from strideback.domain.effects.summary import DIARY_LIMIT, bottom_line
from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse

if TYPE_CHECKING:
    import pandas as pd

NOTE_ASSOCIATION = (
    "These findings come from your own diary: they show what tended to follow what, not proof that one "
    "caused the other. Each comes with a 95% interval; a finding is called clear only when the whole "
    "interval lies on one side of zero."
)
NOTE_TREND = (
    "Every estimate allows for your general trend over time, so a recovery that would have happened anyway "
    "is not credited to running (and a slow worsening is not blamed on it)."
)
NOTE_METHOD = (
    "Method: morning leg pain regressed on running one and two days before (the primary effect is their "
    "sum), other exercise, the day of the week, the leg pain before the session where recorded, a time trend "
    "and day-to-day carry-over (regression with AR(1) errors, exact generalised least squares); missing "
    "mornings are skipped, never filled in. Exploratory links: one day's exercise → next morning, with the "
    "same terms, verdicts corrected for the number of links tested (Holm 1979). Checked on simulated diaries "
    "with known answers (bench/effects_worlds.py, docs/evidence.md)."
)
ALPHA = 0.05


@dataclass(frozen=True)
class WeekRow:
    week_start: dt.date
    leg_pain: float | None
    back_pain: float | None
    checkin_days: int
    run_minutes: float
    low_impact_minutes: float

    def to_json(self) -> dict[str, object]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)  # 3 places, so one-decimal readings match the sentences

        return {
            "week_start": self.week_start.isoformat(),
            "leg_pain": r(self.leg_pain),
            "back_pain": r(self.back_pain),
            "checkin_days": self.checkin_days,
            "run_minutes": round(self.run_minutes, 1),
            "low_impact_minutes": round(self.low_impact_minutes, 1),
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> WeekRow:
        def f(x: object) -> float | None:
            return None if x is None else float(x)  # type: ignore[arg-type]

        return cls(dt.date.fromisoformat(str(d["week_start"])), f(d.get("leg_pain")), f(d.get("back_pain")),
                   int(d["checkin_days"]), float(d["run_minutes"]), float(d["low_impact_minutes"]))  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    n_days: int  # calendar days from the first to the last record
    checkin_days: int
    first_day: dt.date | None
    last_day: dt.date | None
    effects: tuple[Effect, ...]
    leg_pain_trend: Trend
    back_pain_trend: Trend
    odi_trend: Trend
    restart: Restart
    weeks: tuple[WeekRow, ...]
    day_types: tuple[DayTypeComparison, ...]
    notes: tuple[str, ...] = field(default=())
    primary: PrimaryEffect | None = None

    @property
    def bottom_line(self) -> str:
        """One plain sentence answering "is running helping or hurting my leg pain?", with its certainty."""
        if self.primary is None:
            return bottom_line(None, self.n_days)
        return bottom_line(self.primary, self.n_days)

    @property
    def diary_limit(self) -> str:
        return DIARY_LIMIT

    @property
    def primary_why(self) -> str:
        return PRIMARY_WHY

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Analysis:
        """The analysis back from its `to_json()` document (the kept background result), typed again."""
        from strideback.domain.effects import codec

        trend = document["trend"]
        return cls(
            n_days=int(document["n_days"]),
            checkin_days=int(document["checkin_days"]),
            first_day=codec._day(document.get("first_day")),
            last_day=codec._day(document.get("last_day")),
            effects=tuple(codec.effect_from_json(e) for e in document["effects"]),
            leg_pain_trend=codec.trend_from_json(trend["leg_pain"]),
            back_pain_trend=codec.trend_from_json(trend["back_pain"]),
            odi_trend=codec.trend_from_json(trend["odi"]),
            restart=codec.restart_from_json(trend["running_restart"]),
            weeks=tuple(WeekRow.from_json(w) for w in trend.get("weekly") or ()),
            day_types=tuple(codec.day_types_from_json(c) for c in document["comparisons"]["day_types"]),
            notes=tuple(str(n) for n in document.get("notes") or ()),
            primary=codec.primary_from_json(document.get("primary")),
        )

    def effect(self, exposure: str, outcome: str) -> Effect:
        return next(e for e in self.effects if e.exposure == exposure and e.outcome == outcome)

    @property
    def sentences(self) -> list[str]:
        """Every finding in plain language: trends first, then the clear effects, then the rest."""
        order = {"worse": 0, "better": 0, "unclear": 1, "insufficient_data": 2}
        effects = sorted(self.effects, key=lambda e: order[e.verdict])
        return [
            trend_sentence(self.leg_pain_trend),
            trend_sentence(self.back_pain_trend),
            trend_sentence(self.odi_trend),
            restart_sentence(self.restart),
            *(effect_sentence(e) for e in effects),
            *(day_type_sentence(c) for c in self.day_types),
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "bottom_line": self.bottom_line,
            "diary_limit": DIARY_LIMIT,
            "primary": None if self.primary is None else self.primary.to_json(),
            "primary_why": PRIMARY_WHY,
            "n_days": self.n_days,
            "checkin_days": self.checkin_days,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "effects": [{**e.to_json(), "sentence": effect_sentence(e)} for e in self.effects],
            "trend": _json_object(
                {
                    "leg_pain": {
                        **self.leg_pain_trend.to_json(),
                        "sentence": trend_sentence(self.leg_pain_trend),
                    },
                    "back_pain": {
                        **self.back_pain_trend.to_json(),
                        "sentence": trend_sentence(self.back_pain_trend),
                    },
                    "odi": {**self.odi_trend.to_json(), "sentence": trend_sentence(self.odi_trend)},
                    "running_restart": {**self.restart.to_json(), "sentence": restart_sentence(self.restart)},
                    "weekly": [w.to_json() for w in self.weeks],
                }
            ),
            "comparisons": {
                "day_types": [{**c.to_json(), "sentence": day_type_sentence(c)} for c in self.day_types]
            },
            "notes": list(self.notes),
            "sentences": self.sentences,
        }


def _json_object(fields: dict[str, object]) -> dict[str, object]:
    """Gives a nested JSON literal its declared type (mypy infers mixed nested literals too narrowly)."""
    return fields


def analyze(
    activities: Iterable[Activity],
    checkins: Iterable[CheckIn],
    questionnaires: Iterable[QuestionnaireResponse] = (),
) -> Analysis:
    """Everything the diary can honestly say about running and the leg, with intervals."""
    import math

    activities = list(activities)
    checkins = list(checkins)
    frame = build_daily_frame(activities, checkins)
    primary = primary_from_frame(frame)
    effects: list[Effect] = []
    for effect in short_term_effects(frame):  # running → next-morning leg pain: the primary model's lags
        if (effect.exposure, effect.outcome) == (primary.exposure, primary.outcome):
            effects.extend(primary.lag_effects)
        else:
            effects.append(effect)
    weekly_effect = weeks_after_more_running(frame)
    weeks = tuple(
        WeekRow(
            week_start=index.date(),
            leg_pain=None if math.isnan(row.leg_pain) else float(row.leg_pain),
            back_pain=None if math.isnan(row.back_pain) else float(row.back_pain),
            checkin_days=int(row.checkin_days),
            run_minutes=float(row.run_minutes),
            low_impact_minutes=float(row.low_impact_minutes),
        )
        for index, row in weekly_summary(frame).iterrows()
    )
    all_effects = corrected((*effects, weekly_effect))
    computed = Analysis(
        n_days=len(frame),
        checkin_days=len({c.date for c in checkins}),
        first_day=frame.index[0].date() if len(frame) else None,
        last_day=frame.index[-1].date() if len(frame) else None,
        effects=all_effects,
        leg_pain_trend=pain_trend(frame, "leg_pain"),
        back_pain_trend=pain_trend(frame, "back_pain"),
        odi_trend=odi_trend(questionnaires),
        restart=running_restart(frame),
        weeks=weeks,
        day_types=(
            compare_day_types(frame, "leg_pain_next_morning"),
            compare_day_types(frame, "back_pain_next_morning"),
        ),
        notes=tuple(_notes(frame, all_effects, activities, len(checkins))),
        primary=primary,
    )
    # The values as `to_json` rounds them, so that the sentences said now are the ones a kept result says
    return Analysis.from_json(computed.to_json())


def corrected(effects: tuple[Effect, ...]) -> tuple[Effect, ...]:
    """Exploratory links with Holm-adjusted p-values; a verdict stays clear only if it survives them."""
    from dataclasses import replace

    tested = [i for i, e in enumerate(effects) if e.p_value is not None]
    adjusted = holm([effects[i].p_value or 1.0 for i in tested])
    result = list(effects)
    for i, p in zip(tested, adjusted, strict=True):
        e = effects[i]
        verdict = e.verdict if p < ALPHA else ("unclear" if e.verdict in ("worse", "better") else e.verdict)
        result[i] = replace(e, p_adjusted=p, verdict=verdict)
    return tuple(result)


def _notes(
    frame: pd.DataFrame, effects: tuple[Effect, ...], activities: list[Activity], checkin_count: int
) -> list[str]:
    notes = [NOTE_ASSOCIATION, NOTE_TREND]
    if len(frame):
        missing = len(frame) - checkin_count
        if missing > 0:
            notes.append(
                f"{missing} of the {len(frame)} days had no check-in; those mornings were left out, not guessed."
            )
    tested = [e for e in effects if e.p_value is not None]
    if len(tested) > 1:
        notes.append(
            f"Besides the primary question, {len(tested)} links were tested. With that many, one can look "
            "clear by chance, so each is called clear only after Holm's correction for the number tested "
            "(Holm 1979); treat a clear one as something to watch as more days come in."
        )
    estimated = sum(1 for a in activities if a.sport.is_running and a.rpe is None)
    if estimated:
        notes.append(f"Running load uses an assumed effort (RPE) for {estimated} run(s) logged without one.")
    if not activities:
        notes.append(
            "No activities yet: log or import your runs, swims, rides and walks to see their effects."
        )
    notes.append(NOTE_METHOD)
    return notes
