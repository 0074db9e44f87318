"""The trial's analysis: an exact randomisation test checked by hand, verdicts that never outrun the interval."""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.trial import analysis
from strideback.domain.trial.analysis import (
    TrialDay,
    adherence,
    as_allocated,
    as_done,
    block_estimates,
    randomization_p,
)
from strideback.domain.trial.answer import analyze_trial
from strideback.domain.trial.design import LOW_IMPACT, RUN, TrialDesign

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "100"))
START = dt.date(2026, 3, 2)


def test_one_block_by_hand():
    """Run at place 0 of [3, 0, 0]: difference 3; the other places give -1.5; 3 schemes of 1/3: p = 1/3."""
    grid = np.array([[3.0, 0.0, 0.0]])
    p, method = randomization_p(grid, [0])
    assert p == pytest.approx(1 / 3)
    assert method.startswith("exact, 3 schemes")


def test_two_blocks_by_hand():
    """8 schemes: after a block with its run last, the next run cannot be first (so 3 + 3 + 2).

    Outcomes [[3,0,0],[0,0,3]]: per block, the run's place gives 3 (the 3) or -1.5 (a 0).
    Scheme (first, second) → estimate, probability:
      (0,0) 0.75 1/9, (0,1) 0.75 1/9, (0,2) 3 1/9, (1,0) -1.5 1/9, (1,1) -1.5 1/9, (1,2) 0.75 1/9,
      (2,1) -1.5 1/6, (2,2) 0.75 1/6.
    Observed (0,2): only itself reaches |3| → p = 1/9.
    Observed (1,1): |−1.5| reached by (0,2), (1,0), (1,1), (2,1) → 1/9 + 1/9 + 1/9 + 1/6 = 1/2.
    """
    grid = np.array([[3.0, 0.0, 0.0], [0.0, 0.0, 3.0]])
    assert randomization_p(grid, [0, 2])[0] == pytest.approx(1 / 9)
    assert randomization_p(grid, [1, 1])[0] == pytest.approx(1 / 2)
    estimates = block_estimates(grid, np.array([[0, 0], [0, 2], [2, 1]]))
    assert estimates.tolist() == pytest.approx([0.75, 3.0, -1.5])


def test_missing_mornings_are_left_out_of_the_block():
    grid = np.array([[4.0, np.nan, 2.0]])
    assert block_estimates(grid, np.array([[0], [1], [2]])).tolist()[0] == pytest.approx(2.0)
    assert np.isnan(block_estimates(grid, np.array([[1]]))[0])


def test_monte_carlo_agrees_with_exact(monkeypatch):
    rng = np.random.default_rng(3)
    grid = rng.normal(3, 1, size=(7, 3))
    places = [0, 1, 2, 1, 0, 2, 1]
    exact, method = randomization_p(grid, places)
    assert method.startswith("exact")
    monkeypatch.setattr(analysis, "EXACT_LIMIT", 0)
    sampled, method = randomization_p(grid, places)
    assert method.startswith("Monte Carlo")
    assert sampled == pytest.approx(exact, abs=0.03)


def _days(places: list[int], outcomes: list[float], ran: list[bool] | None = None) -> list[TrialDay]:
    days = []
    for index, value in enumerate(outcomes):
        arm = RUN if places[index // 3] == index % 3 else LOW_IMPACT
        did = ran[index] if ran is not None else arm == RUN
        days.append(TrialDay(START + dt.timedelta(days=index), arm, did, False, value, value, 2.0))
    return days


def test_too_few_blocks_is_insufficient_data():
    places = [0, 1, 2, 1]
    estimate = as_allocated(_days(places, [3.0] * 12), places, "leg_pain_next_morning")
    assert estimate.verdict == "insufficient_data" and estimate.estimate is None


def test_a_clear_effect_is_found_and_said_with_its_interval():
    rng = np.random.default_rng(5)
    places = [int(p) for p in rng.integers(0, 2, size=14)]  # places 0/1 never break the rest rule
    arms = [RUN if places[i // 3] == i % 3 else LOW_IMPACT for i in range(42)]
    outcomes = [3 + 2.0 * (a == RUN) + rng.normal(0, 0.5) for a in arms]
    answer = analyze_trial(TrialDesign(START, 6), "completed", places, _days(places, outcomes))
    assert answer.verdict == "worse"
    assert answer.primary is not None and answer.primary.ci_low > 0
    assert answer.primary.p_randomization < 0.05
    data = answer.to_json()
    assert set(data) >= {
        "state", "n_days", "allocated", "adherence", "estimate", "ci_low", "ci_high", "p_randomization",
        "verdict", "bottom_line",
    }  # fmt: skip
    assert data["allocated"] == {"run": 14, "low_impact": 28}
    assert "higher after run days" in data["bottom_line"] and "certainty" in data["bottom_line"]
    assert any(item["item"].startswith("9 ") for item in data["cent"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    effect=st.sampled_from([0.0, 0.5, 1.0, -1.0]),
    blocks=st.integers(3, 12),
)
def test_verdict_never_outruns_its_interval(seed: int, effect: float, blocks: int):
    rng = np.random.default_rng(seed)
    places = [int(p) for p in rng.integers(0, 2, size=blocks)]
    arms = [RUN if places[i // 3] == i % 3 else LOW_IMPACT for i in range(blocks * 3)]
    outcomes = [float(np.clip(np.round(3 + effect * (a == RUN) + rng.normal()), 0, 10)) for a in arms]
    result = as_allocated(_days(places, outcomes), places, "leg_pain_next_morning")
    if result.verdict == "worse":
        assert result.ci_low > 0 and result.p_randomization < 0.05
    elif result.verdict == "better":
        assert result.ci_high < 0 and result.p_randomization < 0.05
    elif result.verdict == "unclear":
        assert result.ci_low <= 0 <= result.ci_high or result.p_randomization >= 0.05
    else:
        assert result.n < analysis.MIN_BLOCKS


def test_as_done_is_confounded_where_as_allocated_is_not():
    """Runs skipped on bad days: the as-done comparison flatters running; the allocated one does not."""
    rng = np.random.default_rng(8)
    places = [int(p) for p in rng.integers(0, 2, size=30)]
    arms = [RUN if places[i // 3] == i % 3 else LOW_IMPACT for i in range(90)]
    noise = rng.normal(0, 1, size=90)
    ran = [(a == RUN and n < 0.3) or (a == LOW_IMPACT and n < -1.0) for a, n in zip(arms, noise, strict=True)]
    outcomes = [3 + n for n in noise]  # running has no effect at all
    days = _days(places, outcomes, ran)
    assert as_done(days, "leg_pain_next_morning").verdict == "better"
    assert as_allocated(days, places, "leg_pain_next_morning").verdict == "unclear"
    kept = adherence(days)
    assert kept.settled_days == 90 and kept.not_followed == 90 - kept.followed
