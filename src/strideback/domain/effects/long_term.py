"""The long-term picture: trends over weeks, before and after running restarted, weeks with more running,
and run days against low-impact and rest days side by side. Every estimate comes with a 95% interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strideback.domain.effects.fitting import TREND_DAYS, fit_least_squares, fit_with_ar1_errors
from strideback.domain.effects.frame import day_types, weekly_summary
from strideback.domain.effects.short_term import MIN_DAYS, MIN_EXPOSURE_DAYS, Effect, verdict_for
from strideback.domain.types import QuestionnaireResponse

if TYPE_CHECKING:
    import pandas as pd

# Before/after running restarted: a break of at least 14 days without a run, and 14 check-ins on each side.
MIN_BREAK_DAYS = 14
MIN_SIDE_DAYS = 14
# Weeks compared: a week counts with at least 4 check-ins; 8 pairs of consecutive weeks are needed.
MIN_WEEK_CHECKINS = 4
MIN_WEEK_PAIRS = 8
# ODI: at least 3 scores spanning 4 weeks for a trend with an interval.
MIN_ODI_SCORES = 3
# Ostelo et al., Spine 2008: meaningful change on the ODI is 10 points or 30%.
ODI_MEANINGFUL_POINTS = 10.0
ODI_MEANINGFUL_SHARE = 0.30


def _r(x: float | None, places: int = 2) -> float | None:
    return None if x is None else round(x, places)


@dataclass(frozen=True)
class Trend:
    """A trend over time: change per 4 weeks with its interval."""

    measure: str  # leg_pain | back_pain | odi
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    unit: str
    verdict: str
    used: int  # days (pain) or scores (ODI) used
    first_value: float | None = None
    last_value: float | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    missing: str = ""

    @property
    def meaningful_change(self) -> bool | None:
        """ODI only: first-to-last change of ≥10 points or ≥30% (Ostelo 2008)."""
        if self.measure != "odi" or self.first_value is None or self.last_value is None:
            return None
        change = abs(self.last_value - self.first_value)
        return change >= ODI_MEANINGFUL_POINTS or (
            self.first_value > 0 and change / self.first_value >= ODI_MEANINGFUL_SHARE
        )

    def to_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "estimate": _r(self.estimate),
            "ci_low": _r(self.ci_low),
            "ci_high": _r(self.ci_high),
            "unit": self.unit,
            "verdict": self.verdict,
            "used": self.used,
            "first_value": _r(self.first_value, 1),
            "last_value": _r(self.last_value, 1),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "meaningful_change": self.meaningful_change,
            "missing": self.missing or None,
        }


def pain_trend(frame: pd.DataFrame, column: str) -> Trend:
    """Morning pain over time: points per 4 weeks from a linear trend with AR(1) errors."""
    import numpy as np

    unit = "points (0–10) per 4 weeks"
    observed = frame.index[frame[column].notna()]
    used = len(observed)
    if used < MIN_DAYS:
        return Trend(column, None, None, None, unit, "insufficient_data", used,
                     missing=f"Not enough days yet: {used} of the {MIN_DAYS} needed")  # fmt: skip
    window = frame.loc[observed[0] : observed[-1], column].to_numpy(dtype=float)
    weekly = frame[column].loc[observed[0] : observed[-1]]
    first_value = float(weekly.iloc[:7].mean())
    last_value = float(weekly.iloc[-7:].mean())
    if np.nanstd(window) == 0:
        return Trend(column, 0.0, 0.0, 0.0, unit, "unclear", used, first_value, last_value,
                     observed[0].date(), observed[-1].date())  # fmt: skip
    fit = fit_with_ar1_errors(window, {})
    if fit is None:
        return Trend(column, None, None, None, unit, "insufficient_data", used,
                     missing="The model could not be fitted to these days")  # fmt: skip
    interval = fit.interval("trend")
    return Trend(column, interval.estimate, interval.low, interval.high, unit, verdict_for(interval), used,
                 first_value, last_value, observed[0].date(), observed[-1].date())  # fmt: skip


def odi_trend(questionnaires: Iterable[QuestionnaireResponse]) -> Trend:
    """ODI score (0–100%) over time: points per 4 weeks by least squares over the scores."""
    import numpy as np

    unit = "ODI points (0–100) per 4 weeks"
    scores = sorted(
        (q for q in questionnaires if q.instrument.lower() == "odi" and q.valid and q.score is not None),
        key=lambda q: q.date,
    )
    if not scores:
        return Trend("odi", None, None, None, unit, "insufficient_data", 0,
                     missing=f"No ODI scores yet: 0 of the {MIN_ODI_SCORES} needed")  # fmt: skip
    first, last = scores[0], scores[-1]
    values = (float(first.score or 0.0), float(last.score or 0.0), first.date, last.date)
    span = (last.date - first.date).days
    if len(scores) < MIN_ODI_SCORES or span < TREND_DAYS:
        missing = (
            f"Not enough ODI scores yet: {len(scores)} of the {MIN_ODI_SCORES} needed"
            if len(scores) < MIN_ODI_SCORES
            else f"ODI scores span {span} days; at least {int(TREND_DAYS)} are needed for a trend"
        )
        return Trend(
            "odi", None, None, None, unit, "insufficient_data", len(scores), *values, missing=missing
        )
    days = np.array([(q.date - first.date).days for q in scores], dtype=float)
    y = np.array([float(q.score or 0.0) for q in scores])
    if np.ptp(y) == 0:
        return Trend("odi", 0.0, 0.0, 0.0, unit, "unclear", len(scores), *values)
    fit = fit_least_squares(y, {"trend": days / TREND_DAYS})
    if fit is None:  # a perfect straight line: no spread left to give an interval
        slope = float(np.polyfit(days / TREND_DAYS, y, 1)[0])
        return Trend("odi", slope, slope, slope, unit, verdict_for_exact(slope), len(scores), *values)
    interval = fit.interval("trend")
    return Trend("odi", interval.estimate, interval.low, interval.high, unit, verdict_for(interval),
                 len(scores), *values)  # fmt: skip


def verdict_for_exact(slope: float) -> str:
    return "unclear" if slope == 0 else "worse" if slope > 0 else "better"


@dataclass(frozen=True)
class Restart:
    """Morning leg pain before and after running was (re)introduced after a break."""

    restart_day: dt.date | None
    days_before: int
    days_after: int
    mean_before: float | None
    mean_after: float | None
    estimate: float | None  # change in level at the restart, allowing for the trend
    ci_low: float | None
    ci_high: float | None
    verdict: str
    missing: str = ""
    outcome: str = "leg_pain"
    unit: str = "points (0–10), change in level when running restarted, allowing for the trend"

    def to_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "restart_day": self.restart_day.isoformat() if self.restart_day else None,
            "days_before": self.days_before,
            "days_after": self.days_after,
            "mean_before": _r(self.mean_before),
            "mean_after": _r(self.mean_after),
            "estimate": _r(self.estimate),
            "ci_low": _r(self.ci_low),
            "ci_high": _r(self.ci_high),
            "unit": self.unit,
            "verdict": self.verdict,
            "missing": self.missing or None,
        }


def running_restart(frame: pd.DataFrame, column: str = "leg_pain") -> Restart:
    """Compare the run-free stretch before the latest (re)start of running with the time after it.

    A (re)start is a run after at least 14 days without one (or the first run, if the diary began
    earlier). The level change at the restart is estimated with the trend and AR(1) errors, so a
    recovery already under way is not credited to running.
    """
    import numpy as np

    run_days = list(frame.index[frame["run_minutes"] > 0])
    if not run_days:
        return Restart(None, 0, 0, None, None, None, None, None, "insufficient_data",
                       "No runs in your diary yet", column)  # fmt: skip
    starts = []  # (break start, restart day)
    previous = None
    for day in run_days:
        break_start = frame.index[0] if previous is None else previous + _one_day()
        if (day - break_start).days >= MIN_BREAK_DAYS:
            starts.append((break_start, day))
        previous = day
    if not starts:
        return Restart(None, 0, 0, None, None, None, None, None, "insufficient_data",
                       f"Running was never paused for {MIN_BREAK_DAYS} days or more in your diary, "
                       "so there is no before and after to compare", column)  # fmt: skip
    outcome = frame[column]
    chosen = None
    for break_start, restart in reversed(starts):
        if outcome.loc[break_start : restart - _one_day()].notna().sum() >= MIN_SIDE_DAYS:
            chosen = (break_start, restart)
            break
    if chosen is None:
        break_start, restart = starts[-1]
        before = int(outcome.loc[break_start : restart - _one_day()].notna().sum())
        return Restart(restart.date(), before, 0, None, None, None, None, None, "insufficient_data",
                       f"Too few check-ins before running restarted: {before} of the {MIN_SIDE_DAYS} needed",
                       column)  # fmt: skip
    break_start, restart = chosen
    later_breaks = [s for s, r in starts if r > restart]
    end = later_breaks[0] - _one_day() if later_breaks else frame.index[-1]
    window = outcome.loc[break_start:end]
    after = (window.index > restart).astype(float)  # the first morning after the first run onwards
    y = window.to_numpy(dtype=float)
    before_values = y[(after == 0) & np.isfinite(y)]
    after_values = y[(after == 1) & np.isfinite(y)]
    means = (
        float(before_values.mean()) if len(before_values) else None,
        float(after_values.mean()) if len(after_values) else None,
    )
    counts = (len(before_values), len(after_values))
    if counts[1] < MIN_SIDE_DAYS:
        return Restart(restart.date(), *counts, *means, None, None, None, "insufficient_data",
                       f"Not enough days since running restarted: {counts[1]} of the {MIN_SIDE_DAYS} needed",
                       column)  # fmt: skip
    fit = fit_with_ar1_errors(y, {"after": np.asarray(after)}) if np.nanstd(y) > 0 else None
    if fit is None:
        return Restart(restart.date(), *counts, *means, None, None, None, "insufficient_data",
                       "The model could not be fitted to these days", column)  # fmt: skip
    interval = fit.interval("after")
    return Restart(restart.date(), *counts, *means, interval.estimate, interval.low, interval.high,
                   verdict_for(interval), "", column)  # fmt: skip


def _one_day() -> pd.Timedelta:
    import pandas as pd

    return pd.Timedelta(days=1)


def weeks_after_more_running(frame: pd.DataFrame) -> Effect:
    """Were weeks with more running followed by better or worse weeks?

    Next week's mean leg pain on this week's running hours, this week's mean leg pain and the week number
    (least squares over pairs of consecutive weeks with at least 4 check-ins each).
    """
    import numpy as np

    unit = "points (0–10) of the following week's average leg pain per extra hour of running in a week"
    weeks = weekly_summary(frame)
    good = weeks[weeks["checkin_days"] >= MIN_WEEK_CHECKINS]
    pairs = [(week, week + _one_day() * 7) for week in good.index if week + _one_day() * 7 in good.index]
    n = len(pairs)
    ran = sum(1 for week, _ in pairs if good.loc[week, "run_minutes"] > 0)

    def insufficient(missing: str) -> Effect:
        return Effect("weekly_run_minutes", "leg_pain_next_week", 7, None, None, None, unit,
                      "insufficient_data", n, ran, missing)  # fmt: skip

    if n < MIN_WEEK_PAIRS:
        return insufficient(
            f"Not enough pairs of weeks with 4+ check-ins yet: {n} of the {MIN_WEEK_PAIRS} needed"
        )
    hours = np.array([good.loc[w, "run_minutes"] / 60.0 for w, _ in pairs])
    if np.ptp(hours) == 0:
        return insufficient("Every week had the same amount of running, so there is nothing to compare")
    this_week = np.array([good.loc[w, "leg_pain"] for w, _ in pairs])
    next_week = np.array([good.loc[nxt, "leg_pain"] for _, nxt in pairs])
    week_number = np.array([(w - pairs[0][0]).days / TREND_DAYS for w, _ in pairs])
    fit = fit_least_squares(next_week, {"hours": hours, "this_week": this_week, "trend": week_number})
    if fit is None:
        return insufficient("The model could not be fitted to these weeks")
    interval = fit.interval("hours")
    return Effect("weekly_run_minutes", "leg_pain_next_week", 7, interval.estimate, interval.low,
                  interval.high, unit, verdict_for(interval), n, ran, p_value=interval.p_value)  # fmt: skip


@dataclass(frozen=True)
class DayGroup:
    day_type: str  # run | low_impact | rest
    days: int  # days of this type followed by a check-in
    mean: float | None


@dataclass(frozen=True)
class Difference:
    day_type: str
    versus: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str
    missing: str = ""


@dataclass(frozen=True)
class DayTypeComparison:
    """Next-morning outcome after run days, low-impact days and rest days, side by side."""

    outcome: str
    groups: tuple[DayGroup, ...]
    differences: tuple[Difference, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "groups": [{"day_type": g.day_type, "days": g.days, "mean": _r(g.mean)} for g in self.groups],
            "differences": [
                {
                    "day_type": d.day_type,
                    "versus": d.versus,
                    "estimate": _r(d.estimate),
                    "ci_low": _r(d.ci_low),
                    "ci_high": _r(d.ci_high),
                    "verdict": d.verdict,
                    "missing": d.missing or None,
                }
                for d in self.differences
            ],
        }


def compare_day_types(frame: pd.DataFrame, outcome: str) -> DayTypeComparison:
    """Means per day type, and run and low-impact days against rest days (trend and AR(1) errors)."""
    import numpy as np

    kinds = day_types(frame)
    y_all = frame[outcome]
    observed = y_all.notna()
    groups = tuple(
        DayGroup(kind, int((observed & (kinds == kind)).sum()),
                 float(y_all[observed & (kinds == kind)].mean()) if (observed & (kinds == kind)).any() else None)
        for kind in ("run", "low_impact", "rest")
    )  # fmt: skip
    counts = {g.day_type: g.days for g in groups}
    total = sum(counts.values())

    def all_missing(missing: str) -> DayTypeComparison:
        diffs = tuple(Difference(k, "rest", None, None, None, "insufficient_data", missing)
                      for k in ("run", "low_impact"))  # fmt: skip
        return DayTypeComparison(outcome, groups, diffs)

    if total < MIN_DAYS:
        return all_missing(f"Not enough days yet: {total} of the {MIN_DAYS} needed")
    if counts["rest"] < MIN_EXPOSURE_DAYS:
        return all_missing(f"Not enough rest days followed by a check-in: {counts['rest']} of the "
                           f"{MIN_EXPOSURE_DAYS} needed")  # fmt: skip
    compared = [k for k in ("run", "low_impact") if counts[k] >= MIN_EXPOSURE_DAYS]
    window_index = frame.index[observed]
    window = slice(window_index[0], window_index[-1])
    y = y_all.loc[window].to_numpy(dtype=float).copy()
    kind_values = kinds.loc[window].to_numpy()
    # Days of a type too rare to compare are left out (their mornings treated as missing), not pooled.
    for k in ("run", "low_impact"):
        if k not in compared:
            y[kind_values == k] = np.nan
    regressors = {k: (kind_values == k).astype(float) for k in compared}
    fit = fit_with_ar1_errors(y, regressors) if compared and np.nanstd(y) > 0 else None
    differences = []
    for k in ("run", "low_impact"):
        if k not in compared:
            differences.append(Difference(k, "rest", None, None, None, "insufficient_data",
                                          f"Not enough {k.replace('_', '-')} days followed by a check-in: "
                                          f"{counts[k]} of the {MIN_EXPOSURE_DAYS} needed"))  # fmt: skip
        elif fit is None:
            differences.append(Difference(k, "rest", None, None, None, "insufficient_data",
                                          "The model could not be fitted to these days"))  # fmt: skip
        else:
            interval = fit.interval(k)
            differences.append(Difference(k, "rest", interval.estimate, interval.low, interval.high,
                                          verdict_for(interval)))  # fmt: skip
    return DayTypeComparison(outcome, groups, tuple(differences))
