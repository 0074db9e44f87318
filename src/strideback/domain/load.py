"""Training load: session load, daily series, EWMA acute/chronic load, weekly distance, run spikes.

Pure: takes activities, returns numbers with their caveats. Running and non-running load are
kept as separate series, since the question is how running (not all movement) affects the leg.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strideback.domain.dates import format_day
from strideback.domain.types import Activity, Sport

# Foster et al., J Strength Cond Res 2001: session load = session RPE (CR-10) × minutes.
# RPE assumed when missing: typical easy efforts per sport (our assumption, not from a source),
# always flagged as estimated.
DEFAULT_RPE: dict[Sport, float] = {
    Sport.RUN: 4.0,
    Sport.WALK: 2.0,
    Sport.CYCLE: 3.0,
    Sport.SWIM: 3.0,
    Sport.STRENGTH: 4.0,
    Sport.MOBILITY: 1.0,
    Sport.OTHER: 3.0,
}
# Williams et al., BJSM 2017: EWMA with λ = 2/(N+1), N = 7 days (acute) and 28 days (chronic).
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
# Frandsen et al., BJSM 2025: a run longer than 110% of the longest run in the previous 30 days is a spike.
SPIKE_RATIO = 1.10
SPIKE_LOOKBACK_DAYS = 30
# Impellizzeri et al., Sports Med 2020: the acute:chronic ratio does not predict injury well.
RATIO_CAVEAT = (
    "The acute:chronic load ratio is shown as context only: it has known statistical flaws and "
    "does not reliably predict injury (Impellizzeri, Sports Med 2020)."
)


def ewma_lambda(days: int) -> float:
    """Williams 2017: λ = 2 / (N + 1)."""
    return 2.0 / (days + 1)


@dataclass(frozen=True)
class SessionLoad:
    day: dt.date
    sport: Sport
    minutes: float
    rpe: float
    load: float
    estimated: bool


def session_load(activity: Activity) -> SessionLoad:
    """Foster 2001: RPE × minutes; RPE defaulted per sport when missing and flagged as estimated."""
    estimated = activity.rpe is None
    rpe = DEFAULT_RPE[activity.sport] if activity.rpe is None else float(activity.rpe)
    minutes = activity.minutes
    return SessionLoad(activity.day, activity.sport, minutes, rpe, rpe * minutes, estimated)


def daily_loads(
    activities: Iterable[Activity], first: dt.date, last: dt.date
) -> tuple[list[float], list[float]]:
    """Daily running and non-running load, one value per day from `first` to `last` inclusive."""
    n_days = (last - first).days + 1
    running = [0.0] * max(n_days, 0)
    other = [0.0] * max(n_days, 0)
    for activity in activities:
        index = (activity.day - first).days
        if 0 <= index < n_days:
            load = session_load(activity).load
            if activity.sport.is_running:
                running[index] += load
            else:
                other[index] += load
    return running, other


def ewma(values: Sequence[float], days: int) -> list[float]:
    """Williams 2017: EWMA_t = λ·load_t + (1 − λ)·EWMA_(t−1), starting from 0."""
    lam = ewma_lambda(days)
    out = []
    level = 0.0
    for value in values:
        level = lam * value + (1.0 - lam) * level
        out.append(level)
    return out


@dataclass(frozen=True)
class SpikeWarning:
    """Frandsen 2025: a run longer than 110% of the longest run in the previous 30 days."""

    day: dt.date
    distance_km: float
    longest_before_km: float

    @property
    def ratio(self) -> float:
        return self.distance_km / self.longest_before_km

    @property
    def message(self) -> str:
        return (
            f"The run on {format_day(self.day)} ({self.distance_km:.1f} km) was more than 10% longer than "
            f"your longest run in the 30 days before it ({self.longest_before_km:.1f} km)."
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "distance_km": round(self.distance_km, 2),
            "longest_before_km": round(self.longest_before_km, 2),
            "message": self.message,
        }


def run_spikes(activities: Iterable[Activity], since: dt.date | None = None) -> list[SpikeWarning]:
    """Every run (on or after `since`) longer than 110% of the longest run in the previous 30 days.

    A run with no earlier run in those 30 days has nothing to compare with and gives no warning.
    """
    runs = sorted(
        (a for a in activities if a.sport.is_running and a.distance_m),
        key=lambda a: a.start,
    )
    warnings = []
    for i, run in enumerate(runs):
        if since is not None and run.day < since:
            continue
        window_start = run.start - dt.timedelta(days=SPIKE_LOOKBACK_DAYS)
        longest = max(
            (r.distance_m or 0.0 for r in runs[:i] if r.start >= window_start and r.start < run.start),
            default=0.0,
        )
        distance = run.distance_m or 0.0
        if longest > 0 and distance > SPIKE_RATIO * longest:
            warnings.append(SpikeWarning(run.day, distance / 1000.0, longest / 1000.0))
    return warnings


@dataclass(frozen=True)
class LoadSummary:
    """Load as of the end of `day`. Ratios are None when the chronic load is zero."""

    day: dt.date
    acute_running: float
    chronic_running: float
    acute_total: float
    chronic_total: float
    week_run_km: float
    previous_week_run_km: float
    spikes: tuple[SpikeWarning, ...]
    sessions: int
    estimated_sessions: int

    @property
    def ratio_running(self) -> float | None:
        return self.acute_running / self.chronic_running if self.chronic_running > 0 else None

    @property
    def ratio_total(self) -> float | None:
        return self.acute_total / self.chronic_total if self.chronic_total > 0 else None

    @property
    def week_run_change_pct(self) -> float | None:
        """Change of this week's running distance against last week's, in percent."""
        if self.previous_week_run_km <= 0:
            return None
        return 100.0 * (self.week_run_km - self.previous_week_run_km) / self.previous_week_run_km

    def recent_spikes(self, days: int) -> list[SpikeWarning]:
        """Spikes within the last `days` days up to `day`."""
        first = self.day - dt.timedelta(days=days - 1)
        return [s for s in self.spikes if first <= s.day <= self.day]

    def to_json(self) -> dict[str, object]:
        def r(x: float | None, places: int = 1) -> float | None:
            return None if x is None else round(x, places)

        return {
            "acute_running": r(self.acute_running),
            "chronic_running": r(self.chronic_running),
            "ratio_running": r(self.ratio_running, 2),
            "acute_total": r(self.acute_total),
            "chronic_total": r(self.chronic_total),
            "ratio_total": r(self.ratio_total, 2),
            "week_run_km": r(self.week_run_km),
            "previous_week_run_km": r(self.previous_week_run_km),
            "week_run_change_pct": r(self.week_run_change_pct, 0),
            "spikes": [s.to_json() for s in self.spikes],
            "estimated_rpe_sessions": self.estimated_sessions,
            "ratio_caveat": RATIO_CAVEAT,
        }


def _run_km_between(activities: Sequence[Activity], first: dt.date, last: dt.date) -> float:
    return (
        sum((a.distance_m or 0.0) for a in activities if a.sport.is_running and first <= a.day <= last)
        / 1000.0
    )


def summarize_load(activities: Iterable[Activity], day: dt.date, history_days: int = 90) -> LoadSummary:
    """Load summary as of the end of `day`, from the `history_days` before it.

    90 days is enough for the chronic EWMA to forget its zero start ((1 − 2/29)^90 ≈ 0.2%).
    """
    first = day - dt.timedelta(days=history_days - 1)
    window = [a for a in activities if first <= a.day <= day]
    running, other = daily_loads(window, first, day)
    total = [r + o for r, o in zip(running, other, strict=True)]
    acute_running = ewma(running, ACUTE_DAYS)[-1] if running else 0.0
    chronic_running = ewma(running, CHRONIC_DAYS)[-1] if running else 0.0
    acute_total = ewma(total, ACUTE_DAYS)[-1] if total else 0.0
    chronic_total = ewma(total, CHRONIC_DAYS)[-1] if total else 0.0
    week_start = day - dt.timedelta(days=6)
    week_km = _run_km_between(window, week_start, day)
    previous_km = _run_km_between(window, day - dt.timedelta(days=13), day - dt.timedelta(days=7))
    spikes = run_spikes(window, since=day - dt.timedelta(days=13))
    recent = [a for a in window if a.day >= week_start]
    return LoadSummary(
        day=day,
        acute_running=acute_running,
        chronic_running=chronic_running,
        acute_total=acute_total,
        chronic_total=chronic_total,
        week_run_km=week_km,
        previous_week_run_km=previous_km,
        spikes=tuple(spikes),
        sessions=len(recent),
        estimated_sessions=sum(1 for a in recent if a.rpe is None),
    )
