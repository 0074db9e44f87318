import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.dates import parse_day
from strideback.domain.types import Activity, CheckIn, InvalidValue, PlanCaps, Reach, Sport

UTC = dt.UTC
START = dt.datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


def test_checkin_accepts_the_full_range():
    c = CheckIn(date=dt.date(2026, 3, 1), back_pain=0, leg_pain=10, reach="calf", sleep=10, stiffness_min=0)
    assert c.reach is Reach.CALF


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("leg_pain", 11),
        ("leg_pain", -1),
        ("back_pain", 3.5),
        ("sleep", 11),
        ("stiffness_min", -5),
        ("leg_pain", True),
    ],
)
def test_checkin_refuses_out_of_range_values_naming_the_field(field, value):
    kwargs = {"date": dt.date(2026, 3, 1), "back_pain": 2, "leg_pain": 2, field: value}
    with pytest.raises(InvalidValue) as caught:
        CheckIn(**kwargs)
    assert caught.value.field == field
    assert field in str(caught.value)


def test_unknown_reach_lists_the_allowed_values():
    with pytest.raises(InvalidValue, match="none, buttock, thigh, knee, calf, foot"):
        CheckIn(date=dt.date(2026, 3, 1), back_pain=1, leg_pain=1, reach="ankle")


def test_reach_is_ordered_from_spine_to_foot():
    levels = [r.level for r in (Reach.NONE, Reach.BUTTOCK, Reach.THIGH, Reach.KNEE, Reach.CALF, Reach.FOOT)]
    assert levels == sorted(levels) == list(range(6))


def test_activity_needs_a_timezone():
    with pytest.raises(InvalidValue, match="timezone"):
        Activity(sport=Sport.RUN, start=dt.datetime(2026, 3, 1, 7, 30), duration_s=600)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"duration_s": -60}, "duration_s"),
        ({"duration_s": 0}, "duration_s"),
        ({"distance_m": -1}, "distance_m"),
        ({"duration_s": 3600, "distance_m": 500_000}, "distance_m"),  # 500 km/h
        ({"rpe": 11}, "rpe"),
        ({"pain_during": 12}, "pain_during"),
        ({"avg_hr": 400}, "avg_hr"),
        ({"duration_s": float("nan")}, "duration_s"),
    ],
)
def test_activity_refuses_impossible_values(kwargs, field):
    base = {"sport": Sport.RUN, "start": START, "duration_s": 1800}
    with pytest.raises(InvalidValue) as caught:
        Activity(**{**base, **kwargs})
    assert caught.value.field == field


def test_sport_parse_accepts_case_and_refuses_unknown():
    assert Sport.parse(" Run ") is Sport.RUN
    with pytest.raises(InvalidValue, match="run, walk, cycle, swim, strength, mobility, other"):
        Sport.parse("flying")


def test_plan_caps_validate():
    with pytest.raises(InvalidValue):
        PlanCaps(pain_during_limit=11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", dt.date(2026, 3, 10)),
        ("yesterday", dt.date(2026, 3, 9)),
        ("2026-02-28", dt.date(2026, 2, 28)),
    ],
)
def test_parse_day(text, expected):
    assert parse_day(text, dt.date(2026, 3, 10)) == expected


@pytest.mark.parametrize("text", ["2026-03-11", "31/12/2025", "tomorrow", "2026-02-30", ""])
def test_parse_day_refuses_future_and_malformed(text):
    with pytest.raises(InvalidValue, match="date"):
        parse_day(text, dt.date(2026, 3, 10))


@given(back=st.integers(-50, 50), leg=st.integers(-50, 50))
def test_checkin_validation_matches_the_0_to_10_rule(back, leg):
    valid = 0 <= back <= 10 and 0 <= leg <= 10
    try:
        CheckIn(date=dt.date(2026, 1, 1), back_pain=back, leg_pain=leg)
    except InvalidValue:
        assert not valid
    else:
        assert valid


@given(minutes=st.floats(0.1, 600), km=st.floats(0, 200))
def test_activity_speed_limit_is_the_only_distance_rule(minutes, km):
    speed_kmh = km / (minutes / 60)
    try:
        Activity(sport=Sport.RUN, start=START, duration_s=minutes * 60, distance_m=km * 1000)
    except InvalidValue:
        assert speed_kmh > 45 - 1e-6
    else:
        assert speed_kmh <= 45 + 1e-6
