"""Short-term effects: does what you did on day t change how the next morning feels?

For each exposure (running minutes, running load, minutes of each low-impact sport, a run-spike day) and
each next-morning outcome (leg pain, back pain, reach), the outcome on morning t+1 is regressed on the
exposure on day t, the other kinds of exercise that day, a time trend and AR(1) errors (see fitting.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strideback.domain.effects.fitting import Interval, fit_with_ar1_errors
from strideback.domain.effects.wording import exposure_words, outcome_words

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Issue #6 / DESIGN.md (N-of-1 effects): no verdict below 28 days with a next-morning outcome or with
# fewer than 6 days of the exposure (and 6 without it) followed by a check-in.
MIN_DAYS = 28
MIN_EXPOSURE_DAYS = 6

VERDICTS = ("worse", "better", "unclear", "insufficient_data")


@dataclass(frozen=True)
class Exposure:
    name: str
    column: str
    per: float  # the estimate is per this many of the column's units
    adjust_for: tuple[str, ...]  # other columns held fixed

    @property
    def amount(self) -> str:  # "30 min of running"
        return exposure_words(self.name).amount

    @property
    def doing(self) -> str:  # "running", for sentences: "days with running"
        return exposure_words(self.name).doing


@dataclass(frozen=True)
class Outcome:
    name: str
    column: str

    @property
    def words(self) -> str:  # "leg pain"
        return outcome_words(self.name).words

    @property
    def scale(self) -> str:  # "points (0–10)"
        return outcome_words(self.name).scale


EXPOSURES = (
    Exposure("run_minutes", "run_minutes", 30.0, ("low_impact_minutes",)),
    Exposure("run_load", "run_load", 150.0, ("low_impact_minutes",)),
    Exposure("swim_minutes", "swim_minutes", 30.0, ("run_minutes", "*other")),
    Exposure("cycle_minutes", "cycle_minutes", 30.0, ("run_minutes", "*other")),
    Exposure("walk_minutes", "walk_minutes", 30.0, ("run_minutes", "*other")),
    Exposure("run_spike", "run_spike", 1.0, ("run_minutes", "low_impact_minutes")),
)
OUTCOMES = (
    Outcome("leg_pain_next_morning", "leg_pain_next_morning"),
    Outcome("back_pain_next_morning", "back_pain_next_morning"),
    Outcome("reach_next_morning", "reach_next_morning"),
)


@dataclass(frozen=True)
class Effect:
    exposure: str
    outcome: str
    lag_days: int
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    unit: str
    verdict: str
    days_used: int
    exposure_days: int
    missing: str = ""  # what is missing, for insufficient_data
    p_value: float | None = None  # two-sided, against no effect
    p_adjusted: float | None = None  # after the multiplicity correction (Holm 1979), exploratory links

    def to_json(self) -> dict[str, object]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)  # 3 places, so one-decimal readings match the sentences

        return {
            "exposure": self.exposure,
            "outcome": self.outcome,
            "lag_days": self.lag_days,
            "estimate": r(self.estimate),
            "ci_low": r(self.ci_low),
            "ci_high": r(self.ci_high),
            "unit": self.unit,
            "verdict": self.verdict,
            "days_used": self.days_used,
            "exposure_days": self.exposure_days,
            "missing": self.missing or None,
            "p_value": None if self.p_value is None else round(self.p_value, 4),
            "p_adjusted": None if self.p_adjusted is None else round(self.p_adjusted, 4),
        }


def verdict_for(interval: Interval) -> str:
    """Higher pain or further reach is worse; an interval that spans zero is unclear."""
    if interval.spans_zero:
        return "unclear"
    return "worse" if interval.low > 0 else "better"


def short_term_effects(frame: pd.DataFrame) -> list[Effect]:
    return [estimate_effect(frame, exposure, outcome) for outcome in OUTCOMES for exposure in EXPOSURES]


def find_exposure(name: str) -> Exposure:
    return next(e for e in EXPOSURES if e.name == name)


def find_outcome(name: str) -> Outcome:
    return next(o for o in OUTCOMES if o.name == name)


def estimate_effect(frame: pd.DataFrame, exposure: Exposure, outcome: Outcome) -> Effect:
    """The effect of `exposure` on day t on `outcome` the next morning, with its 95% interval and verdict."""
    import numpy as np

    unit = f"{outcome.scale} per {exposure.amount}"
    window = _fit_window(frame, outcome.column)
    y = window[outcome.column].to_numpy(dtype=float) if window is not None else np.array([])
    x = window[exposure.column].to_numpy(dtype=float) if window is not None else np.array([])
    observed = np.isfinite(y)
    days_used = int(observed.sum())
    with_exposure = int(((x > 0) & observed).sum())
    without_exposure = days_used - with_exposure

    def insufficient(missing: str) -> Effect:
        return Effect(exposure.name, outcome.name, 1, None, None, None, unit, "insufficient_data",
                      days_used, with_exposure, missing)  # fmt: skip

    if days_used < MIN_DAYS:
        return insufficient(f"Not enough days yet: {days_used} of the {MIN_DAYS} needed")
    if with_exposure < MIN_EXPOSURE_DAYS:
        return insufficient(
            f"Not enough days with {exposure.doing} followed by a check-in yet: "
            f"{with_exposure} of the {MIN_EXPOSURE_DAYS} needed"
        )
    if without_exposure < MIN_EXPOSURE_DAYS:
        return insufficient(
            f"Too few days without {exposure.doing} to compare with: "
            f"{without_exposure} of the {MIN_EXPOSURE_DAYS} needed"
        )
    if np.nanstd(y) == 0:
        return insufficient(
            f"Your {outcome.words} was the same every morning, so there is nothing to compare"
        )
    assert window is not None
    regressors = {"exposure": x / exposure.per}
    for column in exposure.adjust_for:
        values = _adjuster(window, exposure, column)
        if np.ptp(values[observed]) > 0:
            regressors[column] = values / 30.0
    regressors.update(weekday_terms(window.index, observed))
    fit = fit_with_ar1_errors(y, regressors)
    if fit is None:
        return insufficient("The model could not be fitted to these days")
    interval = fit.interval("exposure")
    return Effect(exposure.name, outcome.name, 1, interval.estimate, interval.low, interval.high, unit,
                  verdict_for(interval), days_used, with_exposure, p_value=interval.p_value)  # fmt: skip


def weekday_terms(index: pd.DatetimeIndex, observed: Any) -> dict[str, object]:
    """Day-of-week indicators of the outcome morning (Monday is the reference), issue #12.

    A weekly routine (runs at the weekend, sitting at work on weekdays) moves pain and running together;
    these terms compare a morning only with mornings on the same weekday. Weekdays never observed are left out.
    """
    import numpy as np

    weekday = (np.asarray(index.day_of_week) + 1) % 7  # the next morning's weekday
    terms: dict[str, object] = {}
    if int(observed.sum()) < 3 * 7:  # under three weeks a weekday term would rest on one or two mornings
        return terms
    for day in range(1, 7):
        column = (weekday == day).astype(float)
        if 0 < column[observed].sum() < observed.sum():
            terms[f"weekday_{day}"] = column
    return terms


def _adjuster(window: pd.DataFrame, exposure: Exposure, column: str) -> np.ndarray:
    # "*other": low-impact minutes other than this exposure's sport
    other = window["low_impact_minutes"] - window[exposure.column] if column == "*other" else None
    adjuster: np.ndarray = (window[column] if other is None else other).to_numpy(dtype=float)
    return adjuster


def _fit_window(frame: pd.DataFrame, column: str) -> pd.DataFrame | None:
    """Rows from the first to the last day whose next-morning outcome is known (inner gaps stay missing)."""
    observed = frame.index[frame[column].notna()]
    if len(observed) == 0:
        return None
    return frame.loc[observed[0] : observed[-1]]
