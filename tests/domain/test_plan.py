"""The walk-run plan: stages as data and the state machine over session responses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain import plan
from strideback.domain.response import AMBER, GREEN, RED, SessionResponse
from strideback.domain.types import InvalidValue, PlanCaps, Sport

D = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def response(n: int, light: str, sport: Sport = Sport.RUN, awaiting: bool = False) -> SessionResponse:
    return SessionResponse(
        day=day(n),
        sport=sport,
        light=light,
        reasons=(f"{light} reason",),
        causes=() if light == GREEN else (f"{light} cause",),
        awaiting_next_morning=awaiting,
    )


def test_stages_run_from_short_intervals_to_30_minutes_continuous() -> None:
    assert len(plan.STAGES) == 10
    first, last = plan.STAGES[0], plan.STAGES[-1]
    assert (first.run_min, first.walk_min, first.repeats) == (1, 2, 6)
    assert last.continuous and last.run_minutes == 30
    assert last.description == "30 min continuous run, easy, able to talk in full sentences"
    assert plan.stage(2).description == "8 × 1 min run / 2 min walk, easy, flat ground"
    run_minutes = [s.run_minutes for s in plan.STAGES]
    assert run_minutes == sorted(run_minutes)
    bouts = [s.run_min for s in plan.STAGES]
    assert bouts == sorted(bouts)
    assert [s.number for s in plan.STAGES] == list(range(1, 11))


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(InvalidValue):
        plan.stage(11)
    with pytest.raises(InvalidValue):
        plan.stage(0)


def test_two_greens_in_a_row_advance() -> None:
    state = plan.new_plan(D)
    state = plan.apply_session(state, day(1), GREEN)
    assert state.stage == 1 and state.history[-1].kind == plan.HOLD
    state = plan.apply_session(state, day(3), GREEN)
    assert state.stage == 2 and state.history[-1].kind == plan.ADVANCE
    state = plan.apply_session(state, day(5), GREEN)
    assert state.stage == 2  # each stage at least twice


def test_amber_between_greens_resets_the_count() -> None:
    state = plan.new_plan(D)
    for n, light in enumerate([GREEN, AMBER, GREEN]):
        state = plan.apply_session(state, day(2 * n), light)
    assert state.stage == 1
    assert [e.kind for e in state.history] == [plan.START, plan.HOLD, plan.REPEAT, plan.HOLD]
    state = plan.apply_session(state, day(8), GREEN)
    assert state.stage == 2


def test_red_steps_back_one_stage() -> None:
    state = plan.new_plan(D, stage_number=4)
    state = plan.apply_session(state, day(1), RED, "New numbness appeared.")
    assert state.stage == 3
    event = state.history[-1]
    assert (event.kind, event.stage_before, event.stage_after) == (plan.STEP_BACK, 4, 3)
    assert "New numbness appeared." in event.reason


def test_red_at_the_first_stage_pauses() -> None:
    state = plan.apply_session(plan.new_plan(D), day(1), RED)
    assert state.stage == 1 and state.history[-1].kind == plan.PAUSE


def test_cap_stops_advancing() -> None:
    state = plan.new_plan(D, PlanCaps(max_stage=2), stage_number=2)
    for n in range(6):
        state = plan.apply_session(state, day(2 * n), GREEN)
    assert state.stage == 2
    assert "highest stage allowed" in state.history[-1].reason


def test_new_plan_respects_the_cap() -> None:
    assert plan.new_plan(D, PlanCaps(max_stage=3), stage_number=7).stage == 3


def test_set_caps_lowers_the_stage_and_is_recorded() -> None:
    state = plan.new_plan(D, stage_number=6)
    state = plan.set_caps(
        state, day(1), PlanCaps(max_stage=4, pain_during_limit=2, avoid_sports=(Sport.SWIM,))
    )
    assert state.stage == 4
    assert state.caps.pain_during_limit == 2
    assert state.history[-1].kind == plan.SET
    assert "highest stage 4" in state.history[-1].reason and "avoid swim" in state.history[-1].reason


def test_set_stage_within_the_cap() -> None:
    state = plan.new_plan(D, PlanCaps(max_stage=5))
    state = plan.set_stage(state, day(1), 8)
    assert state.stage == 5 and "Capped at stage 5" in state.history[-1].reason
    with pytest.raises(InvalidValue):
        plan.set_stage(state, day(1), 42)


def test_apply_responses_is_idempotent_and_ignores_other_sports() -> None:
    responses = [
        response(1, GREEN),
        response(2, RED, sport=Sport.CYCLE),
        response(3, GREEN),
        response(5, AMBER),
    ]
    once = plan.apply_responses(plan.new_plan(D), responses)
    twice = plan.apply_responses(once, responses)
    assert once == twice
    assert once.stage == 2
    assert [e.kind for e in once.history] == [plan.START, plan.HOLD, plan.ADVANCE, plan.REPEAT]


def test_apply_responses_waits_for_the_next_morning() -> None:
    state = plan.apply_responses(plan.new_plan(D), [response(1, GREEN), response(3, GREEN, awaiting=True)])
    assert state.stage == 1 and len(state.history) == 2
    later = plan.apply_responses(state, [response(1, GREEN), response(3, GREEN)])
    assert later.stage == 2


def test_two_runs_on_one_day_count_once_with_the_worst_light() -> None:
    state = plan.new_plan(D, stage_number=3)
    state = plan.apply_responses(state, [response(1, GREEN), response(1, RED)])
    assert state.stage == 2 and len(state.history) == 2


def test_sessions_before_the_plan_started_do_not_count() -> None:
    state = plan.apply_responses(plan.new_plan(day(5)), [response(1, GREEN), response(3, GREEN)])
    assert state.stage == 1 and len(state.history) == 1


def test_nothing_moves_while_running_is_avoided() -> None:
    state = plan.new_plan(D, PlanCaps(avoid_sports=(Sport.RUN,)))
    assert plan.apply_responses(state, [response(1, GREEN), response(3, GREEN)]) == state
    assert not plan.running_allowed(state.caps)


lights = st.sampled_from([GREEN, AMBER, RED])


@given(st.lists(lights, max_size=40), st.integers(1, 10), st.one_of(st.none(), st.integers(1, 10)))
def test_plan_never_advances_on_amber_or_red_and_never_passes_the_cap(
    sequence: list[str], start: int, cap: int | None
) -> None:
    state = plan.new_plan(D, PlanCaps(max_stage=cap), stage_number=start)
    top = plan.highest_stage(state.caps)
    for n, light in enumerate(sequence):
        before = state.stage
        state = plan.apply_session(state, day(n + 1), light)
        assert plan.FIRST_STAGE <= state.stage <= top
        if light != GREEN:
            assert state.stage <= before
        if light == RED:
            assert state.stage == max(1, before - 1)
        if state.stage > before:
            # two greens in a row at that stage: this one and the one before
            assert light == GREEN and state.history[-2].kind == plan.HOLD
            assert state.history[-2].stage_after == before


@given(st.lists(lights, max_size=40))
def test_replaying_responses_gives_the_same_state(sequence: list[str]) -> None:
    responses = [response(2 * n + 1, light) for n, light in enumerate(sequence)]
    state = plan.apply_responses(plan.new_plan(D), responses)
    assert plan.apply_responses(state, responses) == state
    half = plan.apply_responses(plan.new_plan(D), responses[: len(responses) // 2])
    assert plan.apply_responses(half, responses) == state
