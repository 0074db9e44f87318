"""Editing or deleting a session re-judges it, and the plan follows (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.types import Activity, CheckIn, InvalidValue, Reach, Sport
from strideback.services import daily
from strideback.services.activity_edit import ActivityChanges, activity_detail, delete_activity, edit_activity
from strideback.store import records

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
TZ = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def two_green_runs(person: int) -> tuple[int, list[int]]:
    """Steady mornings for twelve days and two gentle runs with a rest day between (both green)."""
    for back in range(12, 0, -1):
        records.save_checkin(person, CheckIn(TODAY - dt.timedelta(days=back), 1, 2, reach=Reach.BUTTOCK))
    ids = []
    for back in (6, 4):
        start = dt.datetime.combine(TODAY - dt.timedelta(days=back), dt.time(8), tzinfo=TZ)
        run = Activity(Sport.RUN, start, 20 * 60, 3000, rpe=3, pain_during=1, pain_after=2)
        ids.append(records.add_activity(person, run))
    return person, ids


def test_activity_edit_rejudges_the_session_and_the_plan(two_green_runs):
    person, (_first, second) = two_green_runs
    before = daily.plan_overview(person, TODAY).to_json()["stage"]
    detail = activity_detail(person, second, TODAY)
    assert detail is not None and detail.response is not None and detail.response.light == "green"
    assert before == 2  # two greens in a row: on to stage 2

    edit_activity(person, second, ActivityChanges(pain_during=8))  # the person corrects it: it hurt

    detail = activity_detail(person, second, TODAY)
    assert detail is not None and detail.response is not None and detail.response.light == "red"
    assert daily.plan_overview(person, TODAY).to_json()["stage"] < before
    assert daily.today(person, TODAY).plan_stage in (None, 1)


def test_deleting_a_session_takes_it_out_of_the_plan(two_green_runs):
    person, (_first, second) = two_green_runs
    assert daily.plan_overview(person, TODAY).to_json()["stage"] == 2
    version = records.data_version(person)
    assert delete_activity(person, second)
    assert records.data_version(person) != version  # cached analysis and pages are rebuilt
    assert records.get_activity(person, second) is None
    assert daily.plan_overview(person, TODAY).to_json()["stage"] == 1  # one green left: not enough to move on


def test_an_edit_is_checked_and_writes_nothing_when_wrong(two_green_runs):
    person, (first, _) = two_green_runs
    stored = records.get_activity(person, first)
    for changes, field in (
        (ActivityChanges(km=500), "km"),
        (ActivityChanges(pain_after=11), "pain_after"),
        (ActivityChanges(sport="skiing"), "sport"),
        (ActivityChanges(minutes=0), "minutes"),
    ):
        with pytest.raises(InvalidValue) as error:
            edit_activity(person, first, changes)
        assert error.value.field == field
    assert records.get_activity(person, first) == stored


def test_someone_elses_session_is_not_found(two_green_runs):
    from strideback.store import models as m

    person, (first, _) = two_green_runs
    other = m.Person.objects.create().pk
    assert activity_detail(other, first, TODAY) is None
    assert edit_activity(other, first, ActivityChanges(note="x")) is None
    assert not delete_activity(other, first)
    assert records.get_activity(person, first) is not None


def test_edit_changes_sport_start_and_note(two_green_runs):
    person, (first, _) = two_green_runs
    start = dt.datetime.combine(TODAY - dt.timedelta(days=6), dt.time(17, 45), tzinfo=TZ)
    updated = edit_activity(
        person,
        first,
        ActivityChanges(sport="cycle", start=start, minutes=45, km=15, rpe=5, note="was a ride"),
    )
    assert updated is not None
    assert (updated.sport, updated.start, updated.duration_s, updated.distance_m) == (
        Sport.CYCLE,
        start,
        2700,
        15000,
    )
    assert (updated.rpe, updated.note) == (5, "was a ride")
