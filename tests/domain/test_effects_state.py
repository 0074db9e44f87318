"""Issue #12 biases found by bench/effects_worlds.py, each reproduced on small simulated diaries with known answers.

The leg pain recorded just before a run (`pain_before`) is a change in the leg since the morning check-in.
Like any change in the leg, it carries into the following mornings (it is part of the state the AR(1)
errors carry). Held fixed only on the next morning, it left a bias on the second-morning lag whenever the
run's length was chosen by it (world "before": 13% false verdicts at 180 days).
"""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np

from strideback.domain.effects.primary import primary_effect
from strideback.domain.types import Activity, CheckIn, Reach, Sport

START = dt.date(2025, 1, 6)


def _diary_run_length_chosen_by_pain_before(seed: int, days: int = 150):
    """No effect of running. The leg changes during the day (a shock that carries on, φ = 0.5); the runner
    records it just before the run and runs long when the leg feels better than in the morning."""
    rng = random.Random(seed)
    u, shock = 0.0, 0.0
    activities: list[Activity] = []
    checkins: list[CheckIn] = []
    for t in range(days):
        day = START + dt.timedelta(days=t)
        u = 0.5 * u + 0.7 * shock + rng.gauss(0, 0.6)
        latent = 4.5 + u
        morning = min(10, max(0, round(latent)))
        if rng.random() < 0.9:
            checkins.append(CheckIn(day, 3, morning, Reach.KNEE))
        shock = rng.gauss(0, 1.0)
        if rng.random() < 3 / 7:
            before = min(10, max(0, round(latent + shock)))
            minutes = (45.0 if before < morning else 20.0) * rng.uniform(0.8, 1.2)
            start = dt.datetime.combine(day, dt.time(17, 30), tzinfo=dt.UTC)
            activities.append(
                Activity(Sport.RUN, start, round(minutes * 60), round(minutes / 6.2 * 1000, 1), rpe=5.0,
                         source="simulated", fingerprint=f"s:{seed}:{t}", pain_before=before)
            )  # fmt: skip
    return activities, checkins


def test_a_run_length_chosen_by_the_pain_before_it_is_not_mistaken_for_an_effect():
    found = [primary_effect(*_diary_run_length_chosen_by_pain_before(seed)) for seed in range(40)]
    assert all(p.adjusted_for_pain_before for p in found)
    estimates = np.array([p.estimate for p in found])
    # the truth is 0; the spread of one estimate is about 0.2, so the mean of 40 is within ±0.1
    assert abs(float(np.mean(estimates))) < 0.1, float(np.mean(estimates))
    lag2 = np.array([p.lag_effects[1].estimate for p in found])
    assert abs(float(np.mean(lag2))) < 0.08, float(np.mean(lag2))
    assert sum(p.verdict != "unclear" for p in found) <= 5
    assert math.isfinite(float(np.std(estimates)))


def _diary_near_the_floor(seed: int, days: int = 180):
    """No effect of running, runs on random days, leg pain near 0 (scores clipped at the floor). A pain
    before the run can only be recorded at 0 or above, so on run days it is on average above the morning's."""
    rng = random.Random(seed)
    u, shock = 0.0, 0.0
    activities: list[Activity] = []
    checkins: list[CheckIn] = []
    for t in range(days):
        day = START + dt.timedelta(days=t)
        u = 0.5 * u + 0.7 * shock + rng.gauss(0, 0.6)
        latent = 0.8 + u
        if rng.random() < 0.9:
            checkins.append(CheckIn(day, 3, min(10, max(0, round(latent))), Reach.BUTTOCK))
        shock = rng.gauss(0, 1.0)
        if rng.random() < 3 / 7:
            minutes = 30.0 * rng.uniform(0.6, 1.4)
            start = dt.datetime.combine(day, dt.time(17, 30), tzinfo=dt.UTC)
            activities.append(
                Activity(Sport.RUN, start, round(minutes * 60), round(minutes / 6.2 * 1000, 1), rpe=5.0,
                         source="simulated", fingerprint=f"f:{seed}:{t}",
                         pain_before=min(10, max(0, round(latent + shock))))
            )  # fmt: skip
    return activities, checkins


def test_near_the_floor_the_pain_before_is_not_mistaken_for_an_effect_of_running():
    # world "floor": the change since the morning is above 0 on average on run days, and its mean was taken
    # for a run-day effect (13% false verdicts at 180 days; here mean +0.11). Centring it on the run days
    # fixed this but made estimates noisier than their intervals in every world at 90 days. The bias comes
    # from mornings at 0, from which any later reading is an increase (censored): the change is now used
    # only from a morning above the floor (mean -0.02 here; a strict xfail until then).
    found = [primary_effect(*_diary_near_the_floor(seed)) for seed in range(40)]
    assert sum(p.adjusted_for_pain_before for p in found) >= 35
    mean = float(np.mean([p.estimate for p in found]))
    assert abs(mean) < 0.07, mean  # the spread of one estimate is about 0.17: the mean of 40 within ±0.07


def test_a_state_regressor_carries_on_with_the_fitted_autocorrelation():
    # Known answer: u_(t+1) = 0.6·u_t + 0.8·z_t + e, y = 2 + u + noise; z moves only the state.
    from strideback.domain.effects.fitting import fit_with_ar1_and_noise

    rng = np.random.default_rng(5)
    n = 400
    z = rng.normal(size=n)
    u = np.zeros(n)
    for t in range(1, n):
        u[t] = 0.6 * u[t - 1] + 0.8 * z[t - 1] + rng.normal(0, 0.5)
    y = 2.0 + u + rng.normal(0, 0.3, n)
    y[rng.random(n) < 0.1] = np.nan  # missing mornings are skipped, the state still carries across them
    # row t pairs day t's z with morning t+1, as the daily frame does
    fit = fit_with_ar1_and_noise(y[1:], {}, trend=False, state={"z": z[:-1]})
    assert fit is not None
    interval = fit.interval("z")
    assert interval.low <= 0.8 <= interval.high
    assert abs(fit.autocorrelation - 0.6) < 0.1


def test_the_kept_json_reads_back_into_the_same_analysis():
    # issue #16: one to_json, one from_json; a kept result says exactly what the fresh one said
    from strideback.domain.effects import Analysis, analyze

    activities, checkins = _diary_run_length_chosen_by_pain_before(3, days=120)
    analysis = analyze(activities, checkins)
    document = analysis.to_json()
    again = Analysis.from_json(document)
    assert again == analysis
    assert again.to_json() == document
    assert Analysis.from_json(analyze([], []).to_json()).to_json() == analyze([], []).to_json()


def test_the_state_filter_is_the_recursion_and_needs_no_scipy_signal():
    """Issue 17: `scipy.signal` (imported for one recursive filter) cost ~1 s of CPU in a cold report's
    analysis. The filter s_t = z_t + φ·s_(t−1) is computed without it, to the same numbers."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from strideback.domain.effects.fitting import carry_forward\n"
        "z = np.array([[1.0, 0.0], [0.5, 2.0], [0.0, -1.0], [np.nan, 1.0], [2.0, 0.0]])\n"
        "s = carry_forward(z, 0.6)\n"
        "want = np.zeros_like(z); prev = np.zeros(2)\n"
        "for t in range(len(z)):\n"
        "    prev = z[t] + 0.6 * prev; want[t] = prev\n"
        "assert np.allclose(s, want, equal_nan=True), (s, want)\n"
        "assert 'scipy.signal' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
