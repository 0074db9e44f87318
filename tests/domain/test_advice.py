"""Today's advice: the light, its reasons and one concrete suggestion."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain import plan
from strideback.domain.advice import advise
from strideback.domain.load import summarize_load
from strideback.domain.response import AMBER, GREEN, RED, STOP, SessionResponse, classify_sessions
from strideback.domain.types import Activity, CheckIn, PlanCaps, PlanState, Reach, RedFlagScreening, Sport

TZ = dt.timezone(dt.timedelta(hours=2))
TODAY = dt.date(2026, 5, 20)
LOW_IMPACT = {"walk", "cycle", "swim", "mobility", "rest"}


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def morning(n: int, leg: int = 2, **kw) -> CheckIn:
    return CheckIn(date=ago(n), back_pain=2, leg_pain=leg, **kw)


def session(
    n: int, sport: Sport = Sport.RUN, pain_during: int | None = 1, km: float | None = 3.0
) -> Activity:
    start = dt.datetime.combine(ago(n), dt.time(18, 0), tzinfo=TZ)
    return Activity(
        sport=sport, start=start, duration_s=1800, pain_during=pain_during, distance_m=km and km * 1000
    )


def today(
    checkins: list[CheckIn],
    activities: list[Activity],
    state: PlanState | None = None,
    stop: RedFlagScreening | None = None,
    screened: bool = True,
):
    state = state if state is not None else plan.new_plan(ago(60), stage_number=3)
    by_day = {c.date: c for c in checkins}
    responses = classify_sessions(activities, checkins, TODAY, state.caps.pain_during_limit)
    return advise(
        TODAY,
        by_day.get(TODAY),
        [c for c in checkins if c.date < TODAY],
        activities,
        responses,
        state,
        summarize_load(activities, TODAY),
        stop,
        screened=screened,
    )


STEADY = [morning(n) for n in range(14, -1, -1)]


def test_green_day_offers_the_plans_next_session() -> None:
    advice = today(STEADY, [session(3)])
    assert advice.light == GREEN
    assert advice.suggestion.sport == "run"
    assert advice.suggestion.description == plan.stage(3).description
    assert advice.suggestion.minutes == plan.stage(3).minutes
    assert advice.plan_stage == 3
    assert advice.reasons  # always says why


def test_contract_json() -> None:
    data = today(STEADY, [session(3)]).to_json()
    assert {"date", "light", "reasons", "suggestion", "plan_stage"} <= set(data)
    assert data["date"] == TODAY.isoformat()
    assert {"sport", "description", "minutes"} <= set(data["suggestion"])
    assert isinstance(data["reasons"], list) and all(isinstance(r, str) for r in data["reasons"])


def test_no_run_the_day_after_a_run() -> None:
    advice = today(STEADY, [session(1)])
    assert advice.light == GREEN
    assert advice.suggestion.sport in LOW_IMPACT
    assert "you ran yesterday" in advice.suggestion.description


def test_red_next_morning_offers_only_low_impact() -> None:
    checkins = [*STEADY[:-1], morning(0, leg=5)]
    advice = today(checkins, [session(1)])
    assert advice.light == RED
    assert advice.suggestion.sport in LOW_IMPACT
    assert all(alt.sport in LOW_IMPACT for alt in advice.suggestion.alternatives)
    assert any("paused" in r for r in advice.reasons)


def test_red_session_still_counts_the_day_after() -> None:
    checkins = [*STEADY[:-2], morning(1, leg=5), morning(0, leg=2)]
    assert today(checkins, [session(2)]).light == RED
    assert today(checkins, [session(3)]).light != RED


def test_missing_check_in_gives_a_reminder_and_a_cautious_light() -> None:
    advice = today(STEADY[:-1], [session(3)])
    assert advice.light == AMBER
    assert any("check-in" in r for r in advice.reminders)
    # Issue 11 changed this: no run without this morning's check-in; the suggestion asks for it first.
    assert advice.suggestion.sport == "checkin" and "check-in" in advice.suggestion.description
    assert advice.suggestion.alternatives


def test_amber_offers_a_shorter_session_with_alternatives() -> None:
    advice = today(STEADY, [session(1, pain_during=4), session(3)])
    assert advice.light == AMBER
    # ran yesterday: a low-impact day instead
    assert advice.suggestion.sport in LOW_IMPACT
    checkins = [*STEADY[:-1], morning(0, leg=3)]  # +1 since yesterday, no session yesterday
    advice = today(checkins, [session(3)])
    assert advice.light == AMBER and advice.suggestion.sport == "run"
    assert "shorter" in advice.suggestion.description
    assert advice.suggestion.alternatives


def test_peripheralization_this_morning_is_red() -> None:
    checkins = [*STEADY[:-1], morning(0, reach=Reach.KNEE)]
    advice = today(checkins, [session(3)])
    assert advice.light == RED
    assert any("further down the leg" in r for r in advice.reasons)


def test_red_flag_stops_whatever_else() -> None:
    screening = RedFlagScreening(
        date=TODAY, answers={"bladder": True}, level="emergency", reasons=("bladder",)
    )
    advice = today(STEADY, [session(3)], stop=screening)
    assert advice.light == STOP
    assert advice.suggestion.sport == "rest" and advice.suggestion.minutes == 0
    assert "emergency department" in advice.reasons[0]
    assert len(advice.reasons) == 1


def test_contact_clinician_level_does_not_stop() -> None:
    screening = RedFlagScreening(date=TODAY, level="contact_clinician")
    assert today(STEADY, [session(3)], stop=screening).light == GREEN


def test_avoided_sports_are_respected() -> None:
    caps = PlanCaps(avoid_sports=(Sport.RUN, Sport.WALK))
    advice = today(STEADY, [session(3)], state=plan.new_plan(ago(60), caps))
    assert advice.suggestion.sport not in {"run", "walk"}
    assert all(alt.sport != "walk" for alt in advice.suggestion.alternatives)


def test_the_persons_usual_alternative_comes_first() -> None:
    swims = [session(n, sport=Sport.SWIM, km=1.0) for n in (4, 6, 8)]
    checkins = [*STEADY[:-1], morning(0, leg=5)]
    advice = today(checkins, [session(1), *swims])
    assert advice.suggestion.sport == "swim"


def test_high_morning_leg_pain_holds_back() -> None:
    # Issue 11 changed this: resting leg pain above 5/10 is red (Silbernagel 2007), 4–5 amber.
    checkins = [morning(n, leg=7) for n in range(14, -1, -1)]
    assert today(checkins, [session(3)]).light == RED


def test_rising_week_is_amber() -> None:
    # issue 11: a one-point weekly rise holds (amber); a meaningful rise (Farrar: 2 points) is red.
    # (Mornings stay at or below 5, so the resting-pain rule, > 5 red, does not make the day red.)
    checkins = [morning(n, leg=4) for n in range(14, 7, -1)] + [morning(n, leg=5) for n in range(6, -1, -1)]
    advice = today(checkins, [session(3)])
    assert advice.light == AMBER
    assert any("should not rise" in r and "hold the plan" in r for r in advice.reasons)
    checkins = [morning(n, leg=2) for n in range(14, 7, -1)] + [morning(n, leg=4) for n in range(6, -1, -1)]
    advice = today(checkins, [session(3)])
    assert advice.light == "red"
    assert any("should not rise" in r and "steps back" in r for r in advice.reasons)


def test_recent_spike_is_amber() -> None:
    runs = [session(20, km=4.0), session(10, km=4.0), session(2, km=6.0)]
    advice = today(STEADY, runs)
    assert advice.light == AMBER
    assert any("more than 10% longer" in r for r in advice.reasons)


def test_clinician_limit_appears_in_the_suggestion() -> None:
    state = plan.new_plan(ago(60), PlanCaps(pain_during_limit=2))
    advice = today(STEADY, [session(3)], state=state)
    assert advice.suggestion.pain_during_limit == 2
    assert "2/10" in advice.suggestion.note


responses_strategy = st.lists(
    st.builds(
        SessionResponse,
        day=st.integers(0, 4).map(ago),
        sport=st.sampled_from(list(Sport)),
        light=st.sampled_from([GREEN, AMBER, RED]),
        reasons=st.just(("why",)),
        causes=st.just(("cause",)),
        awaiting_next_morning=st.booleans(),
        centralized=st.booleans(),
    ),
    max_size=5,
)


@settings(max_examples=200)
@given(
    responses=responses_strategy,
    leg=st.one_of(st.none(), st.integers(0, 10)),
    reach=st.sampled_from(list(Reach)),
    ran_days=st.sets(st.integers(0, 4), max_size=3),
    stage_number=st.integers(1, 10),
    cap=st.one_of(st.none(), st.integers(1, 10)),
    stop=st.sampled_from([None, "none", "contact_clinician", "urgent", "emergency"]),
)
def test_never_running_on_red_or_stop_and_never_beyond_the_cap(
    responses, leg, reach, ran_days, stage_number, cap, stop
) -> None:
    checkin_today = None if leg is None else CheckIn(date=TODAY, back_pain=1, leg_pain=leg, reach=reach)
    activities = [session(n) for n in ran_days]
    state = plan.new_plan(ago(30), PlanCaps(max_stage=cap), stage_number=stage_number)
    screening = None if stop is None else RedFlagScreening(date=TODAY, level=stop)
    advice = advise(
        TODAY, checkin_today, [morning(n) for n in range(1, 8)], activities, responses, state, None, screening
    )
    if advice.light in (RED, STOP):
        assert advice.suggestion.sport in LOW_IMPACT
        assert all(alt.sport != "run" for alt in (advice.suggestion.alternatives or ()))
    if stop in ("urgent", "emergency"):
        assert advice.light == STOP
    if advice.suggestion.sport == "run":
        assert advice.suggestion.stage <= (cap or 10)
        assert 0 not in ran_days and 1 not in ran_days  # a rest day between runs
    assert advice.reasons


def test_sessions_of_one_day_with_one_cause_are_named_together() -> None:
    checkins = [*STEADY[:-1], morning(0, reach=Reach.THIGH)]
    activities = [session(1, sport=Sport.SWIM, km=1.0), session(1, sport=Sport.MOBILITY, km=None)]
    advice = today(checkins, activities)
    assert advice.light == RED
    assert advice.reasons[0].startswith(
        "Yesterday's swim and mobility session were red: Pain reached further"
    )
    assert sum("were red" in r or "was red" in r for r in advice.reasons) == 1


def test_the_red_flag_message_is_shown_with_stop() -> None:
    screening = RedFlagScreening(date=TODAY, level="urgent", reasons=("foot_drop",))
    advice = today(STEADY, [session(3)], stop=screening)
    assert advice.light == STOP
    plain = advise(
        TODAY, None, [], [], [], None, None, screening, stop_message="Contact a clinician today. X."
    )
    assert plain.reasons[-1] == "Contact a clinician today. X."
    assert plain.plan_stage is None
    assert "Contact a clinician today" in plain.suggestion.description


def test_no_first_run_before_a_full_red_flag_screening() -> None:
    """Issue 11: until the person has answered every red-flag question once, the day offers no run."""
    advice = today(STEADY, [session(3)], screened=False)
    assert advice.suggestion.sport != "run"
    assert "red-flag question" in advice.suggestion.description
    assert today(STEADY, [session(3)]).suggestion.sport == "run"
