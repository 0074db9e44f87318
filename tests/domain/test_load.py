"""Training load: Foster 2001 session load, Williams 2017 EWMA, Frandsen 2025 run spikes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.load import (
    DEFAULT_RPE,
    RATIO_CAVEAT,
    daily_loads,
    ewma,
    ewma_lambda,
    run_spikes,
    session_load,
    summarize_load,
)
from strideback.domain.types import Activity, Sport

TZ = dt.UTC
D = dt.date(2026, 3, 10)


def act(
    day: dt.date, sport: Sport = Sport.RUN, minutes: float | None = None, km: float | None = None, rpe=None
):
    minutes = minutes if minutes is not None else max(30.0, (km or 0) * 6)  # 10 km/h
    start = dt.datetime.combine(day, dt.time(7, 0), tzinfo=TZ)
    distance = None if km is None else km * 1000
    return Activity(sport=sport, start=start, duration_s=minutes * 60, distance_m=distance, rpe=rpe)


def test_session_load_is_rpe_times_minutes() -> None:
    load = session_load(act(D, minutes=40, rpe=5))
    assert load.load == pytest.approx(200)
    assert not load.estimated


def test_missing_rpe_is_defaulted_per_sport_and_flagged() -> None:
    load = session_load(act(D, sport=Sport.SWIM, minutes=20))
    assert load.estimated
    assert load.rpe == DEFAULT_RPE[Sport.SWIM]
    assert load.load == pytest.approx(20 * DEFAULT_RPE[Sport.SWIM])


def test_every_sport_has_a_default_rpe() -> None:
    assert set(DEFAULT_RPE) == set(Sport)


def test_ewma_lambda_williams() -> None:
    assert ewma_lambda(7) == pytest.approx(0.25)
    assert ewma_lambda(28) == pytest.approx(2 / 29)


def test_ewma_worked_example() -> None:
    assert ewma([100, 0, 0], 7) == pytest.approx([25.0, 18.75, 14.0625])


@given(st.floats(0, 1000), st.integers(1, 60))
def test_ewma_of_a_constant_load_approaches_it_from_below(load: float, days: int) -> None:
    series = ewma([load] * 200, days)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(series))
    assert series[-1] <= load + 1e-9
    if days <= 28:
        assert series[-1] == pytest.approx(load, rel=1e-3, abs=1e-6)


def test_daily_loads_keep_running_and_other_apart() -> None:
    activities = [
        act(D, minutes=30, rpe=4),
        act(D, sport=Sport.CYCLE, minutes=60, rpe=3),
        act(D + dt.timedelta(days=2), minutes=10, rpe=5),
        act(D + dt.timedelta(days=9), minutes=10, rpe=5),  # outside the range
    ]
    running, other = daily_loads(activities, D, D + dt.timedelta(days=3))
    assert running == [120, 0, 50, 0]
    assert other == [180, 0, 0, 0]


def test_spike_above_110_percent_of_longest_in_30_days() -> None:
    earlier = [act(D - dt.timedelta(days=20), km=5.0), act(D - dt.timedelta(days=10), km=4.0)]
    assert [s.day for s in run_spikes([*earlier, act(D, km=5.6)])] == [D]
    assert run_spikes([*earlier, act(D, km=5.5)]) == []  # exactly 110% is not a spike
    [spike] = run_spikes([*earlier, act(D, km=6.0)])
    assert spike.ratio == pytest.approx(1.2)
    assert "more than 10% longer" in spike.message


def test_spike_ignores_runs_older_than_30_days_and_other_sports() -> None:
    old = act(D - dt.timedelta(days=31), km=10.0)
    recent = act(D - dt.timedelta(days=5), km=3.0)
    walk = act(D - dt.timedelta(days=2), sport=Sport.WALK, km=3.5, minutes=60)
    assert [s.longest_before_km for s in run_spikes([old, recent, walk, act(D, km=4.0)])] == [3.0]


def test_no_spike_without_an_earlier_run() -> None:
    assert run_spikes([act(D, km=10.0)]) == []


@given(st.floats(1.0, 20.0), st.floats(0.5, 30.0))
def test_spike_iff_more_than_110_percent(longest: float, distance: float) -> None:
    spikes = run_spikes([act(D - dt.timedelta(days=3), km=longest), act(D, km=distance)])
    assert bool(spikes) == (distance * 1000 > 1.1 * longest * 1000)


def test_summary_weekly_distance_change_and_caveat() -> None:
    activities = [
        act(D - dt.timedelta(days=10), km=4.0, rpe=4),
        act(D - dt.timedelta(days=8), km=4.0, rpe=4),
        act(D - dt.timedelta(days=3), km=5.0, rpe=4),
        act(D - dt.timedelta(days=1), km=5.0),
        act(D + dt.timedelta(days=1), km=50.0),  # after the day: ignored
    ]
    summary = summarize_load(activities, D)
    assert summary.week_run_km == pytest.approx(10.0)
    assert summary.previous_week_run_km == pytest.approx(8.0)
    assert summary.week_run_change_pct == pytest.approx(25.0)
    assert summary.estimated_sessions == 1
    assert summary.ratio_running is not None and summary.ratio_running > 1  # load rose recently
    data = summary.to_json()
    assert data["ratio_caveat"] == RATIO_CAVEAT
    assert "Impellizzeri" in RATIO_CAVEAT
    assert [s["date"] for s in data["spikes"]] == [(D - dt.timedelta(days=3)).isoformat()]


def test_summary_without_activities() -> None:
    summary = summarize_load([], D)
    assert summary.ratio_running is None and summary.ratio_total is None
    assert summary.week_run_change_pct is None
    assert summary.spikes == ()
