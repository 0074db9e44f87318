"""The primary (ANCOVA) statistic and its randomisation test, checked on cases enumerated by hand."""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.trial import analysis
from strideback.domain.trial.analysis import TrialDay, as_allocated, design_p
from strideback.domain.trial.ancova import adjusted_estimates, adjusted_statistic, arms_of, covariates
from strideback.domain.trial.design import LOW_IMPACT, RUN, scheme_probabilities

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "100"))
START = dt.date(2026, 3, 2)


def test_one_block_by_hand():
    """Mornings [3, 0, 0], fitted as intercept + trend + run day (three points, three parameters: exact fit).

    Run first: the two low-impact mornings fix the line (0, 0), so the run adds 3.
    Run second: the line through 3 and 0 two days apart falls 1.5 a day and meets 1.5 on day two, so
    the run adds 0 − 1.5 = −1.5.  Run third: the line through 3 then 0 falls 3 a day and meets −3, so +3.
    Each place has probability 1/3: observed first, |3| is reached by places 1 and 3: p = 2/3;
    observed second, every place reaches |−1.5|: p = 1.
    """
    statistic, _, _ = adjusted_statistic([3.0, 0.0, 0.0])
    assert statistic(np.array([[0], [1], [2]])).tolist() == pytest.approx([3.0, -1.5, 3.0])
    assert design_p(statistic, [0]) == (pytest.approx(2 / 3), "exact, 3 schemes")
    assert design_p(statistic, [1])[0] == pytest.approx(1.0)


# The eight schemes of two blocks and their probabilities under the design, written out by hand: three
# places in the first block; after a run on its last day the second block's run cannot be first.
HAND_SCHEMES = {
    (0, 0): 1 / 9, (0, 1): 1 / 9, (0, 2): 1 / 9,
    (1, 0): 1 / 9, (1, 1): 1 / 9, (1, 2): 1 / 9,
    (2, 1): 1 / 6, (2, 2): 1 / 6,
}  # fmt: skip


def _least_squares_effect(y: np.ndarray, scheme: tuple[int, ...]) -> float:
    """The allocation's coefficient, straight from a least-squares fit (independent of the module)."""
    days = len(y)
    z = np.zeros(days)
    for block, place in enumerate(scheme):
        z[3 * block + place] = 1.0
    design = np.column_stack([np.ones(days), np.arange(days), z])
    return float(np.linalg.lstsq(design, y, rcond=None)[0][-1])


@pytest.mark.parametrize("observed", list(HAND_SCHEMES))
def test_two_blocks_match_a_hand_enumeration(observed: tuple[int, int]):
    y = np.array([4.0, 2.0, 3.0, 5.0, 1.0, 3.0])
    assert dict(scheme_probabilities(2)) == pytest.approx(HAND_SCHEMES)
    effects = {scheme: _least_squares_effect(y, scheme) for scheme in HAND_SCHEMES}
    expected = sum(w for s, w in HAND_SCHEMES.items() if abs(effects[s]) >= abs(effects[observed]) - 1e-9)
    statistic, _, _ = adjusted_statistic(list(y))
    p, method = design_p(statistic, list(observed))
    assert p == pytest.approx(expected)
    assert method == "exact, 8 schemes"
    assert statistic(np.array([observed]))[0] == pytest.approx(effects[observed])


def test_a_missing_morning_is_left_out_of_the_fit():
    y = [4.0, None, 3.0, 5.0, 1.0, 3.0]
    statistic, kept, _ = adjusted_statistic(y)
    assert kept.tolist() == [4.0, 3.0, 5.0, 1.0, 3.0]
    days = [0, 2, 3, 4, 5]
    z = np.zeros(6)
    z[[0, 4]] = 1.0
    design = np.column_stack([np.ones(5), np.array(days, float), z[days]])
    expected = np.linalg.lstsq(design, np.array(kept), rcond=None)[0][-1]
    assert statistic(np.array([[0, 1]]))[0] == pytest.approx(expected)


def test_the_test_is_exact_under_the_sharp_null():
    """For any fixed mornings, the design's chance of drawing a scheme whose p is ≤ α is at most α."""
    rng = np.random.default_rng(11)
    schemes = list(scheme_probabilities(4))
    for _ in range(5):
        y = list(np.round(rng.normal(3, 1, size=12)))
        statistic, _, _ = adjusted_statistic(y)
        p_values = {s: design_p(statistic, list(s))[0] for s, _ in schemes}
        for alpha in (0.05, 0.1, 0.25, 0.5):
            assert sum(w for s, w in schemes if p_values[s] <= alpha + 1e-12) <= alpha + 1e-12


