"""The personal trial travels in the export archive (issue 13): round trip, older archives, checked rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from archive_zip import as_schema, later_tables, members, with_member, write_zip
from strideback.domain import redflags
from strideback.domain.types import CheckIn, Reach
from strideback.services import archive as service
from strideback.store import archive as tables_io
from strideback.store import records

START = dt.date(2026, 6, 1)
TRIAL_TABLES = ("trials", "trial_days")


@pytest.fixture
def clock(monkeypatch):
    from strideback.services import trial

    now = {"day": START}
    monkeypatch.setattr(trial, "clock", lambda: now["day"])
    return now


def wipe() -> None:
    for model in reversed(list(tables_io.TABLES.values())):
        model.objects.all().delete()


def run_a_trial(person: int, clock: dict[str, dt.date], days: int = 8) -> None:
    """Start a seeded trial and live `days` days of it: check in, see the draw, run on run days."""
    from strideback.services import activities, checkins, daily, screening
    from strideback.services import trial as trials

    screening.record_screening(person, dict.fromkeys(redflags.KEYS, False), START, full_screen=True)
    trials.start(person, START, weeks=6, seed=4)
    for offset in range(days):
        day = START + dt.timedelta(days=offset)
        clock["day"] = day
        checkins.record_check_in(person, CheckIn(date=day, back_pain=2, leg_pain=3, reach=Reach.THIGH))
        advice = daily.today(person, day)
        if advice.trial and advice.trial.allocation == "run" and advice.suggestion.is_run:
            activities.log_activity(person, "run", day, minutes=20.0, pain_during=2, pain_after=2)
    clock["day"] = START + dt.timedelta(days=days)


def trial_view(person: int) -> dict[str, Any]:
    """What the app reads back about the trial (ids and the sealed key's use included)."""
    from strideback.domain.trial.design import allocations_until
    from strideback.services import trial as trials

    trial = records.latest_trial(person)
    assert trial is not None
    day = trials.clock()
    status = trials.status(person, day).to_json()  # settles the days that are over, first
    return {
        "status": status,
        "analysis": trials.analyze(person, day).to_json(),
        "design": trial.design,
        "key": trial.key,
        "state": trial.state,
        "seeded": trial.seeded,
        "stopped_on": trial.stopped_on,
        "days": records.list_trial_days(person, trial.id),
        "schedule": allocations_until(trial.design, trial.key, trial.design.end),
    }


@pytest.mark.django_db
def test_export_then_restore_keeps_the_trial_its_days_and_its_key(person, clock, tmp_path: Path) -> None:
    run_a_trial(person, clock)
    before = trial_view(person)
    assert before["days"], "the trial has settled days"
    path = tmp_path / "archive.zip"
    counts = service.export_archive(person, path)
    assert counts["trials"] == 1 and counts["trial_days"] == len(before["days"])
    wipe()
    target = records.get_or_create_local_person()
    restored = service.restore_archive(target, service.read_archive(path))
    assert restored["trials"] == 1 and restored["trial_days"] == len(before["days"])
    after = trial_view(target)
    assert after == before  # same draws, same deviations, same answer: the key came back


@pytest.mark.django_db
def test_a_schema_3_archive_without_trial_tables_still_restores(person, clock, tmp_path: Path) -> None:
    run_a_trial(person, clock, days=2)
    path = tmp_path / "archive.zip"
    service.export_archive(person, path)
    wipe()
    assert set(TRIAL_TABLES) <= set(later_tables(3))
    old = write_zip(tmp_path / "v3.zip", as_schema(members(path), 3))
    target = records.get_or_create_local_person()
    counts = service.restore_archive(target, service.read_archive(old))
    assert counts["trials"] == 0 and counts["trial_days"] == 0 and counts["checkins"] == 2
    assert records.latest_trial(target) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("table", "change", "words"),
    [
        ("trial_days", {"allocation": "sprint"}, "allocation"),
        ("trial_days", {"deviation": "bored"}, "deviation"),
        ("trial_days", {"trial_id": 999}, "trial_id"),
        ("trial_days", {"date": "2020-01-01"}, "outside"),
        ("trials", {"key": "not a key"}, "key"),
        ("trials", {"weeks": 99}, "weeks"),
        ("trials", {"state": "paused"}, "state"),
    ],
)
def test_trial_rows_that_could_not_have_been_written_are_refused(
    person, clock, tmp_path: Path, table: str, change: dict[str, Any], words: str
) -> None:
    run_a_trial(person, clock, days=2)
    path = tmp_path / "archive.zip"
    service.export_archive(person, path)
    wipe()
    files = members(path)
    name = f"tables/{table}.json"
    rows = json.loads(files[name])
    rows[0].update(change)
    damaged = write_zip(tmp_path / "bad.zip", with_member(files, name, json.dumps(rows).encode()))
    with pytest.raises(service.ArchiveRefused) as error:
        service.restore_archive(records.get_or_create_local_person(), service.read_archive(damaged))
    assert words in str(error.value)
    assert not tables_io.home_has_records()
