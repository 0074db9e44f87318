"""Simulated diaries: seeded, valid and true to their parameters."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.domain.types import Sport

BASE = DiaryParameters(days=90)


def test_same_seed_same_diary_and_another_seed_another():
    assert simulate_diary(BASE, 7) == simulate_diary(BASE, 7)
    assert simulate_diary(BASE, 7).checkins != simulate_diary(BASE, 8).checkins


def test_running_starts_on_the_given_day_with_rest_days_between_runs():
    diary = simulate_diary(replace(BASE, running_starts_day=20, runs_per_week=3.5), 1)
    run_days = sorted(a.day for a in diary.activities if a.sport is Sport.RUN)
    assert run_days and run_days[0] >= BASE.start + dt.timedelta(days=20)
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(run_days))


def test_runs_per_week_and_missing_mornings_roughly_match():
    diary = simulate_diary(replace(BASE, days=700, runs_per_week=3.0, missing_share=0.2), 2)
    runs = sum(1 for a in diary.activities if a.sport is Sport.RUN)
    assert 2.6 <= runs / 100 <= 3.4
    assert 0.15 <= 1 - len(diary.checkins) / 700 <= 0.25


def test_pain_driven_running_skips_bad_mornings():
    diary = simulate_diary(
        replace(BASE, days=200, leg_pain_baseline=6, noise_sd=2, skip_run_when_leg_pain_at_least=7), 3
    )
    pain = {c.date: c.leg_pain for c in diary.checkins}
    assert all(pain.get(a.day, 0) < 7 for a in diary.activities if a.sport is Sport.RUN)


def test_questionnaires_every_four_weeks():
    diary = simulate_diary(replace(BASE, days=85, odi_every_days=28), 4)
    assert [q.date for q in diary.questionnaires] == [
        BASE.start + dt.timedelta(days=d) for d in (0, 28, 56, 84)
    ]
    assert all(q.score == 100 * sum(q.answers) / 50 for q in diary.questionnaires)  # Fairbank 2000


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        simulate_diary(replace(BASE, days=0), 1)
    with pytest.raises(ValueError):
        simulate_diary(replace(BASE, autocorrelation=1.0), 1)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(0, 10_000),
    st.floats(0, 3),
    st.floats(0, 0.9),
    st.floats(0, 7),
    st.floats(-5, 5),
)
def test_any_diary_is_valid(days, seed, noise, missing, runs, effect):
    params = replace(BASE, days=days, noise_sd=noise, missing_share=missing, runs_per_week=runs,
                     run_effect_leg=effect, missing_blocks=1)  # fmt: skip
    diary = simulate_diary(params, seed)
    dates = [c.date for c in diary.checkins]
    assert len(set(dates)) == len(dates)
    last = BASE.start + dt.timedelta(days=days - 1)
    assert all(BASE.start <= d <= last for d in dates)
    assert all(0 <= c.leg_pain <= 10 and 0 <= c.back_pain <= 10 for c in diary.checkins)
    assert all(a.start.tzinfo is not None and BASE.start <= a.day <= last for a in diary.activities)
    assert len({a.fingerprint for a in diary.activities}) == len(diary.activities)
