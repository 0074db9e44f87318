"""Issue 11, property test over random histories (pure domain, so thousands of examples are cheap):
sessions with and without pain scores, check-ins entered before or after the sessions (or unknown),
later pain entries, clinician stages and caps (pain limits 0–5, highest stages, running avoided)."""

from __future__ import annotations

import os
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from plan_histories import History, caps_on, check_invariants, histories
from strideback.domain.plan_derive import derive
from strideback.domain.response import classify_sessions

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "2000"))


def _derive(history: History, activities, checkins):
    caps = caps_on(history.inputs, history.today)
    responses = classify_sessions(activities, checkins, history.today, caps.pain_during_limit)
    return derive(list(history.inputs), responses, checkins, history.today), responses


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_plan_property_rules_hold_and_order_of_entry_does_not_matter(
    history: History, rnd: random.Random
) -> None:
    activities = history.edited_activities()
    checkins = list(history.checkins)
    state, responses = _derive(history, activities, checkins)
    check_invariants(history, state, responses, checkins)
    shuffled_a, shuffled_c = activities[:], checkins[:]
    rnd.shuffle(shuffled_a)
    rnd.shuffle(shuffled_c)
    again, _ = _derive(history, shuffled_a, shuffled_c)
    assert again == state