def test_a_slow_trend_is_not_mistaken_for_an_effect():
    """Pain settling from 7 to 2 over six weeks with no effect of running: the trend term takes it."""
    rng = np.random.default_rng(4)
    places = [int(p) for p in rng.integers(0, 2, size=14)]
    y = [7 - 5 * i / 41 for i in range(42)]
    days = _days(places, y)
    result = as_allocated(days, places, "leg_pain_next_morning")
    assert result.estimate == pytest.approx(0.0, abs=1e-9)
    assert result.verdict == "unclear"


def test_arms_of_places_one_run_per_block():
    arms = arms_of(np.array([[0, 2], [1, 1]]), 5)
    assert arms.tolist() == [[1, 0, 0, 0, 0], [0, 1, 0, 0, 1]]
    assert covariates(3)[:, 1].tolist() == pytest.approx([-1 / 3, 0.0, 1 / 3])
    assert np.isnan(adjusted_estimates(np.ones(3), covariates(3), np.zeros((1, 3))))[0]


def _days(places: list[int], outcomes: list[float]) -> list[TrialDay]:
    return [
        TrialDay(
            START + dt.timedelta(days=i),
            RUN if places[i // 3] == i % 3 else LOW_IMPACT,
            places[i // 3] == i % 3,
            False,
            value,
            value,
            2.0,
        )
        for i, value in enumerate(outcomes)
    ]


@settings(max_examples=EXAMPLES, deadline=None)
@given(seed=st.integers(0, 10_000), effect=st.sampled_from([0.0, 1.0, -1.5]), blocks=st.integers(5, 9))
def test_primary_and_sensitivity_agree_on_direction_when_both_are_clear(
    seed: int, effect: float, blocks: int
):
    rng = np.random.default_rng(seed)
    places = [int(p) for p in rng.integers(0, 2, size=blocks)]
    arms = [RUN if places[i // 3] == i % 3 else LOW_IMPACT for i in range(blocks * 3)]
    outcomes = [float(np.clip(np.round(3 + effect * (a == RUN) + rng.normal()), 0, 10)) for a in arms]
    days = _days(places, outcomes)
    primary = as_allocated(days, places, "leg_pain_next_morning")
    blocked = analysis.blocked(days, places, "leg_pain_next_morning")
    clear = {"worse", "better"}
    if primary.verdict in clear and blocked.verdict in clear:
        assert primary.verdict == blocked.verdict
    assert primary.method.startswith("ANCOVA") and "exact" in primary.method


def test_every_hand_scheme_is_reachable_by_the_sampler():
    from strideback.domain.trial.design import sample_schemes

    drawn = {tuple(row) for row in sample_schemes(2, 2000, np.random.default_rng(0))}
    assert drawn == set(HAND_SCHEMES)


def test_days_whose_morning_ruled_a_run_out_are_left_out_of_both_arms():
    """A day marked not eligible (its morning, before the draw, already ruled a run out) weighs exactly
    as a day whose next morning was never recorded: it is in neither arm, and the test re-draws the rest."""
    rng = np.random.default_rng(9)
    places = [int(p) for p in rng.integers(0, 2, size=8)]
    outcomes = [float(v) for v in np.round(rng.normal(3, 1, size=24))]
    ruled_out = {2, 7, 11, 18}
    days = [
        TrialDay(d.day, d.allocation, d.ran, d.safety_override, d.next_leg, d.next_back, d.next_reach,
                 eligible=i not in ruled_out)
        for i, d in enumerate(_days(places, outcomes))
    ]  # fmt: skip
    missing = [
        TrialDay(d.day, d.allocation, d.ran, False, None if i in ruled_out else d.next_leg, None, None)
        for i, d in enumerate(_days(places, outcomes))
    ]
    left_out = as_allocated(days, places, "leg_pain_next_morning")
    never_recorded = as_allocated(missing, places, "leg_pain_next_morning")
    assert left_out.estimate == pytest.approx(never_recorded.estimate)
    assert left_out.p_randomization == pytest.approx(never_recorded.p_randomization)
    assert left_out.estimate != pytest.approx(
        as_allocated(_days(places, outcomes), places, "leg_pain_next_morning").estimate
    )
