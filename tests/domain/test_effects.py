"""Short-term effects on simulated diaries with known truths, and the analyze() contract."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from strideback.domain.effects import VERDICTS, analyze
from strideback.domain.effects.fitting import Interval
from strideback.domain.effects.frame import build_daily_frame
from strideback.domain.effects.short_term import (
    EXPOSURES,
    MIN_DAYS,
    OUTCOMES,
    estimate_effect,
    find_exposure,
    find_outcome,
    verdict_for,
)
from strideback.domain.simulate import DiaryParameters, simulate_diary

RUN = find_exposure("run_minutes")
LEG = find_outcome("leg_pain_next_morning")
TYPICAL = DiaryParameters(days=120, noise_sd=1.0, autocorrelation=0.5, missing_share=0.1, odi_every_days=None)


def run_effect_on_leg(params: DiaryParameters, seed: int):
    diary = simulate_diary(params, seed)
    return estimate_effect(build_daily_frame(diary.activities, diary.checkins), RUN, LEG)


def test_verdict_follows_the_interval():
    assert verdict_for(Interval(0.6, 0.2, 1.0)) == "worse"
    assert verdict_for(Interval(-0.6, -1.0, -0.2)) == "better"
    assert verdict_for(Interval(0.3, -0.1, 0.7)) == "unclear"


@pytest.mark.parametrize(("truth", "verdict"), [(1.5, "worse"), (-1.5, "better")])
def test_a_strong_effect_is_recovered(truth, verdict):
    effect = run_effect_on_leg(replace(TYPICAL, run_effect_leg=truth), seed=11)
    assert effect.verdict == verdict
    assert effect.ci_low <= truth <= effect.ci_high
    assert effect.unit == "points (0–10) per 30 min of running"
    assert effect.lag_days == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pure_noise_gets_no_verdict(seed):
    effect = run_effect_on_leg(replace(TYPICAL, run_effect_leg=0.0, noise_sd=1.5), seed)
    assert effect.verdict == "unclear"
    assert effect.ci_low < 0 < effect.ci_high


def test_a_recovery_trend_is_not_mistaken_for_running_helping():
    # Pain falls 4 points over the diary while runs grow longer: running does nothing.
    params = replace(TYPICAL, leg_pain_baseline=7.0, leg_pain_trend=-4.0, running_progression=True,
                     run_effect_leg=0.0, runs_per_week=3.5, low_impact_per_week=0.5)  # fmt: skip
    diary = simulate_diary(params, seed=5)
    frame = build_daily_frame(diary.activities, diary.checkins)
    # A naive look (no trend) would credit running: longer runs go with lower pain the next morning.
    observed = frame.leg_pain_next_morning.notna() & (frame.run_minutes > 0)
    naive = np.corrcoef(frame.run_minutes[observed], frame.leg_pain_next_morning[observed])[0, 1]
    assert naive < -0.2
    effect = estimate_effect(frame, RUN, LEG)
    assert effect.verdict == "unclear"


def test_short_diary_is_insufficient_and_says_what_is_missing():
    effect = run_effect_on_leg(replace(TYPICAL, days=15, missing_share=0.0, run_effect_leg=2.0), seed=1)
    assert effect.verdict == "insufficient_data"
    assert effect.estimate is None and effect.ci_low is None
    assert effect.missing == f"Not enough days yet: 14 of the {MIN_DAYS} needed"


def test_too_few_run_days_is_insufficient():
    params = replace(TYPICAL, days=60, runs_per_week=0.0, running_starts_day=55, run_effect_leg=1.0)
    effect = run_effect_on_leg(params, seed=3)
    assert effect.verdict == "insufficient_data"
    assert "of the 6 needed" in effect.missing
    assert effect.exposure_days < 6


def test_missing_days_are_skipped_not_filled():
    params = replace(TYPICAL, days=150, missing_share=0.3, missing_blocks=2, run_effect_leg=1.2)
    diary = simulate_diary(params, seed=8)
    frame = build_daily_frame(diary.activities, diary.checkins)
    effect = estimate_effect(frame, RUN, LEG)
    observed = frame.leg_pain_next_morning.notna()
    first, last = frame.index[observed][0], frame.index[observed][-1]
    checkins_after_first_day = sum(1 for c in diary.checkins if c.date > frame.index[0].date())
    assert effect.days_used == int(observed.loc[first:last].sum()) == checkins_after_first_day
    assert effect.days_used < 0.8 * params.days
    assert effect.verdict == "worse" and effect.ci_low <= 1.2 <= effect.ci_high


def test_an_unchanging_outcome_is_insufficient():
    diary = simulate_diary(replace(TYPICAL, days=60, noise_sd=0.0, leg_pain_baseline=0.0), seed=2)
    frame = build_daily_frame(diary.activities, diary.checkins)
    assert set(frame.leg_pain.dropna()) == {0.0}
    effect = estimate_effect(frame, RUN, LEG)
    assert effect.verdict == "insufficient_data"
    assert "same every morning" in effect.missing


@pytest.fixture(scope="module")
def analysis():
    params = replace(TYPICAL, days=140, run_effect_leg=1.0, leg_pain_trend=-2.0, running_starts_day=21,
                     odi_every_days=28)  # fmt: skip
    diary = simulate_diary(params, seed=4)
    return analyze(diary.activities, diary.checkins, diary.questionnaires)


def test_analysis_json_follows_the_contract(analysis):
    doc = json.loads(json.dumps(analysis.to_json(), allow_nan=False))
    assert doc["n_days"] == 140
    assert {"effects", "trend", "notes", "sentences", "comparisons"} <= doc.keys()
    keys = {"exposure", "outcome", "lag_days", "estimate", "ci_low", "ci_high", "unit", "verdict"}
    for effect in doc["effects"]:
        assert keys <= effect.keys()
        assert effect["verdict"] in VERDICTS
        assert effect["sentence"]
        if effect["verdict"] != "insufficient_data":
            assert effect["ci_low"] <= effect["estimate"] <= effect["ci_high"]
    pairs = {(e["exposure"], e["outcome"]) for e in doc["effects"]}
    assert {(e.name, o.name) for e in EXPOSURES for o in OUTCOMES} <= pairs
    assert ("weekly_run_minutes", "leg_pain_next_week") in pairs
    main = next(
        e for e in doc["effects"] if (e["exposure"], e["outcome"]) == ("run_minutes", "leg_pain_next_morning")
    )
    assert main["verdict"] == "worse" and main["ci_low"] <= 1.0 <= main["ci_high"]
    assert doc["trend"]["leg_pain"]["verdict"] == "better"
    assert doc["trend"]["running_restart"]["restart_day"] == analysis.restart.restart_day.isoformat()
    assert len(doc["trend"]["weekly"]) == 20  # 140 days from a Monday


def test_sentences_never_claim_a_direction_without_a_clear_interval(analysis):
    for effect in analysis.effects:
        from strideback.domain.effects.sentences import effect_sentence

        text = effect_sentence(effect)
        if effect.verdict == "unclear":
            assert "no clear" in text and "on average" not in text
        elif effect.verdict == "insufficient_data":
            assert effect.missing in text
        else:
            assert "95% interval" in text
            assert ("higher" in text or "further" in text) == (effect.estimate > 0)


def test_empty_diary_gives_insufficient_everywhere():
    result = analyze([], [], [])
    doc = result.to_json()
    assert doc["n_days"] == 0
    assert {e["verdict"] for e in doc["effects"]} == {"insufficient_data"}
    assert any("Not enough days yet: 0 of the 28 needed" in s for s in doc["sentences"])
    assert math.isfinite(len(doc["notes"]))
