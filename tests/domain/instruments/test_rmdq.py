"""Roland-Morris Disability Questionnaire against hand-computed examples (Roland & Morris, Spine 1983)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.instruments import INSTRUMENTS, score


def test_twenty_four_yes_no_items() -> None:
    rmdq = INSTRUMENTS["rmdq"]
    assert len(rmdq.items) == 24
    assert all(item.values == (0, 1) for item in rmdq.items)


def test_worked_examples() -> None:
    assert score("rmdq", [0] * 24).score == 0
    assert score("rmdq", [1] * 24).score == 24
    half = score("rmdq", [1, 0] * 12)
    assert (half.score, half.band, half.valid, half.answered, half.max) == (12, None, True, 24, 24)
    assert "12 of 24" in half.interpretation


def test_any_unanswered_item_is_not_scored() -> None:
    result = score("rmdq", [1] * 23 + [None])
    assert not result.valid
    assert result.score is None
    assert result.answered == 23
    assert result.reason is not None and "item 24" in result.reason


@given(st.lists(st.integers(0, 1), min_size=24, max_size=24))
def test_score_counts_the_yes_answers(answers: list[int]) -> None:
    result = score("rmdq", answers)
    assert result.valid and result.score == sum(answers)
    assert 0 <= result.score <= 24


@given(st.lists(st.integers(0, 1), min_size=24, max_size=24), st.integers(0, 23))
def test_raising_one_answer_never_lowers_the_score(answers: list[int], index: int) -> None:
    raised = list(answers)
    raised[index] = 1
    assert score("rmdq", raised).score >= score("rmdq", answers).score  # type: ignore[operator]
