"""Evidence engine v2 (issue #12): lags 1–2, weekday terms, the primary question, Holm, the bottom line."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from strideback.domain.effects.engine import corrected
from strideback.domain.effects.frame import build_daily_frame
from strideback.domain.effects.multiplicity import benjamini_hochberg, holm
from strideback.domain.effects.primary import PrimaryEffect, primary_effect, primary_from_frame
from strideback.domain.effects.short_term import Effect, weekday_terms
from strideback.domain.effects.summary import DIARY_LIMIT, bottom_line
from strideback.domain.effects.window import DEFAULT_WINDOW_DAYS, analysis_window
from strideback.domain.simulate import DiaryParameters, simulate_diary

BASE = DiaryParameters(days=150, noise_sd=1.0, autocorrelation=0.5, missing_share=0.1, odi_every_days=None)


def test_an_effect_two_mornings_later_is_found_at_lag_2_not_lag_1():
    diary = simulate_diary(replace(BASE, run_effect_leg_lag2=1.5, rest_day_between_runs=False), seed=21)
    primary = primary_effect(diary.activities, diary.checkins)
    lag1, lag2 = primary.lag_effects
    assert (lag1.lag_days, lag2.lag_days) == (1, 2)
    assert lag2.verdict == "worse" and lag2.ci_low <= 1.5 <= lag2.ci_high
    assert lag1.ci_low <= 0.0 <= lag1.ci_high
    assert primary.lags == (1, 2)
    assert primary.verdict == "worse" and primary.ci_low <= 1.5 <= primary.ci_high
    assert primary.estimate == pytest.approx(lag1.estimate + lag2.estimate)


def test_the_cumulative_effect_adds_both_lags():
    params = replace(BASE, run_effect_leg=0.8, run_effect_leg_lag2=0.8, rest_day_between_runs=False)
    primary = primary_effect(*_diary(params, 5))
    assert primary.verdict == "worse" and primary.ci_low <= 1.6 <= primary.ci_high


def _diary(params: DiaryParameters, seed: int):
    diary = simulate_diary(params, seed)
    return diary.activities, diary.checkins


WEEKLY = replace(
    BASE,
    days=140,
    weekend_runs=True,
    rest_day_between_runs=False,
    low_impact_per_week=0.0,
    # workday sitting: mornings after Monday–Friday (Tuesday–Saturday) are 1.5 points worse
    weekday_leg_pain=(0.0, 1.5, 1.5, 1.5, 1.5, 1.5, 0.0),
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_weekly_routine_is_not_mistaken_for_running_helping(seed):
    frame = build_daily_frame(*_diary(WEEKLY, seed))
    ran = frame.run_minutes > 0
    observed = frame.leg_pain_next_morning.notna()
    naive = (
        frame.leg_pain_next_morning[ran & observed].mean()
        - frame.leg_pain_next_morning[~ran & observed].mean()
    )
    assert naive < -0.5  # mornings after (weekend) runs look much better
    primary = primary_from_frame(frame)
    assert primary.verdict == "unclear" and primary.ci_low <= 0.0 <= primary.ci_high


def test_a_weekly_routine_with_a_real_effect_is_estimated_whole():
    # The old engine halved such an effect (issue #12: +0.56 for +1); over a few people it is found whole.
    found = [
        primary_effect(*_diary(replace(WEEKLY, days=180, run_effect_leg=1.5), seed)) for seed in range(20, 28)
    ]
    assert all(p.verdict == "worse" for p in found)
    assert abs(np.mean([p.estimate for p in found]) - 1.5) < 0.35
    assert sum(p.ci_low <= 1.5 <= p.ci_high for p in found) >= 6


def test_weekday_terms_mark_the_next_mornings_weekday_monday_as_reference():
    index = pd_days(dt.date(2025, 1, 6), 28)  # a Monday
    terms = weekday_terms(index, np.ones(28, dtype=bool))
    assert sorted(terms) == [f"weekday_{d}" for d in range(1, 7)]
    # row 0 is Monday: its next morning is Tuesday (weekday 1)
    assert terms["weekday_1"][0] == 1.0 and sum(terms["weekday_1"]) == 4
    assert all(terms[f"weekday_{d}"][6] == 0.0 for d in range(1, 7))  # Sunday → Monday morning: reference
    assert weekday_terms(index[:14], np.ones(14, dtype=bool)) == {}  # under three weeks: none


def pd_days(start: dt.date, n: int):
    import pandas as pd

    return pd.date_range(pd.Timestamp(start), periods=n, freq="D")


def test_holm_and_benjamini_hochberg_by_hand():
    p = [0.01, 0.04, 0.03, 0.005]
    assert holm(p) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert holm([]) == [] and holm([0.7]) == [0.7]
    assert holm([0.5, 0.6]) == pytest.approx([1.0, 1.0])


def _effect(exposure: str, verdict: str, p: float | None, low: float, high: float) -> Effect:
    return Effect(
        exposure, "leg_pain_next_morning", 1, (low + high) / 2, low, high, "u", verdict, 60, 20, p_value=p
    )


def test_exploratory_verdicts_are_clear_only_after_holm():
    effects = (
        _effect("swim_minutes", "worse", 0.001, 0.5, 1.5),  # survives: 0.001 × 4 = 0.004
        _effect("walk_minutes", "better", 0.02, -1.0, -0.1),  # nominally clear, Holm 0.06: unclear
        _effect("cycle_minutes", "unclear", 0.4, -0.5, 0.6),
        _effect("run_spike", "unclear", 0.9, -0.9, 1.0),
        _effect("run_load", "insufficient_data", None, 0.0, 0.0),
    )
    result = corrected(effects)
    assert [e.verdict for e in result] == ["worse", "unclear", "unclear", "unclear", "insufficient_data"]
    assert result[1].p_adjusted == pytest.approx(0.06)
    assert result[4].p_adjusted is None
    for e in result:  # a verdict never outruns its interval
        if e.verdict in ("worse", "better"):
            assert e.ci_low > 0 or e.ci_high < 0


def _primary(verdict: str, estimate: float | None, low: float | None, high: float | None) -> PrimaryEffect:
    return PrimaryEffect(
        estimate, low, high, verdict, 0.5, 80, 40, (), missing="Not enough days yet: 12 of the 28 needed"
    )


@pytest.mark.parametrize(
    ("primary", "expected"),
    [
        (
            _primary("unclear", 0.1, -0.4, 0.6),
            "Over the last 90 days, mornings after running were about the same as other mornings (between 0.4 "
            "better and 0.6 worse per 30 minutes, 95% interval): no sign that your runs hurt.",
        ),
        (
            _primary("worse", 0.9, 0.3, 1.5),
            "Over the last 90 days, running was followed by more leg pain over the next two mornings: about 0.9 "
            "points worse per 30 minutes (95% interval 0.3 to 1.5 worse). Your runs seem to be hurting your leg "
            "at the moment.",
        ),
        (
            _primary("better", -0.7, -1.2, -0.2),
            "Over the last 90 days, running was followed by less leg pain over the next two mornings: about 0.7 "
            "points better per 30 minutes (95% interval 0.2 to 1.2 better). Your runs seem to help your leg.",
        ),
        (
            _primary("unclear", 0.4, -0.9, 1.7),
            "Over the last 90 days, the diary cannot yet tell whether running changes your leg pain: mornings "
            "after running could be anywhere from better to worse (between 0.9 better and 1.7 worse per 30 "
            "minutes, 95% interval). More mornings will narrow it.",
        ),
        (
            _primary("insufficient_data", None, None, None),
            "Not enough diary yet to say whether running helps or hurts your leg pain (not enough days yet: 12 of "
            "the 28 needed).",
        ),
    ],
)
def test_the_bottom_line_for_each_verdict(primary, expected):
    assert bottom_line(primary, 90) == expected


def test_the_diary_limit_points_to_the_personal_trial():
    assert "run on days you already feel good" in DIARY_LIMIT and "personal trial" in DIARY_LIMIT


def test_the_window_is_the_checkin_span_capped_at_a_year():
    last = dt.date(2026, 6, 30)
    days = [last - dt.timedelta(days=i) for i in range(500)]
    window = analysis_window(days)
    assert window.start == last - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    assert analysis_window(days, everything=True).start == days[-1] - dt.timedelta(days=2)
    since = dt.date(2026, 6, 1)
    assert analysis_window(days, since=since).start == since
    assert analysis_window([]).start is None
    short = analysis_window(days[:40])
    assert short.start == days[39] - dt.timedelta(days=2) and short.contains(last)
