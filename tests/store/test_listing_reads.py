"""Issue 17: the lists of sessions and check-ins are read as plain rows (values_list), not model instances.
They must give what reading model instances gave: the same domain objects in the same order, and a
stored row that fails the domain's checks left out and flagged under its own id."""

from __future__ import annotations

import datetime as dt

from strideback.store import models as m
from strideback.store import records
from strideback.store.records.activities import _to_activity
from strideback.store.records.checkins import _to_checkin
from strideback.store.records.flagged import flagged_rows, forget_flagged, readable

START = dt.datetime(2025, 3, 1, 7, 0, tzinfo=dt.UTC)


def _activities(person: int) -> list[int]:
    ids = []
    for n in range(12):
        row = m.Activity.objects.create(
            person_id=person,
            sport=("run", "walk", "swim")[n % 3],
            start=START + dt.timedelta(days=n, hours=n % 5),
            utc_offset_min=(0, 60, -300, 330)[n % 4],
            duration_s=1800.0 + n,
            distance_m=None if n % 4 == 0 else 3000.0 + 10 * n,
            rpe=None if n % 2 else float(n % 10),
            pain_during=None if n % 3 else n % 6,
            pain_after=n % 7,
            source="fit",
            note=f"session {n}",
            laps=[] if n % 5 else [{"start": START.isoformat(), "duration_s": 60.0, "distance_m": 200.0}],
        )
        ids.append(row.pk)
    return ids


def test_sessions_read_as_rows_are_those_read_as_instances(person):
    _activities(person)
    by_instance = readable(m.Activity.objects.filter(person_id=person), _to_activity, "activities")
    assert records.list_activities(person) == by_instance
    assert [a.id for a in by_instance] == sorted(a.id for a in by_instance)  # ordered by start, then id
    since = START.date() + dt.timedelta(days=4)
    assert records.list_activities(person, since=since) == [a for a in by_instance if a.day >= since]


def test_checkins_read_as_rows_are_those_read_as_instances(person):
    for n in range(10):
        m.CheckIn.objects.create(
            person_id=person,
            date=START.date() + dt.timedelta(days=n),
            back_pain=n % 11,
            leg_pain=(n * 3) % 11,
            reach=("none", "thigh", "foot")[n % 3],
            side=(None, "left", "both")[n % 3],
            quality=[] if n % 2 else ["aching", "burning"],
            numbness=n % 2 == 0,
            sleep=None if n % 4 else n % 11,
            note=f"morning {n}",
        )
    by_instance = readable(m.CheckIn.objects.filter(person_id=person), _to_checkin, "checkins")
    assert records.list_checkins(person) == by_instance
    assert len(by_instance) == 10


def test_rows_failing_the_checks_are_left_out_and_flagged_by_id(person):
    forget_flagged()
    ids = _activities(person)
    m.Activity.objects.filter(pk=ids[2]).update(duration_s=-5.0)
    m.Activity.objects.filter(pk=ids[5]).update(sport="skate")
    bad_day = m.CheckIn.objects.create(person_id=person, date=dt.date(1, 1, 1), back_pain=1, leg_pain=1)
    good_day = m.CheckIn.objects.create(person_id=person, date=START.date(), back_pain=1, leg_pain=1)
    listed = records.list_activities(person)
    assert [a.id for a in listed] == [i for i in ids if i not in (ids[2], ids[5])]
    assert [c.id for c in records.list_checkins(person)] == [good_day.pk]
    flagged = flagged_rows()
    assert ("activities", ids[2], "duration_s") in flagged
    assert ("activities", ids[5], "ValueError") in flagged
    assert ("checkins", bad_day.pk, "date") in flagged
