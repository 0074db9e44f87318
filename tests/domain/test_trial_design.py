"""The trial's design: reproducible from the seed, one run per block, never two runs in a row, sealed."""

from __future__ import annotations

import datetime as dt
import itertools
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.trial.design import (
    BLOCK_DAYS,
    LOW_IMPACT,
    RUN,
    TrialDesign,
    allocation,
    allocations_until,
    check_weeks,
    count_schemes,
    key_from_seed,
    run_places,
    sample_schemes,
    scheme_probabilities,
)
from strideback.domain.types import InvalidValue

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "200"))
START = dt.date(2026, 3, 2)


def schedule(seed: int, weeks: int = 6) -> list[str]:
    design = TrialDesign(START, weeks)
    return list(allocations_until(design, key_from_seed(seed), design.end).values())


def test_same_seed_same_schedule_and_seeds_differ():
    assert schedule(7) == schedule(7)
    assert len({tuple(schedule(seed)) for seed in range(20)}) == 20


def test_day_by_day_derivation_matches_the_whole_schedule():
    design, key = TrialDesign(START, 6), key_from_seed(11)
    whole = allocations_until(design, key, design.end)
    assert [allocation(design, key, day) for day in whole] == list(whole.values())
    assert allocation(design, key, START - dt.timedelta(days=1)) is None
    assert allocation(design, key, design.end + dt.timedelta(days=1)) is None


def test_lengths():
    assert TrialDesign(START, 6).days_total == 42 and TrialDesign(START, 6).n_blocks == 14
    assert TrialDesign(START, 8).days_total == 57
    with pytest.raises(InvalidValue, match="weeks"):
        check_weeks(2)


@settings(max_examples=EXAMPLES, deadline=None)
@given(seed=st.integers(0, 2**40), weeks=st.integers(4, 16))
def test_balanced_within_blocks_and_no_runs_on_consecutive_days(seed: int, weeks: int):
    days = schedule(seed, weeks)
    for first in range(0, len(days), BLOCK_DAYS):
        assert days[first : first + BLOCK_DAYS].count(RUN) == 1  # one run, two low-impact, every block
    assert all(not (a == RUN and b == RUN) for a, b in itertools.pairwise(days))
    assert set(days) == {RUN, LOW_IMPACT}


def test_random_key_without_a_seed():
    assert key_from_seed(None) != key_from_seed(None)
    assert len(key_from_seed(None)) == 64


def test_scheme_enumeration_matches_the_count_and_sums_to_one():
    for blocks in range(1, 8):
        schemes = list(scheme_probabilities(blocks))
        assert len(schemes) == count_schemes(blocks)
        assert sum(p for _, p in schemes) == pytest.approx(1.0)
    assert count_schemes(2) == 8  # 3 × 3 minus the one pair (last place, then first place)


def test_the_key_draws_follow_the_design_distribution():
    """The places the HMAC draws give are spread as the enumerated design says (first block uniform)."""
    firsts = [run_places(key_from_seed(seed), 1)[0] for seed in range(3000)]
    shares = np.bincount(firsts, minlength=3) / len(firsts)
    assert np.allclose(shares, 1 / 3, atol=0.035)


def test_monte_carlo_sampler_follows_the_design():
    drawn = sample_schemes(2, 60_000, np.random.default_rng(1))
    counts: dict[tuple[int, int], int] = {}
    for row in map(tuple, drawn):
        counts[row] = counts.get(row, 0) + 1
    for scheme, probability in scheme_probabilities(2):
        assert counts.get(scheme, 0) / len(drawn) == pytest.approx(probability, abs=0.01)
    assert (2, 0) not in counts
