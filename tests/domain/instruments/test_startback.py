"""STarT Back against hand-computed examples at every band boundary (Hill et al., Arthritis Rheum 2008)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.instruments import INSTRUMENTS, score

answers_strategy = st.tuples(*[st.integers(0, 1)] * 8, st.integers(0, 4)).map(list)


def test_items_and_scales() -> None:
    startback = INSTRUMENTS["startback"]
    assert len(startback.items) == 9
    assert all(item.values == (0, 1) for item in startback.items[:8])
    assert [label for _, label in startback.items[8].options] == [
        "not at all",
        "slightly",
        "moderately",
        "very much",
        "extremely",
    ]


@pytest.mark.parametrize(
    ("answers", "total", "subscale", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 0, "low"),
        ([1, 1, 1, 0, 0, 0, 0, 0, 0], 3, 0, "low"),  # total 3: low
        ([0, 0, 0, 0, 1, 1, 1, 0, 0], 3, 3, "low"),  # total 3 with subscale 3: still low
        ([1, 0, 0, 0, 1, 1, 1, 0, 0], 4, 3, "medium"),  # total 4, subscale 3: medium
        ([1, 1, 1, 1, 0, 0, 0, 0, 2], 4, 0, "medium"),  # item 9 "moderately" adds nothing
        ([0, 0, 0, 0, 1, 1, 1, 1, 0], 4, 4, "high"),  # subscale 4: high
        ([0, 0, 0, 0, 1, 1, 1, 0, 3], 4, 4, "high"),  # item 9 "very much" adds 1
        ([0, 0, 0, 0, 1, 1, 1, 0, 4], 4, 4, "high"),  # item 9 "extremely" adds 1
        ([0, 0, 0, 0, 1, 1, 1, 0, 2], 3, 3, "low"),
        ([1, 1, 1, 1, 1, 1, 1, 0, 1], 7, 3, "medium"),
        ([1, 1, 1, 1, 1, 1, 1, 1, 4], 9, 5, "high"),
    ],
)
def test_worked_examples(answers: list[int], total: int, subscale: int, band: str) -> None:
    result = score("startback", answers)
    assert result.valid
    assert result.score == total
    assert result.subscale == subscale
    assert result.band == band
    assert result.max == 9


def test_any_missing_item_is_not_scored() -> None:
    result = score("startback", [1, 1, 1, 1, 1, 1, 1, 1, None])
    assert not result.valid and result.score is None and result.band is None
    assert result.reason is not None and "item 9" in result.reason


@given(answers_strategy)
def test_total_subscale_and_band_follow_the_rule(answers: list[int]) -> None:
    result = score("startback", answers)
    item9 = 1 if answers[8] >= 3 else 0
    total = sum(answers[:8]) + item9
    subscale = sum(answers[4:8]) + item9
    assert result.score == total and result.subscale == subscale
    assert 0 <= total <= 9 and 0 <= subscale <= 5
    expected = "low" if total <= 3 else "high" if subscale >= 4 else "medium"
    assert result.band == expected


@given(answers_strategy, st.integers(0, 8))
def test_raising_one_answer_never_lowers_score_or_band(answers: list[int], index: int) -> None:
    top = 4 if index == 8 else 1
    if answers[index] == top:
        return
    raised = list(answers)
    raised[index] += 1
    order = ("low", "medium", "high")
    before, after = score("startback", answers), score("startback", raised)
    assert after.score >= before.score  # type: ignore[operator]
    assert order.index(after.band) >= order.index(before.band)  # type: ignore[arg-type]
