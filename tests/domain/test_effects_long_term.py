"""Long-term picture: trends, ODI, before/after running restarted, weeks, day types."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from strideback.domain.effects.frame import build_daily_frame
from strideback.domain.effects.long_term import (
    compare_day_types,
    odi_trend,
    pain_trend,
    running_restart,
    weeks_after_more_running,
)
from strideback.domain.effects.sentences import odi_change, restart_sentence, span, trend_sentence
from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.domain.types import QuestionnaireResponse

BASE = DiaryParameters(days=120, noise_sd=1.0, autocorrelation=0.5, missing_share=0.1, odi_every_days=None)


def frame_for(params: DiaryParameters, seed: int):
    diary = simulate_diary(params, seed)
    return build_daily_frame(diary.activities, diary.checkins)


def odi(day: int, score: float) -> QuestionnaireResponse:
    return QuestionnaireResponse("odi", dt.date(2025, 1, 1) + dt.timedelta(days=day), (0,) * 10, score)


def test_leg_pain_trend_finds_a_clear_recovery():
    trend = pain_trend(frame_for(replace(BASE, leg_pain_baseline=7, leg_pain_trend=-4.0), 2), "leg_pain")
    truth = -4.0 / 119 * 28  # points per 4 weeks
    assert trend.verdict == "better"
    assert trend.ci_low <= truth <= trend.ci_high
    assert trend.first_value > trend.last_value
    assert "fell" in trend_sentence(trend)


def test_flat_leg_pain_has_no_clear_trend():
    trend = pain_trend(frame_for(replace(BASE, leg_pain_trend=0.0), 4), "leg_pain")
    assert trend.verdict == "unclear"
    assert "no clear trend" in trend_sentence(trend)


def test_odi_trend_worked_example():
    # 40 → 30 → 20 four weeks apart: exactly 10 points better every 4 weeks; 20 points is meaningful.
    trend = odi_trend([odi(0, 40), odi(28, 30), odi(56, 20)])
    assert trend.estimate == pytest.approx(-10.0)
    assert trend.verdict == "better"
    assert trend.meaningful_change is True  # Ostelo 2008: ≥10 points or ≥30%


def test_odi_trend_with_scatter_has_an_interval():
    trend = odi_trend([odi(0, 40), odi(28, 36), odi(56, 38), odi(84, 30)])
    assert trend.ci_low < trend.estimate < trend.ci_high
    assert trend.meaningful_change is True  # 40 → 30 is 10 points
    assert odi_trend([odi(0, 30), odi(28, 26), odi(56, 28)]).meaningful_change is False


def test_odi_needs_three_scores():
    trend = odi_trend([odi(0, 40), odi(28, 20), QuestionnaireResponse("rmdq", dt.date(2025, 3, 1), (), 5.0)])
    assert trend.verdict == "insufficient_data"
    assert trend.missing == "Not enough ODI scores yet: 2 of the 3 needed"
    assert "It went from 40 to 20" in trend_sentence(trend) and "Ostelo" in odi_change(trend)


def test_restart_is_found_and_compared_with_an_interval():
    frame = frame_for(replace(BASE, running_starts_day=30, runs_per_week=3.0), 6)
    restart = running_restart(frame)
    first_run = frame.index[frame.run_minutes > 0][0].date()
    assert restart.restart_day == first_run
    assert restart.days_before >= 14 and restart.days_after >= 14
    assert restart.ci_low <= restart.estimate <= restart.ci_high
    assert restart.verdict in ("unclear", "worse", "better")
    assert "Since running restarted on" in restart_sentence(restart)


def test_no_break_in_running_gives_no_before_after():
    restart = running_restart(frame_for(replace(BASE, days=60, runs_per_week=3.5), 1))
    assert restart.verdict == "insufficient_data"
    assert "never paused" in restart.missing


def test_weeks_need_eight_pairs():
    effect = weeks_after_more_running(frame_for(replace(BASE, days=42), 1))
    assert effect.verdict == "insufficient_data"
    assert "of the 8 needed" in effect.missing
    longer = weeks_after_more_running(frame_for(replace(BASE, days=140, running_progression=True), 1))
    assert longer.lag_days == 7 and longer.estimate is not None
    assert longer.ci_low <= longer.estimate <= longer.ci_high


def test_day_types_side_by_side_find_harmful_runs():
    frame = frame_for(replace(BASE, run_effect_leg=1.5, runs_per_week=3.0, low_impact_per_week=2.5), 3)
    comparison = compare_day_types(frame, "leg_pain_next_morning")
    groups = {g.day_type: g for g in comparison.groups}
    assert sum(g.days for g in comparison.groups) == int(frame.leg_pain_next_morning.notna().sum())
    assert groups["run"].mean > groups["rest"].mean
    run_vs_rest = next(d for d in comparison.differences if d.day_type == "run")
    assert run_vs_rest.verdict == "worse"


def test_span_words():
    assert span(0.2, 1.0) == "0.2 to 1.0 higher"
    assert span(-1.0, -0.2) == "0.2 to 1.0 lower"
    assert span(-0.3, 0.5) == "0.3 lower to 0.5 higher"
