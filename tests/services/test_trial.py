"""The personal trial's use cases on a real database: start refusals, today's draw, safety, analysis."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain import redflags
from strideback.domain.trial.design import RUN, TrialDesign, allocation, key_from_seed
from strideback.domain.types import CheckIn, InvalidValue, Reach

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def clock(monkeypatch):
    """The trial's clock, set by the test (concealment is judged against it)."""
    from strideback.services import trial

    now = {"day": TODAY}
    monkeypatch.setattr(trial, "clock", lambda: now["day"])
    return now


def screened(person: int, day: dt.date = TODAY) -> int:
    from strideback.services.screening import record_screening

    record_screening(person, dict.fromkeys(redflags.KEYS, False), day, full_screen=True)
    return person


def check_in(person: int, day: dt.date, leg: int = 3) -> None:
    from strideback.services.checkins import record_check_in

    record_check_in(person, CheckIn(date=day, back_pain=2, leg_pain=leg, reach=Reach.THIGH))


def seed_with_first_day(arm: str) -> int:
    design = TrialDesign(TODAY, 6)
    return next(s for s in range(100) if allocation(design, key_from_seed(s), TODAY) == arm)


def test_start_refuses_without_a_recent_full_screening(person, clock):
    from strideback.services.trial import TrialRefused, start

    with pytest.raises(TrialRefused, match="red-flag questions"):
        start(person, TODAY)
    screened(person, TODAY - dt.timedelta(days=10))
    with pytest.raises(TrialRefused, match="red-flag questions"):
        start(person, TODAY)


def test_start_refuses_while_a_stop_stands(person, clock):
    from strideback.services.screening import record_screening
    from strideback.services.trial import TrialRefused, start

    screened(person)
    record_screening(person, {"foot_drop": True}, TODAY)
    with pytest.raises(TrialRefused, match="stop"):
        start(person, TODAY)


def test_start_refuses_when_the_plan_cannot_offer_runs(person, clock):
    from strideback.services.daily import set_caps
    from strideback.services.trial import TrialRefused, start

    screened(person)
    set_caps(person, TODAY, avoid_sports=["run"])
    with pytest.raises(TrialRefused, match="runs"):
        start(person, TODAY)


def test_start_checks_weeks_and_refuses_a_second_trial(person, clock):
    from strideback.services.trial import TrialRefused, start

    screened(person)
    with pytest.raises(InvalidValue, match="weeks"):
        start(person, TODAY, weeks=30)
    status = start(person, TODAY, weeks=6, seed=1)
    assert (status.state, status.day, status.days_total) == ("running", 1, 42)
    with pytest.raises(TrialRefused, match="already running"):
        start(person, TODAY)


def test_the_draw_is_shown_only_after_the_morning_check_in(person, clock):
    from strideback.services.daily import today
    from strideback.services.trial import start

    screened(person)
    seed = seed_with_first_day(RUN)
    start(person, TODAY, seed=seed)
    before = today(person, TODAY).to_json()["trial"]
    assert before["allocation"] is None and before["day"] == 1
    check_in(person, TODAY)
    after = today(person, TODAY).to_json()
    assert after["trial"]["allocation"] == "run" and after["trial"]["deviation"] is False
    assert after["suggestion"]["sport"] == "run"


def test_low_impact_day_suggests_a_low_impact_session(person, clock):
    from strideback.services.daily import today
    from strideback.services.trial import start

    screened(person)
    start(person, TODAY, seed=seed_with_first_day("low_impact"))
    check_in(person, TODAY)
    advice = today(person, TODAY).to_json()
    assert advice["trial"]["allocation"] == "low_impact"
    assert advice["suggestion"]["sport"] in ("walk", "cycle", "swim")


def test_safety_overrides_a_run_allocation_and_the_deviation_is_recorded(person, clock):
    from strideback.services.daily import today
    from strideback.services.screening import record_screening
    from strideback.services.trial import analyze, start, status

    screened(person)
    start(person, TODAY, seed=seed_with_first_day(RUN))
    check_in(person, TODAY)
    record_screening(person, {"bladder": True}, TODAY)  # emergency: stop, whatever the draw
    advice = today(person, TODAY).to_json()
    assert advice["light"] == "stop"
    assert advice["suggestion"]["sport"] != "run"
    assert advice["trial"] == {**advice["trial"], "allocation": "run", "deviation": True}
    assert advice["trial"]["deviation_reason"] == "safety"
    clock["day"] = TODAY + dt.timedelta(days=1)
    days = status(person, clock["day"]).to_json()["days"]
    assert days[0]["deviation"] == "safety" and days[0]["ran"] is False
    assert analyze(person, clock["day"]).deviations == {"safety": 1, "not_followed": 0}


def test_a_red_morning_overrides_a_run_allocation(person, clock):
    from strideback.services.daily import today
    from strideback.services.trial import start

    screened(person)
    start(person, TODAY, seed=seed_with_first_day(RUN))
    from strideback.services.activities import log_activity

    # A run two days ago whose next morning was much worse: a red session keeps today red.
    check_in(person, TODAY - dt.timedelta(days=2), leg=2)
    log_activity(person, "run", TODAY - dt.timedelta(days=2), minutes=20, pain_during=6, pain_after=6)
    check_in(person, TODAY - dt.timedelta(days=1), leg=6)
    check_in(person, TODAY, leg=6)
    advice = today(person, TODAY).to_json()
    assert advice["light"] in ("red", "stop")
    assert advice["suggestion"]["sport"] != "run"
    assert advice["trial"]["allocation"] == "run" and advice["trial"]["deviation"] is True


def test_stop_keeps_the_days_and_status_says_stopped(person, clock):
    from strideback.services.trial import TrialRefused, start, status, stop

    screened(person)
    start(person, TODAY, seed=2)
    clock["day"] = TODAY + dt.timedelta(days=3)
    assert stop(person, clock["day"]).state == "stopped"
    assert len(status(person, clock["day"]).days) == 3
    with pytest.raises(TrialRefused):
        stop(person, clock["day"])


def test_a_whole_trial_finds_a_large_effect_as_allocated(person, clock):
    """Mornings after run days 3 points higher; the person follows the draw; analysed after six weeks."""
    from strideback.services.activities import log_activity
    from strideback.services.trial import analyze, start
    from strideback.store import records

    screened(person)
    start(person, TODAY, seed=5)
    trial = records.latest_trial(person)
    assert trial is not None
    design = trial.design
    pattern = [1, 2, 3, 2, 1]
    ran_yesterday = False
    for offset in range(design.days_total + 1):
        day = TODAY + dt.timedelta(days=offset)
        check_in(person, day, leg=2 + pattern[offset % 5] // 2 + (3 if ran_yesterday else 0))
        ran_yesterday = day <= design.end and allocation(design, trial.key, day) == RUN
        if ran_yesterday:
            log_activity(person, "run", day, minutes=20, pain_during=2, pain_after=2)
    clock["day"] = design.end + dt.timedelta(days=1)
    answer = analyze(person, clock["day"]).to_json()
    assert answer["state"] == "completed"
    assert answer["verdict"] == "worse" and answer["ci_low"] > 0
    assert answer["p_randomization"] < 0.01
    assert answer["allocated"] == {"run": 14, "low_impact": 28}
    assert answer["adherence"] == 1.0
    assert answer["n_days"] == 42
