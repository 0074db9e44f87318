"""A day whose morning had ruled a run out before the draw is left out of both arms of the answer."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain import redflags
from strideback.domain.types import CheckIn, Reach

START = dt.date(2026, 6, 1)


@pytest.fixture
def clock(monkeypatch):
    from strideback.services import trial

    now = {"day": START}
    monkeypatch.setattr(trial, "clock", lambda: now["day"])
    return now


def test_a_red_morning_is_ruled_out_before_the_draw_and_counted(person, clock):
    from strideback.services import checkins, daily, screening
    from strideback.services import trial as trials

    screening.record_screening(person, dict.fromkeys(redflags.KEYS, False), START, full_screen=True)
    trials.start(person, START, weeks=6, seed=3)
    red_day = START + dt.timedelta(days=4)
    for offset in range(9):
        day = START + dt.timedelta(days=offset)
        clock["day"] = day
        leg = 8 if day == red_day else 3  # resting leg pain above 5: a red morning (domain.mornings)
        checkins.record_check_in(person, CheckIn(date=day, back_pain=2, leg_pain=leg, reach=Reach.THIGH))
        daily.today(person, day)
    clock["day"] = START + dt.timedelta(days=9)
    answer = trials.analyze(person, clock["day"]).to_json()
    # Only the red morning's day: the next morning (3 after 8) is better, so the red does not hold.
    assert answer["ruled_out_before_draw"] == 1
    assert any("1 day(s) whose morning" in item["text"] for item in answer["cent"])
