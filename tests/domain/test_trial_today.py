"""Today under the trial: safety and the plan's rules always win over the draw, and say so."""

from __future__ import annotations

from strideback.domain.suggestion import Suggestion
from strideback.domain.trial.design import LOW_IMPACT, RUN
from strideback.domain.trial.today import apply_allocation
from strideback.domain.types import Sport

RUN_SESSION = Suggestion(sport="run", description="6 × 1 min run / 2 min walk", minutes=18)
WALK = Suggestion(sport="walk", description="easy walk on flat ground. Running is paused today.", minutes=20)
STOP = Suggestion(sport="rest", description="Seek care", minutes=0, seek_care="emergency")


def test_run_day_on_a_green_day_is_the_plan_session():
    outcome = apply_allocation("green", RUN_SESSION, RUN, 18, (), 3)
    assert outcome.suggestion == RUN_SESSION and outcome.deviation is None


def test_safety_overrides_a_run_allocation_on_red_and_stop_days():
    for light, suggestion in (("red", WALK), ("stop", STOP)):
        outcome = apply_allocation(light, suggestion, RUN, 18, (), 3)
        assert not outcome.suggestion.is_run
        assert outcome.suggestion == suggestion
        assert outcome.deviation == "safety"


def test_rest_rule_overrides_a_run_allocation_and_is_recorded():
    after_a_run = Suggestion(sport="walk", description="brisk walk. You ran yesterday.", minutes=30)
    assert apply_allocation("green", after_a_run, RUN, 18, (), 3).deviation == "rest_rule"
    assert apply_allocation("green", after_a_run, RUN, 18, (), 3, ran_today=True).deviation is None


def test_low_impact_day_replaces_the_run_with_similar_time_and_keeps_the_avoid_list():
    outcome = apply_allocation("green", RUN_SESSION, LOW_IMPACT, 18, (Sport.WALK,), 2)
    assert outcome.deviation is None
    assert outcome.suggestion.sport == "cycle" and outcome.suggestion.minutes == 18
    assert "2/10" in outcome.suggestion.description
    assert [a.sport for a in outcome.suggestion.alternatives or ()] == ["swim"]


def test_low_impact_day_on_a_red_day_keeps_the_safe_advice():
    assert apply_allocation("red", WALK, LOW_IMPACT, 18, (), 3).suggestion == WALK


def test_not_revealed_changes_nothing():
    assert apply_allocation("green", RUN_SESSION, None, 18, (), 3).suggestion == RUN_SESSION
