"""The registry, answer parsing, bad input, and the change rule for every instrument."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.instruments import (
    INSTRUMENTS,
    InvalidAnswer,
    Score,
    meaningful_change,
    parse_answers,
    score,
)
from strideback.domain.types import InvalidValue


def test_registry_holds_the_five_instruments_with_sources() -> None:
    assert set(INSTRUMENTS) == {"odi", "rmdq", "sbi", "sfi", "startback"}
    for key, instrument in INSTRUMENTS.items():
        assert instrument.key == key
        assert instrument.source and instrument.missing_rule and instrument.change_rule.description
        assert [item.number for item in instrument.items] == list(range(1, len(instrument.items) + 1))


@st.composite
def instrument_and_answers(draw: st.DrawFn) -> tuple[str, list[int | None]]:
    key = draw(st.sampled_from(sorted(INSTRUMENTS)))
    answers = [draw(st.one_of(st.none(), st.sampled_from(item.values))) for item in INSTRUMENTS[key].items]
    return key, answers


@given(instrument_and_answers())
def test_parse_round_trips_what_it_is_given(case: tuple[str, list[int | None]]) -> None:
    key, answers = case
    text = ",".join("-" if a is None else str(a) for a in answers)
    assert parse_answers(key, text) == answers
    assert parse_answers(key.upper(), text.replace(",", " , ")) == answers


@given(st.sampled_from(sorted(INSTRUMENTS)), st.text(max_size=60))
def test_parse_either_succeeds_or_names_the_problem(key: str, text: str) -> None:
    try:
        answers = parse_answers(key, text)
    except InvalidAnswer as error:
        assert error.allowed
    else:
        assert len(answers) == len(INSTRUMENTS[key].items)
        score(key, answers)


def test_value_off_the_scale_names_the_item_and_allowed_values() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        parse_answers("odi", "1,2,3,6,0,0,0,0,0,0")
    message = str(caught.value)
    assert "odi item 4" in message and "0, 1, 2, 3, 4, 5" in message


def test_startback_item_nine_allows_0_to_4() -> None:
    assert parse_answers("startback", "0,0,0,0,0,0,0,0,4")[8] == 4
    with pytest.raises(InvalidAnswer, match="startback item 9"):
        parse_answers("startback", "0,0,0,0,0,0,0,0,5")
    with pytest.raises(InvalidAnswer, match="startback item 1"):
        parse_answers("startback", "2,0,0,0,0,0,0,0,4")


@pytest.mark.parametrize("text", ["1,2,3", "1,,2,3", "a,b,c,d", "1.5,2,3,4", "-1,2,3,4", "١,2,3,4"])
def test_malformed_sbi_answers_are_refused(text: str) -> None:
    with pytest.raises(InvalidAnswer):
        parse_answers("sbi", text)


def test_wrong_count_names_the_expected_count() -> None:
    with pytest.raises(InvalidAnswer, match="24"):
        parse_answers("rmdq", "1,0,1")
    with pytest.raises(InvalidAnswer, match="10 answers"):
        score("odi", [1, 2])


def test_unknown_instrument_names_the_known_ones() -> None:
    with pytest.raises(InvalidAnswer, match="odi, rmdq, sbi, sfi, startback"):
        score("sf36", [1])
    with pytest.raises(InvalidValue):
        parse_answers("nope", "1")


@pytest.mark.parametrize("bad", [7, -1, True, 2.0, "3"])
def test_score_refuses_values_off_the_scale(bad: object) -> None:
    with pytest.raises(InvalidAnswer, match="sbi item 1"):
        score("sbi", [bad, 0, 0, 0])  # type: ignore[list-item]


def test_to_json_has_the_contract_shape() -> None:
    result = score("startback", [1, 1, 1, 1, 1, 0, 0, 0, 0]).to_json()
    assert set(result) == {"instrument", "score", "max", "band", "interpretation", "answered", "valid"}
    assert result["band"] == "medium" and result["score"] == 5


def _odi(percent: int) -> Score:
    """An ODI response scoring `percent` (a multiple of 2) with every section answered."""
    points = percent // 2
    answers = [min(5, max(0, points - 5 * i)) for i in range(10)]
    result = score("odi", answers)
    assert result.score == percent
    return result


@pytest.mark.parametrize(
    ("before", "after", "meaningful", "direction", "points", "percent"),
    [
        (40, 30, True, "better", -10.0, -25.0),  # 10 points
        (40, 32, False, "better", -8.0, -20.0),
        (20, 14, True, "better", -6.0, -30.0),  # exactly 30 %
        (20, 16, False, "better", -4.0, -20.0),
        (30, 40, True, "worse", 10.0, 33.3),
        (0, 8, False, "worse", 8.0, None),  # no percent from 0
        (36, 36, False, "same", 0.0, 0.0),
    ],
)
def test_odi_change_rule(
    before: int, after: int, meaningful: bool, direction: str, points: float, percent: float | None
) -> None:
    change = meaningful_change("odi", _odi(before), _odi(after))
    assert (change.meaningful, change.direction, change.points, change.percent) == (
        meaningful,
        direction,
        points,
        percent,
    )
    assert "Ostelo" in change.rule


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [(10, 6, True), (20, 16, False), (20, 15, True), (4, 3, False), (3, 2, True), (10, 15, True)],
)
def test_rmdq_change_rule(before: int, after: int, meaningful: bool) -> None:
    first = score("rmdq", [1] * before + [0] * (24 - before))
    second = score("rmdq", [1] * after + [0] * (24 - after))
    assert meaningful_change("rmdq", first, second).meaningful is meaningful


@pytest.mark.parametrize(
    ("key", "before", "after", "meaningful"),
    [("sbi", 12, 7, False), ("sbi", 12, 6, True), ("sfi", 12, 6, False), ("sfi", 12, 5, True)],
)
def test_sciatica_index_change_needs_more_than_measurement_error(
    key: str, before: int, after: int, meaningful: bool
) -> None:
    def response(total: int) -> Score:
        return score(key, [min(6, max(0, total - 6 * i)) for i in range(4)])

    change = meaningful_change(key, response(before), response(after))
    assert change.meaningful is meaningful
    assert "Grøvle" in change.rule


def test_startback_change_counts_a_change_of_risk_group() -> None:
    high = score("startback", [1, 0, 0, 0, 1, 1, 1, 1, 0])  # total 5, subscale 4
    medium_same_total = score("startback", [1, 1, 0, 0, 1, 1, 1, 0, 0])  # total 5, subscale 3
    medium_higher = score("startback", [1, 1, 1, 0, 1, 1, 1, 0, 0])  # total 6, subscale 3
    low = score("startback", [1, 1, 0, 0, 0, 0, 0, 0, 0])
    down = meaningful_change("startback", high, medium_same_total)
    assert (down.meaningful, down.direction, down.points) == (True, "better", 0.0)
    within = meaningful_change("startback", medium_same_total, medium_higher)
    assert (within.meaningful, within.direction) == (False, "worse")
    assert meaningful_change("startback", low, high).direction == "worse"


def test_change_refuses_invalid_or_mismatched_scores() -> None:
    valid = score("odi", [1] * 10)
    invalid = score("odi", [1] * 7 + [None] * 3)
    with pytest.raises(ValueError):
        meaningful_change("odi", valid, invalid)
    with pytest.raises(ValueError):
        meaningful_change("rmdq", valid, valid)


@given(instrument_and_answers(), instrument_and_answers())
def test_change_direction_matches_the_points(
    first: tuple[str, list[int | None]], second: tuple[str, list[int | None]]
) -> None:
    key = first[0]
    if second[0] != key:
        return
    before, after = score(key, first[1]), score(key, second[1])
    if not (before.valid and after.valid):
        return
    change = meaningful_change(key, before, after)
    assert before.score is not None and after.score is not None
    assert change.points == round(after.score - before.score, 1)
    rule = INSTRUMENTS[key].change_rule
    if rule.by_band:
        assert change.meaningful == (before.band != after.band)
    else:
        assert change.direction == (
            "better" if change.points < 0 else "worse" if change.points > 0 else "same"
        )
        big = abs(after.score - before.score) >= (rule.points or 0) - 1e-9
        relative = rule.percent is not None and before.score > 0 and change.percent is not None
        big_relative = (
            relative and abs(after.score - before.score) / before.score * 100 >= rule.percent - 1e-9
        )
        assert change.meaningful == (big or big_relative)
