"""Sciatica Bothersomeness and Frequency Indices against hand-computed examples (Patrick, Spine 1995)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.instruments import INSTRUMENTS, score


@pytest.mark.parametrize("key", ["sbi", "sfi"])
def test_four_items_scored_0_to_6(key: str) -> None:
    instrument = INSTRUMENTS[key]
    assert len(instrument.items) == 4
    assert all(item.values == tuple(range(7)) for item in instrument.items)
    assert instrument.max_score == 24


@pytest.mark.parametrize("key", ["sbi", "sfi"])
def test_worked_examples(key: str) -> None:
    assert score(key, [6, 3, 0, 2]).score == 11
    assert score(key, [0, 0, 0, 0]).score == 0
    assert score(key, [6, 6, 6, 6]).score == 24
    assert score(key, [6, 3, 0, 2]).band is None


@pytest.mark.parametrize("key", ["sbi", "sfi"])
def test_missing_item_is_not_scored(key: str) -> None:
    result = score(key, [6, None, 0, 2])
    assert not result.valid and result.score is None and result.answered == 3
    assert result.reason is not None and "item 2" in result.reason


@given(
    st.sampled_from(["sbi", "sfi"]), st.lists(st.integers(0, 6), min_size=4, max_size=4), st.integers(0, 3)
)
def test_bounds_and_monotonicity(key: str, answers: list[int], index: int) -> None:
    result = score(key, answers)
    assert result.score == sum(answers) and 0 <= result.score <= 24
    if answers[index] < 6:
        raised = list(answers)
        raised[index] += 1
        assert score(key, raised).score == result.score + 1
