"""The PDF's evidence words: short lines that never claim more than the 95% interval allows."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.effects import Effect
from strideback.domain.effects.long_term import Trend
from strideback.report.pdf_evidence import (
    clear_line,
    too_little_summary,
    trend_cells,
    unclear_summary,
)
from strideback.report.pdf_sections import split_repeated_notes
from strideback.services.report import Note


def effect(exposure: str, outcome: str, verdict: str, estimate=None, low=None, high=None, missing=None):
    # the engine's typed finding (issue #16: the faces read attributes, not JSON)
    return Effect(exposure, outcome, 1, estimate, low, high, "points (0–10) per 30 min of running", verdict,
                  60, 20, missing or "")  # fmt: skip


def trend(estimate=None, low=None, high=None, verdict="insufficient_data", missing=""):
    return Trend("leg_pain", estimate, low, high, "points per 4 weeks", verdict, 60, missing=missing)


def test_clear_line_is_short_and_says_the_interval():
    line = clear_line(effect("run_minutes", "leg_pain_next_morning", "worse", 0.75, 0.46, 1.04))
    assert line == "0.8 points higher (95% interval 0.5 to 1.0 higher)"
    reach = clear_line(effect("run_minutes", "reach_next_morning", "worse", 0.22, 0.08, 0.36))
    assert reach == "0.2 levels further down (95% interval 0.1 to 0.4 further down)"


def test_unclear_and_too_little_are_summed_up_by_outcome_and_by_exposure():
    effects = [
        effect("run_minutes", "leg_pain_next_morning", "worse", 0.8, 0.5, 1.0),
        effect("swim_minutes", "leg_pain_next_morning", "unclear", 0.2, -0.1, 0.6),
        effect("walk_minutes", "leg_pain_next_morning", "unclear", 0.1, -0.2, 0.5),
        effect("run_minutes", "back_pain_next_morning", "unclear", -0.1, -0.4, 0.2),
        effect("run_spike", "leg_pain_next_morning", "insufficient_data", missing="Only 3 of the 6 needed"),
        effect("run_spike", "reach_next_morning", "insufficient_data", missing="Only 3 of the 6 needed"),
    ]
    assert unclear_summary(effects) == "swimming, walking → leg pain; running → back pain"
    assert too_little_summary(effects) == "a run-spike day → leg pain, reach (only 3 of the 6 needed)"
    assert unclear_summary(effects[:1]) is None and too_little_summary(effects[:1]) is None


intervals = st.tuples(
    st.floats(min_value=-5, max_value=5, allow_nan=False),
    st.floats(min_value=-5, max_value=5, allow_nan=False),
).map(sorted)


@given(interval=intervals, outcome=st.sampled_from(["leg_pain_next_morning", "reach_next_morning"]))
def test_a_clear_line_names_only_the_side_the_interval_is_on(interval, outcome):
    low, high = interval
    if low <= 0 <= high:
        return  # not clear: no line of this kind is written
    estimate = (low + high) / 2
    line = clear_line(effect("run_minutes", outcome, "worse" if low > 0 else "better", estimate, low, high))
    up, down = ("further down", "less far down") if outcome.startswith("reach") else ("higher", "lower")
    said, unsaid = (up, down) if low > 0 else (down, up)
    assert said in line and unsaid not in line


@given(interval=intervals)
def test_a_trend_whose_interval_spans_zero_is_never_called_better_or_worse(interval):
    low, high = interval
    verdict = "unclear" if low <= 0 <= high else "worse" if low > 0 else "better"
    words, shown = trend_cells(trend((low + high) / 2, low, high, verdict))
    assert shown == verdict
    if verdict == "unclear":
        assert words.startswith("no clear trend")
    else:
        assert ("higher" if verdict == "worse" else "lower") in words.split(" per ")[0]


def test_a_trend_without_an_estimate_says_what_is_missing():
    words, shown = trend_cells(trend(missing="Only 9 days"))
    assert (words, shown) == ("Only 9 days", "too little data")


def test_session_notes_said_often_are_listed_once_and_check_in_notes_always_by_day():
    day = dt.date(2026, 3, 1)
    notes = [Note(day - dt.timedelta(days=n), "swim session", "easy lengths") for n in range(4)]
    notes += [Note(day, "run session", "felt strong"), Note(day, "check-in", "bad night")]
    notes += [Note(day - dt.timedelta(days=n), "check-in", "stiff") for n in range(1, 5)]
    repeated, listed = split_repeated_notes(notes)
    assert repeated == [("swim", "easy lengths", 4)]
    assert {(n.where, n.text) for n in listed} == {
        ("run session", "felt strong"),
        ("check-in", "bad night"),
        ("check-in", "stiff"),
    }
    assert len(listed) == 6
