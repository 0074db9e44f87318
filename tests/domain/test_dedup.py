"""Same session from two sources: recognised by start, duration and sport; richer record kept."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.dedup import find_same_session, is_same_session, merge, richer, same_sport_family
from strideback.domain.types import Activity, Lap, Sport

START = dt.datetime(2024, 5, 1, 7, 0, tzinfo=dt.UTC)


def run(**changes) -> Activity:
    values = {"sport": Sport.RUN, "start": START, "duration_s": 1800.0, "distance_m": 5000.0, "source": "fit"}
    values.update(changes)
    return Activity(**values)


def test_watch_fit_and_strava_gpx_of_one_run_match():
    watch = run(laps=(Lap(START, 900), Lap(START + dt.timedelta(seconds=900), 900)), avg_hr=150)
    strava = run(start=START + dt.timedelta(seconds=40), duration_s=1750, source="gpx")
    assert is_same_session(watch, strava)


def test_worked_examples_of_what_does_not_match():
    assert not is_same_session(run(), run(start=START + dt.timedelta(minutes=6)))  # 6 min apart
    assert not is_same_session(run(), run(duration_s=1800 + 400))  # beyond 15% of 37 min (333 s)
    assert is_same_session(run(), run(duration_s=1800 + 170))  # within 3 minutes
    assert is_same_session(run(duration_s=7200), run(duration_s=7200 + 900))  # 15% of 2 h is fine
    assert not is_same_session(run(), run(sport=Sport.CYCLE))
    assert is_same_session(run(), run(sport=Sport.WALK))  # walk-run: on foot either way
    assert is_same_session(run(), run(sport=Sport.OTHER))  # the source did not know the sport


def test_closest_match_is_chosen():
    near = run(start=START + dt.timedelta(seconds=30), id=2)
    far = run(start=START + dt.timedelta(seconds=200), id=1)
    assert find_same_session(run(), [far, near]) is near
    assert find_same_session(run(), [run(sport=Sport.SWIM)]) is None


def test_richer_record_wins_and_ties_go_to_the_more_detailed_source():
    plain = run(source="strava", rpe=6)
    detailed = run(avg_hr=150, max_hr=170, laps=(Lap(START, 1800),))
    assert richer(plain, detailed) is detailed
    assert richer(detailed, plain) is detailed
    detail = {"fit": 0, "gpx": 3}.__getitem__  # the import service passes importers.registry.source_rank
    assert richer(run(source="gpx"), run(source="fit"), detail).source == "fit"


def test_merge_fills_gaps_but_keeps_the_kept_measurements():
    kept = run(avg_hr=150, distance_m=5000)
    other = run(source="strava", rpe=6, distance_m=4900, note="felt ok", pain_during=2)
    merged = merge(kept, other)
    assert merged.distance_m == 5000 and merged.avg_hr == 150
    assert merged.rpe == 6 and merged.pain_during == 2 and merged.note == "felt ok"
    assert merged.source == "fit"
    assert merge(run(sport=Sport.OTHER), run()).sport is Sport.RUN


def test_sport_families():
    assert same_sport_family(Sport.STRENGTH, Sport.MOBILITY)
    assert not same_sport_family(Sport.SWIM, Sport.RUN)


@given(st.integers(-900, 900), st.floats(60, 20000), st.floats(60, 20000))
def test_matching_is_symmetric(offset_s, duration_a, duration_b):
    a = run(duration_s=duration_a, distance_m=None)
    b = run(start=START + dt.timedelta(seconds=offset_s), duration_s=duration_b, distance_m=None)
    assert is_same_session(a, b) == is_same_session(b, a)
    if abs(offset_s) > 300:
        assert not is_same_session(a, b)
