"""The daily frame: one row per calendar day, what was done that day and how the morning felt.

Exposures are per day (minutes by sport, running load, a run-spike day). Outcomes come from that
morning's check-in and stay missing on days without one: nothing is filled in. The `*_next_morning`
columns hold the following morning's outcome, so that a row pairs what was done with how it felt after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from strideback.domain.load import run_spikes, session_load
from strideback.domain.types import Activity, CheckIn, Sport

if TYPE_CHECKING:
    import pandas as pd

# Low-impact sports analysed one by one (the walk-run plan's alternatives: swim, cycle, brisk walk).
LOW_IMPACT = {Sport.SWIM: "swim_minutes", Sport.CYCLE: "cycle_minutes", Sport.WALK: "walk_minutes"}
EXPOSURE_COLUMNS = (
    "run_minutes",
    "run_load",
    "run_km",
    "swim_minutes",
    "cycle_minutes",
    "walk_minutes",
    "low_impact_minutes",
    "other_minutes",
    "run_spike",
    "estimated_rpe_sessions",
    "run_pain_before",  # leg pain just before the day's run(s), 0–10; NaN without a run or without the value
)
OUTCOME_COLUMNS = ("leg_pain", "back_pain", "reach")


def build_daily_frame(activities: Iterable[Activity], checkins: Iterable[CheckIn]) -> pd.DataFrame:
    """One row per day from the first to the last recorded day (activity or check-in).

    Index: `day` (pandas Timestamps at midnight). Exposure columns are 0 on days without sessions;
    outcome columns (`leg_pain`, `back_pain`, `reach` 0–5) are NaN on days without a check-in.
    """
    import numpy as np
    import pandas as pd

    activities = list(activities)
    checkins = list(checkins)
    days = [a.day for a in activities] + [c.date for c in checkins]
    columns = [*EXPOSURE_COLUMNS, *OUTCOME_COLUMNS, *(f"{o}_next_morning" for o in OUTCOME_COLUMNS)]
    if not days:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="day"), dtype=float)
    first, last = min(days), max(days)
    index = pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="D", name="day")
    n = len(index)
    values = {name: np.zeros(n) for name in EXPOSURE_COLUMNS}
    values["run_pain_before"] = np.full(n, np.nan)
    for activity in activities:
        row = (activity.day - first).days
        load = session_load(activity)
        if activity.sport.is_running:
            values["run_minutes"][row] += activity.minutes
            values["run_load"][row] += load.load
            values["run_km"][row] += (activity.distance_m or 0.0) / 1000.0
            # the first run of the day with a value stands for the day
            if activity.pain_before is not None and np.isnan(values["run_pain_before"][row]):
                values["run_pain_before"][row] = activity.pain_before
        elif activity.sport in LOW_IMPACT:
            values[LOW_IMPACT[activity.sport]][row] += activity.minutes
            values["low_impact_minutes"][row] += activity.minutes
        else:
            values["other_minutes"][row] += activity.minutes
        values["estimated_rpe_sessions"][row] += load.estimated
    for spike in run_spikes(activities):
        values["run_spike"][(spike.day - first).days] = 1.0
    for name in OUTCOME_COLUMNS:
        values[name] = np.full(n, np.nan)
    for checkin in checkins:
        row = (checkin.date - first).days
        values["leg_pain"][row] = checkin.leg_pain
        values["back_pain"][row] = checkin.back_pain
        values["reach"][row] = checkin.reach.level
    frame = pd.DataFrame(values, index=index)
    for name in OUTCOME_COLUMNS:
        frame[f"{name}_next_morning"] = frame[name].shift(-1)
    return frame[columns]


def day_types(frame: pd.DataFrame) -> pd.Series:
    """`run` (any run), `low_impact` (swim, cycle or walk, no run) or `rest` (neither) per day."""
    import numpy as np
    import pandas as pd

    kinds = np.where(
        frame["run_minutes"] > 0, "run", np.where(frame["low_impact_minutes"] > 0, "low_impact", "rest")
    )
    return pd.Series(kinds, index=frame.index, name="day_type")


def weekly_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per calendar week (Monday to Sunday): mean leg and back pain, check-in days, minutes of exercise."""
    week_start = frame.index.to_period("W-SUN").start_time
    weeks = frame.groupby(week_start)
    summary = weeks[["leg_pain", "back_pain"]].mean()
    summary["checkin_days"] = weeks["leg_pain"].count()
    summary["days"] = weeks["run_minutes"].size()
    summary["run_minutes"] = weeks["run_minutes"].sum()
    summary["low_impact_minutes"] = weeks["low_impact_minutes"].sum()
    summary.index.name = "week_start"
    return summary


def exposure_days(values: Sequence[float]) -> int:
    return sum(1 for v in values if v > 0)
