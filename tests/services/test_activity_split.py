"""Issue 15: a wrong merge is split back into separate sessions; nothing is lost, everything follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gpx_files import write_gpx
from strideback.domain.types import CheckIn, InvalidValue, Reach, Sport
from strideback.services import daily
from strideback.services.activity_split import split_activity
from strideback.services.importing import import_paths
from strideback.store import records

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
TZ = dt.timezone(dt.timedelta(hours=1))


def merged_pair(person: int, tmp_path: Path) -> int:
    """A run from the watch and, two minutes later, a partner's walk from another app: merged as one."""
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(8), tzinfo=TZ)
    run = write_gpx(tmp_path / "watch_run.gpx", start, 30, "running", "Watch", step_m=14)
    walk = write_gpx(tmp_path / "phone_walk.gpx", start + dt.timedelta(minutes=2), 32, "walking", "Phone", 7)
    assert import_paths(person, [str(run)]).imported == 1
    report = import_paths(person, [str(walk)])
    assert report.merged == 1, report.to_json()
    [session] = records.list_activities(person)
    assert session.id is not None
    return session.id


def test_split_gives_each_source_its_session_back(person: int, tmp_path: Path) -> None:
    session_id = merged_pair(person, tmp_path)
    records.update_activity_pain(session_id, 2, 3)  # typed by hand on the merged session
    before = {s["fingerprint"]: s["record"] for s in records.activity_sources(session_id)}
    version = records.data_version(person)

    result = split_activity(person, session_id)

    assert result is not None and len(result.split_off) == 1
    assert records.data_version(person) != version  # pages, the plan and the analysis are recomputed
    stored = sorted(records.list_activities(person), key=lambda a: a.start)
    assert [a.sport for a in stored] == [Sport.RUN, Sport.WALK]
    kept, other = stored
    assert kept.id == session_id and (kept.pain_during, kept.pain_after) == (
        2,
        3,
    )  # the person's entries stay
    assert other.pain_during is None
    for activity in stored:  # each is its own record again, nothing lost
        record = before[activity.fingerprint]
        assert activity.duration_s == record["duration_s"] and activity.distance_m == record["distance_m"]
        assert [s["fingerprint"] for s in records.activity_sources(activity.id)] == [activity.fingerprint]


def test_split_sessions_are_judged_again(person: int, tmp_path: Path) -> None:
    for back in range(10, 0, -1):
        records.save_checkin(person, CheckIn(TODAY - dt.timedelta(days=back), 1, 2, reach=Reach.BUTTOCK))
    session_id = merged_pair(person, tmp_path)
    result = split_activity(person, session_id)
    assert result is not None
    responses = daily.session_responses(
        person, records.list_activities(person), records.list_checkins(person), TODAY
    )
    assert {r.activity_id for r in responses} == {session_id, result.split_off[0].id}


def test_a_session_with_one_source_is_not_split(person: int, tmp_path: Path) -> None:
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(8), tzinfo=TZ)
    import_paths(person, [str(write_gpx(tmp_path / "one.gpx", start, 30))])
    [session] = records.list_activities(person)
    with pytest.raises(InvalidValue) as raised:
        split_activity(person, session.id)
    assert raised.value.field == "id"
    assert records.list_activities(person) == [session]
    assert split_activity(person, 999_999) is None


def test_reimporting_a_split_file_adds_nothing(person: int, tmp_path: Path) -> None:
    session_id = merged_pair(person, tmp_path)
    split_activity(person, session_id)
    again = import_paths(person, [str(tmp_path / "phone_walk.gpx"), str(tmp_path / "watch_run.gpx")])
    assert again.imported == 0
    assert len(records.list_activities(person)) == 2
