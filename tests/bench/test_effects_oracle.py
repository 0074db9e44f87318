"""The oracle bench's pure parts (bench/effects_oracle.py): known-covariance GLS against closed forms, the
flare process's exact moments against the simulator, and the simulator's trace changing nothing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pytest

from strideback.domain.types import Sport

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import effects_oracle as oracle
from worlds import START, find_world, simulate_world


@pytest.mark.parametrize(("n", "phi"), [(5, 0.5), (40, 0.5), (12, -0.3), (30, 0.9)])
def test_gls_mean_of_an_ar1_has_the_closed_form_variance(n: int, phi: float) -> None:
    # The GLS mean of n days of a stationary AR(1) with variance s2: Var = s2 (1 + φ) / (n (1 − φ) + 2φ).
    s2 = 1.7
    cov = oracle.ar1_covariance(n, phi, s2)
    y = np.random.default_rng(1).normal(size=n)
    beta, var = oracle.gls(y, np.ones((n, 1)), cov)
    assert var[0, 0] == pytest.approx(s2 * (1 + phi) / (n * (1 - phi) + 2 * phi), rel=1e-10)
    weights = np.linalg.solve(cov, np.ones(n))
    assert beta[0] == pytest.approx(weights @ y / weights.sum(), rel=1e-10)


def test_gls_with_white_noise_is_least_squares_and_the_sum_has_its_variance() -> None:
    rng = np.random.default_rng(2)
    x = np.column_stack((rng.normal(size=20), rng.normal(size=20), np.ones(20)))
    y = x @ np.array([0.4, 0.6, 2.0]) + rng.normal(size=20)
    beta, cov = oracle.gls(y, x, 2.0 * np.eye(20))
    assert beta == pytest.approx(np.linalg.lstsq(x, y, rcond=None)[0], rel=1e-9)
    estimate, se = oracle.sum_with_se(beta, cov, (0, 1))
    inverse = 2.0 * np.linalg.inv(x.T @ x)
    assert estimate == pytest.approx(beta[0] + beta[1])
    assert se**2 == pytest.approx(inverse[0, 0] + inverse[1, 1] + 2 * inverse[0, 1], rel=1e-9)


def test_verdict_needs_the_whole_interval_on_one_side() -> None:
    assert oracle.verdict(1.0, 0.5) == "worse"
    assert oracle.verdict(-1.0, 0.5) == "better"
    assert oracle.verdict(0.9, 0.5) == "unclear"


def test_flare_moments_match_the_stationary_renewal_process() -> None:
    mean, cov = oracle.flare_moments(400)
    share = 5 / (5 + 29)  # flares last 5 days on average; 29 flare-free days on average before the next
    assert mean[0] == pytest.approx(2.5 / 30)  # the chain starts without a flare
    assert mean[-1] == pytest.approx(2.5 * share, rel=1e-6)
    assert cov[-1, -1] == pytest.approx(2.5**2 * share * (1 - share), rel=1e-6)
    assert np.allclose(cov, cov.T)


def test_flare_moments_match_the_simulated_flares() -> None:
    days, people = 25, 1500
    levels = np.empty((people, days))
    for i in range(people):
        trace: list = []
        simulate_world(find_world("flares"), days, 0.0, seed=i, trace=trace)
        levels[i] = [d.flare for d in trace]
    mean, cov = oracle.flare_moments(days)
    assert np.abs(levels.mean(axis=0) - mean).max() < 0.12  # about 4 Monte-Carlo SE
    assert np.abs(np.cov(levels.T)[20, 15:] - cov[20, 15:]).max() < 0.25


def test_the_trace_changes_nothing_and_holds_the_latent_pain() -> None:
    world = find_world("mnar30")
    plain = simulate_world(world, 60, 1.0, seed=7)
    trace: list = []
    traced = simulate_world(world, 60, 1.0, seed=7, trace=trace)
    assert traced == plain
    assert len(trace) == 60
    for checkin in plain[1]:
        latent = trace[(checkin.date - START).days].latent
        assert checkin.leg_pain == min(10, max(0, round(latent)))
    runs = {a.start.date(): a.duration_s / 60 for a in plain[0] if a.sport is Sport.RUN}
    for t, day in enumerate(trace):
        assert day.run_minutes == pytest.approx(runs.get(START + dt.timedelta(days=t), 0.0), abs=0.01)
