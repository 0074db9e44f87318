"""The daily frame: exposures per day, outcomes from that morning's check-in, nothing filled in."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.effects.frame import build_daily_frame, day_types, weekly_summary
from strideback.domain.load import DEFAULT_RPE
from strideback.domain.types import Activity, CheckIn, Reach, Sport

UTC = dt.UTC
DAY0 = dt.date(2025, 3, 3)  # a Monday


def session(sport: Sport, day: int, minutes: float, km: float | None = None, rpe: float | None = None):
    start = dt.datetime.combine(DAY0 + dt.timedelta(days=day), dt.time(18, 0), tzinfo=UTC)
    return Activity(sport, start, minutes * 60, distance_m=None if km is None else km * 1000, rpe=rpe)


def checkin(day: int, leg: int, back: int = 2, reach: Reach = Reach.THIGH) -> CheckIn:
    return CheckIn(DAY0 + dt.timedelta(days=day), back_pain=back, leg_pain=leg, reach=reach)


def test_minutes_load_and_sports_are_summed_per_day():
    frame = build_daily_frame(
        [
            session(Sport.RUN, 0, 30, km=5, rpe=6),
            session(Sport.RUN, 0, 10, km=1.5),  # no RPE: the per-sport default is used
            session(Sport.SWIM, 1, 40),
            session(Sport.WALK, 1, 20),
            session(Sport.MOBILITY, 2, 15),
        ],
        [checkin(0, 4), checkin(3, 5)],
    )
    assert list(frame.index.date) == [DAY0 + dt.timedelta(days=i) for i in range(4)]
    day0, day1, day2 = frame.iloc[0], frame.iloc[1], frame.iloc[2]
    assert day0.run_minutes == 40
    assert day0.run_load == 30 * 6 + 10 * DEFAULT_RPE[Sport.RUN]
    assert day0.run_km == 6.5
    assert day0.estimated_rpe_sessions == 1
    assert (day1.swim_minutes, day1.walk_minutes, day1.low_impact_minutes) == (40, 20, 60)
    assert day1.run_minutes == 0
    assert day2.other_minutes == 15 and day2.low_impact_minutes == 0


def test_missing_checkins_stay_missing_and_next_morning_is_the_following_day():
    frame = build_daily_frame([], [checkin(0, 4, reach=Reach.CALF), checkin(2, 6), checkin(3, 1)])
    assert math.isnan(frame.iloc[1].leg_pain)  # day 1 has no check-in: not filled
    assert frame.iloc[0].reach == Reach.CALF.level
    assert math.isnan(frame.iloc[0].leg_pain_next_morning)  # the morning after day 0 is day 1: missing
    assert frame.iloc[1].leg_pain_next_morning == 6
    assert frame.iloc[2].leg_pain_next_morning == 1
    assert math.isnan(frame.iloc[3].leg_pain_next_morning)  # the last day has no next morning yet


def test_run_spike_day_is_a_run_over_110_percent_of_the_longest_in_30_days():
    # Frandsen 2025: 5 km, then 5.4 km (108%, no spike), then 6 km (>110% of 5.4 km: spike).
    runs = [
        session(Sport.RUN, 0, 30, km=5),
        session(Sport.RUN, 3, 32, km=5.4),
        session(Sport.RUN, 6, 36, km=6),
    ]
    frame = build_daily_frame(runs, [])
    assert list(frame.run_spike) == [0, 0, 0, 0, 0, 0, 1]


def test_day_types_and_weeks():
    frame = build_daily_frame(
        [session(Sport.RUN, 0, 30), session(Sport.CYCLE, 1, 60), session(Sport.STRENGTH, 2, 20)],
        [checkin(d, 3 + d % 2) for d in range(10)],
    )
    assert list(day_types(frame))[:4] == ["run", "low_impact", "rest", "rest"]
    weeks = weekly_summary(frame)
    assert [d.isoformat() for d in weeks.index.date] == ["2025-03-03", "2025-03-10"]
    assert list(weeks.checkin_days) == [7, 3]
    assert weeks.iloc[0].run_minutes == 30
    assert weeks.iloc[0].leg_pain == (3 + 4 + 3 + 4 + 3 + 4 + 3) / 7


def test_empty_diary_gives_an_empty_frame():
    frame = build_daily_frame([], [])
    assert len(frame) == 0 and "leg_pain_next_morning" in frame.columns


sessions = st.lists(
    st.tuples(st.sampled_from(list(Sport)), st.integers(0, 40), st.floats(1, 180)), max_size=25
)
checkin_days = st.dictionaries(st.integers(0, 40), st.integers(0, 10), max_size=41)


@settings(max_examples=60, deadline=None)
@given(sessions, checkin_days)
def test_frame_keeps_every_minute_and_every_checkin(raw_sessions, raw_checkins):
    activities = [session(sport, day, minutes) for sport, day, minutes in raw_sessions]
    checkins = [checkin(day, leg) for day, leg in raw_checkins.items()]
    frame = build_daily_frame(activities, checkins)
    total = {s: sum(m for sport, _, m in raw_sessions if sport is s) for s in Sport}
    assert math.isclose(frame.run_minutes.sum(), total[Sport.RUN], abs_tol=1e-6)
    assert math.isclose(frame.swim_minutes.sum(), total[Sport.SWIM], abs_tol=1e-6)
    low = total[Sport.SWIM] + total[Sport.CYCLE] + total[Sport.WALK]
    assert math.isclose(frame.low_impact_minutes.sum(), low, abs_tol=1e-6)
    assert int(frame.leg_pain.notna().sum()) == len(raw_checkins)
    for day, leg in raw_checkins.items():
        row = (DAY0 + dt.timedelta(days=day)) - frame.index[0].date()
        assert frame.iloc[row.days].leg_pain == leg
    if len(frame) > 1:
        shifted = frame.leg_pain.to_numpy()[1:]
        nxt = frame.leg_pain_next_morning.to_numpy()[:-1]
        assert all((a == b) or (math.isnan(a) and math.isnan(b)) for a, b in zip(shifted, nxt, strict=True))
