"""The daily loop against a real database: today's advice, the stored plan, its idempotence."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain import plan as walk_run
from strideback.domain.redflags import KEYS
from strideback.domain.types import Activity, CheckIn, InvalidValue, Reach, Sport
from strideback.services import daily
from strideback.services.screening import record_assessment, record_screening
from strideback.store import records

TZ = dt.timezone(dt.timedelta(hours=1))
TODAY = dt.date(2026, 6, 15)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def add_mornings(person: int, legs: dict[int, int], reach: Reach = Reach.BUTTOCK) -> None:
    for n, leg in legs.items():
        records.save_checkin(person, CheckIn(ago(n), 2, leg, reach=reach))


def add_run(person: int, n: int, pain_during: int = 1, km: float = 3.0, pain_after: int | None = 1) -> None:
    # issue 11: complete evidence includes pain after, so the helper records it by default
    start = dt.datetime.combine(ago(n), dt.time(18, 0), tzinfo=TZ)
    records.add_activity(
        person,
        Activity(
            Sport.RUN, start, 1500, distance_m=km * 1000, pain_during=pain_during, pain_after=pain_after
        ),
    )


@pytest.fixture
def steady(person: int) -> int:
    add_mornings(person, dict.fromkeys(range(20, -1, -1), 2))
    # issue 11: running starts only after a full red-flag screening
    record_screening(person, dict.fromkeys(KEYS, False), TODAY - dt.timedelta(days=20))
    return person


def test_today_follows_the_contract(steady: int) -> None:
    data = daily.today(steady, TODAY).to_json()
    assert {"date", "light", "reasons", "suggestion", "plan_stage"} <= set(data)
    assert data["date"] == TODAY.isoformat()
    assert data["light"] in ("green", "amber", "red", "stop")
    assert {"sport", "description", "minutes"} <= set(data["suggestion"])
    assert data["plan_stage"] == 1


def test_green_runs_advance_the_stored_plan(steady: int) -> None:
    for n in (9, 7, 5, 3):
        add_run(steady, n)
    advice = daily.today(steady, TODAY)
    assert advice.plan_stage == 3
    # issue 11: the plan is derived on every read; only its inputs are stored
    overview = daily.plan_overview(steady, TODAY).to_json()
    assert overview["stage"] == 3
    assert [e["kind"] for e in overview["history"]] == ["start", "hold", "advance", "hold", "advance"]
    assert advice.suggestion.sport == "run"
    assert advice.suggestion.description == walk_run.stage(3).description


def test_replaying_the_same_days_gives_the_same_plan(steady: int) -> None:
    for n in (9, 7, 5, 3):
        add_run(steady, n)
    first = daily.today(steady, TODAY)
    history = records.get_plan_state(steady).history
    again = daily.today(steady, TODAY)
    assert again == first
    assert records.get_plan_state(steady).history == history
    for n in range(9, -1, -1):  # living the days again one by one adds nothing either
        daily.today(steady, ago(n))
    assert records.get_plan_state(steady).history == history


def test_a_red_next_morning_steps_back_and_offers_low_impact(person: int) -> None:
    add_mornings(person, dict.fromkeys(range(20, 0, -1), 2))
    add_mornings(person, {0: 5})
    daily.set_stage(person, ago(10), 4)
    add_run(person, 1)
    advice = daily.today(person, TODAY)
    assert advice.light == "red"
    assert advice.plan_stage == 3
    assert advice.suggestion.sport in {"walk", "cycle", "swim", "mobility"}


def test_a_standing_red_flag_says_stop(steady: int) -> None:
    add_run(steady, 3)
    record_screening(steady, {"foot_drop": True}, ago(1))
    advice = daily.today(steady, TODAY)
    assert advice.light == "stop"
    assert advice.suggestion.sport == "rest"
    assert any("Contact a clinician today" in r for r in advice.reasons)
    record_screening(steady, {"foot_drop": False, "weakness_one_leg": False}, TODAY)
    assert daily.today(steady, TODAY).light == "stop"  # issue 11: a plain "no" needs an assessment first
    record_assessment(steady, TODAY, "physio: no motor deficit")
    record_screening(steady, {"foot_drop": False, "weakness_one_leg": False}, TODAY)
    assert daily.today(steady, TODAY).light != "stop"


def test_missing_check_in_reminds(person: int) -> None:
    add_mornings(person, dict.fromkeys(range(10, 0, -1), 2))
    advice = daily.today(person, TODAY)
    assert advice.light == "amber"
    assert any("check-in" in r for r in advice.reminders)


def test_only_the_recent_window_is_read(steady: int) -> None:
    add_run(steady, 400, pain_during=9)  # long ago: neither judged nor in the plan
    advice = daily.today(steady, TODAY)
    assert all(e.kind == "start" for e in records.get_plan_state(steady).history)
    assert advice.light == "green"


def test_caps_are_kept_and_respected(steady: int) -> None:
    state = daily.set_caps(steady, TODAY, max_stage=2, pain_during_limit=2, avoid_sports=["swim"])
    assert (state.caps.max_stage, state.caps.pain_during_limit, state.caps.avoid_sports) == (
        2,
        2,
        (Sport.SWIM,),
    )
    assert daily.set_stage(steady, TODAY, 6).stage == 2
    overview = daily.plan_overview(steady, TODAY).to_json()
    assert overview["stage"] == 2 and overview["highest_stage"] == 2
    assert overview["caps"] == {"max_stage": 2, "pain_during_limit": 2, "avoid_sports": ["swim"]}
    cleared = daily.set_caps(steady, TODAY, max_stage=0, avoid_sports=["none"])
    assert cleared.caps.max_stage is None and cleared.caps.avoid_sports == ()
    assert cleared.caps.pain_during_limit == 2  # not given: unchanged


def test_bad_caps_are_refused(steady: int) -> None:
    with pytest.raises(InvalidValue):
        daily.set_caps(steady, TODAY, max_stage=11)
    with pytest.raises(InvalidValue):
        daily.set_caps(steady, TODAY, avoid_sports=["skating"])
    with pytest.raises(InvalidValue):
        daily.set_stage(steady, TODAY, 0)


def test_avoiding_running_never_suggests_a_run(steady: int) -> None:
    daily.set_caps(steady, TODAY, avoid_sports=["run"])
    advice = daily.today(steady, TODAY)
    assert advice.suggestion.sport != "run"
    assert daily.plan_overview(steady, TODAY).to_json()["running_allowed"] is False


def test_session_responses_use_the_plans_limit_and_leave_the_plan_alone(steady: int) -> None:
    add_run(steady, 3, pain_during=3)
    checkins = records.list_checkins(steady)
    activities = records.list_activities(steady)
    [before] = daily.session_responses(steady, activities, checkins, TODAY)
    assert before.light == "green"  # 3 is within the default limit
    assert records.get_plan_state(steady) is None  # judged for display only: no plan is started
    daily.set_caps(steady, TODAY, pain_during_limit=2)
    version = records.data_version(steady)
    [after] = daily.session_responses(steady, activities, checkins, TODAY)
    assert after.light != "green"  # the clinician's lower limit applies
    assert records.data_version(steady) == version


def test_startback_is_offered_at_first_use_and_not_after(person: int) -> None:
    from strideback.services.questionnaires import record_questionnaire

    day = dt.date(2026, 3, 2)
    first = daily.today(person, day).to_json()
    assert any("startback" in reminder for reminder in first["reminders"])
    record_questionnaire(person, "startback", [1, 0, 0, 1, 0, 0, 0, 0, 1], day)
    later = daily.today(person, day).to_json()
    assert not any("startback" in reminder for reminder in later["reminders"])
