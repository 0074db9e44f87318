"""The store on a real database (SQLite by default; PostgreSQL when STRIDEBACK_DATABASE_URL is set)."""

import datetime as dt

import pytest

from strideback.domain.types import (
    Activity,
    CheckIn,
    Lap,
    PlanCaps,
    PlanEvent,
    PlanState,
    QuestionnaireResponse,
    Reach,
    RedFlagScreening,
    Sport,
)
from strideback.store import records

TZ = dt.timezone(dt.timedelta(hours=2))


def _run(**kwargs) -> Activity:
    base = {
        "sport": Sport.RUN,
        "start": dt.datetime(2026, 5, 3, 7, 15, tzinfo=TZ),
        "duration_s": 1800.0,
        "distance_m": 5000.0,
        "moving_s": 1750.0,
        "elevation_gain_m": 42.0,
        "avg_hr": 151.0,
        "max_hr": 172.0,
        "avg_cadence": 168.0,
        "rpe": 5.0,
        "pain_during": 2,
        "pain_after": 3,
        "source": "fit",
        "fingerprint": "fit:abc",
        "device": "Forerunner",
        "note": "easy loop",
        "laps": (Lap(start=dt.datetime(2026, 5, 3, 7, 15, tzinfo=TZ), duration_s=900.0, distance_m=2500.0),),
    }
    return Activity(**{**base, **kwargs})


def test_activity_round_trips_every_field_and_keeps_local_offset(person):
    activity = _run()
    activity_id = records.add_activity(person, activity, source_name="a.fit")
    [stored] = records.list_activities(person)
    assert stored.id == activity_id
    assert stored.start == activity.start and stored.start.utcoffset() == dt.timedelta(hours=2)
    for field in (
        "sport",
        "duration_s",
        "distance_m",
        "moving_s",
        "elevation_gain_m",
        "avg_hr",
        "max_hr",
        "avg_cadence",
        "rpe",
        "pain_during",
        "pain_after",
        "source",
        "fingerprint",
        "device",
        "note",
        "laps",
    ):
        assert getattr(stored, field) == getattr(activity, field), field


def test_fingerprint_lookup_and_extra_sources(person):
    activity_id = records.add_activity(person, _run(), source_name="a.fit")
    assert records.find_activity_by_fingerprint(person, "fit:abc") == activity_id
    assert records.find_activity_by_fingerprint(person, "gpx:zzz") is None
    records.add_activity_source(activity_id, "strava", "gpx:zzz", "export.zip!a.gpx")
    records.add_activity_source(activity_id, "strava", "gpx:zzz", "again")  # idempotent
    assert records.find_activity_by_fingerprint(person, "gpx:zzz") == activity_id
    assert [s["source"] for s in records.activity_sources(activity_id)] == ["fit", "strava"]


def test_replace_activity_keeps_id_and_sources(person):
    activity_id = records.add_activity(person, _run())
    records.replace_activity(activity_id, _run(distance_m=5100.0, source="strava", fingerprint="gpx:1"))
    stored = records.get_activity(person, activity_id)
    assert stored is not None and stored.distance_m == 5100.0
    assert records.find_activity_by_fingerprint(person, "fit:abc") == activity_id


def test_list_activities_filters_by_local_day(person):
    late = dt.datetime(2026, 5, 3, 23, 30, tzinfo=TZ)  # 21:30 UTC, still 3 May locally
    records.add_activity(person, _run(start=late, fingerprint="x"))
    records.add_activity(person, _run(start=late + dt.timedelta(days=1), fingerprint="y"))
    assert [a.day for a in records.list_activities(person, since=dt.date(2026, 5, 4))] == [
        dt.date(2026, 5, 4)
    ]
    assert [a.day for a in records.list_activities(person, until=dt.date(2026, 5, 3))] == [
        dt.date(2026, 5, 3)
    ]


def test_activities_between(person):
    records.add_activity(person, _run())
    start = dt.datetime(2026, 5, 3, 5, 0, tzinfo=dt.UTC)
    assert len(records.activities_between(person, start, start + dt.timedelta(hours=1))) == 1
    assert (
        records.activities_between(person, start + dt.timedelta(hours=2), start + dt.timedelta(hours=3)) == []
    )


def test_checkin_round_trip_and_replace(person):
    checkin = CheckIn(
        date=dt.date(2026, 5, 4),
        back_pain=3,
        leg_pain=5,
        reach=Reach.CALF,
        numbness=True,
        tingling=True,
        weakness=False,
        stiffness_min=20,
        sleep=6,
        note="stiff",
    )
    records.save_checkin(person, checkin)
    stored = records.get_checkin(person, dt.date(2026, 5, 4))
    # issue 11: the store stamps when the check-in was entered; every value round-trips
    assert stored is not None and stored.recorded_at is not None
    assert {**stored.__dict__, "id": None, "recorded_at": None} == {**checkin.__dict__, "id": None}
    with pytest.raises(records.CheckInExists):
        records.save_checkin(person, checkin)
    records.save_checkin(person, CheckIn(date=dt.date(2026, 5, 4), back_pain=1, leg_pain=1), replace=True)
    assert [c.leg_pain for c in records.list_checkins(person)] == [1]


def test_questionnaires_screenings_and_plan(person):
    records.save_questionnaire(
        person, QuestionnaireResponse("odi", dt.date(2026, 5, 1), (1, 2, None), 40.0, True, "moderate")
    )
    [q] = records.list_questionnaires(person, "odi")
    assert q.answers == (1, 2, None) and q.score == 40.0 and q.band == "moderate"
    assert records.list_questionnaires(person, "rmdq") == []
    records.save_screening(
        person, RedFlagScreening(dt.date(2026, 5, 1), {"bladder": True}, "emergency", ("bladder",))
    )
    [s] = records.list_screenings(person)
    assert s.level == "emergency" and s.answers == {"bladder": True} and s.reasons == ("bladder",)
    assert records.get_plan_state(person) is None
    event = PlanEvent(dt.date(2026, 5, 2), 1, 2, "advance", "two green sessions")
    state = PlanState(
        stage=2,
        caps=PlanCaps(max_stage=4, pain_during_limit=2, avoid_sports=(Sport.CYCLE,)),
        history=(event,),
    )
    records.save_plan_state(person, state)
    records.save_plan_state(person, state)  # history is appended once, not twice
    assert records.get_plan_state(person) == state


def test_every_record_belongs_to_its_person(person):
    from strideback.store import models

    other = models.Person.objects.create(name="Other").pk
    records.add_activity(other, _run())
    records.save_checkin(other, CheckIn(date=dt.date(2026, 5, 4), back_pain=1, leg_pain=1))
    assert records.list_activities(person) == []
    assert records.list_checkins(person) == []
    assert records.find_activity_by_fingerprint(person, "fit:abc") is None


def test_a_failed_write_leaves_nothing(person):
    with pytest.raises(RuntimeError), records.atomic():
        records.add_activity(person, _run())
        raise RuntimeError("boom")
    assert records.list_activities(person) == []
