"""Issue 11, service level: random histories written through the store in a random order (check-ins
with their entry times, sessions, later pain entries, clinician caps and stages); the plan the
service derives is the pure derivation of what is stored, and keeps the rules."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_histories import History, caps_on, check_invariants, histories
from strideback.domain import plan
from strideback.domain.plan_derive import derive
from strideback.domain.response import classify_sessions
from strideback.services import daily
from strideback.store import records

EXAMPLES = max(5, int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "2000")) // 40)


def _write(person: int, history: History, rnd: random.Random) -> None:
    start, *decisions = history.inputs
    records.add_plan_input(person, start, start.stage or 1)
    records.save_plan_caps(person, caps_on((), start.date), start.stage or 1)
    entries = [("checkin", c) for c in history.checkins] + [("session", a) for a in history.activities]
    rnd.shuffle(entries)
    ids = {}
    for kind, item in entries:
        if kind == "checkin":
            if item.recorded_at is None:
                records.add_checkins(person, [item])  # an imported diary: entry time unknown
            else:
                records.save_checkin(person, item)
        else:
            ids[history.activities.index(item)] = records.add_activity(person, item)
    for given_input in decisions:
        if given_input.kind == plan.SET:
            daily.set_stage(person, given_input.date, given_input.stage)
        else:
            caps = given_input.caps
            daily.set_caps(
                person,
                given_input.date,
                max_stage=caps.max_stage or 0,
                pain_during_limit=caps.pain_during_limit,
                avoid_sports=[s.value for s in caps.avoid_sports] or ["none"],
            )
    for index, during, after in history.edits:  # pain entered later
        records.update_person_activity_pain(person, ids[index], during, after)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories(max_days=30), st.randoms(use_true_random=False))
def test_plan_service_derives_the_stored_history(person: int, history: History, rnd: random.Random) -> None:
    records.clear_person_records(person)
    _write(person, history, rnd)
    overview = daily.plan_overview(person, history.today).to_json()
    activities = history.edited_activities()
    checkins = list(history.checkins)
    caps = caps_on(history.inputs, history.today)
    responses = classify_sessions(activities, checkins, history.today, caps.pain_during_limit)
    expected = derive(list(history.inputs), responses, checkins, history.today)
    check_invariants(history, expected, responses, checkins)
    assert overview["stage"] == plan.current_stage(expected).number
    assert [e["kind"] for e in overview["history"]] == [e.kind for e in expected.history]
    advice = daily.today(person, history.today)
    assert advice.plan_stage == overview["stage"]
    if overview["holding"]:
        assert advice.suggestion.sport != "run" or advice.light == "amber"
