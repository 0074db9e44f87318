"""The trial's draw never outranks safety, for any day: whatever the light, the advice, the allocation,
the avoid list and the pain limit, the draw can take a run away but never add one, and a stop day's words
stay as they were. Property tests over random days (STRIDEBACK_PROPERTY_EXAMPLES, 2000 by default)."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.suggestion import Option, Suggestion
from strideback.domain.trial.design import LOW_IMPACT, RUN
from strideback.domain.trial.today import SAFETY_LIGHTS, apply_allocation
from strideback.domain.types import Sport

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "2000"))

suggestions = st.builds(
    Suggestion,
    sport=st.sampled_from([s.value for s in Sport] + ["rest"]),
    description=st.text(max_size=20),
    minutes=st.floats(0, 120),
    alternatives=st.one_of(
        st.none(),
        st.lists(
            st.builds(Option, st.sampled_from(["walk", "cycle", "swim"]), st.just("x"), st.just(20.0)),
            max_size=2,
        ).map(tuple),
    ),
    seek_care=st.one_of(st.none(), st.sampled_from(["emergency", "urgent"])),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    light=st.sampled_from(["green", "amber", "red", "stop"]),
    advice=suggestions,
    allocation=st.sampled_from([None, RUN, LOW_IMPACT]),
    run_minutes=st.one_of(st.none(), st.floats(1, 90)),
    avoid=st.lists(st.sampled_from(list(Sport)), unique=True, max_size=4).map(tuple),
    pain_limit=st.integers(0, 5),
    ran_today=st.booleans(),
)
def test_the_draw_never_adds_a_run_nor_changes_a_stop(
    light, advice, allocation, run_minutes, avoid, pain_limit, ran_today
):
    outcome = apply_allocation(light, advice, allocation, run_minutes, avoid, pain_limit, ran_today=ran_today)
    shown = outcome.suggestion
    assert not shown.is_run or advice.is_run  # a run only where the advice itself offered one
    if not advice.is_run:
        assert shown == advice  # a rest, low-impact, red or stop day keeps the advice's own words
    if allocation == LOW_IMPACT:
        assert not shown.is_run
        if shown != advice:  # the run replaced: by an allowed low-impact session, at the limit, or rest
            assert shown.sport == "rest" or Sport(shown.sport) not in avoid
            assert shown.sport == "rest" or f"{pain_limit}/10" in shown.description
            assert all(Sport(o.sport) not in avoid for o in shown.alternatives or ())
    if outcome.deviation is not None:  # recorded only when a run was drawn and not offered
        assert allocation == RUN and not advice.is_run and not ran_today
        assert (outcome.deviation == "safety") == (light in SAFETY_LIGHTS or advice.seek_care is not None)
    else:
        assert allocation != RUN or advice.is_run or ran_today
