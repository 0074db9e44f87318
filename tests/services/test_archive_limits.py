"""Plan limits a clinician set travel in the export archive (schema 5): round trip, older archives,
rows that could not have been written are refused. The clinician's account is not part of a person's
archive: a restored setting keeps the clinician's email and has no account."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from archive_zip import as_schema, later_tables, members, with_member, write_zip
from strideback.domain.accounts import Role
from strideback.domain.types import CheckIn, Reach
from strideback.services import archive as service
from strideback.store import archive as tables_io
from strideback.store import models as m
from strideback.store import records

TABLE = "plan_limit_settings"


@pytest.fixture
def ann(db, settings) -> int:
    """A person whose clinician set her plan limits twice (the newer setting is current)."""
    from strideback.services import accounts, consent
    from strideback.services.clinician_limits import set_limits

    settings.SERVER_MODE = True
    person = accounts.add_account("ann@example.org", Role.PERSON).account
    doctor = accounts.add_account("dr@example.org", Role.CLINICIAN).account
    today = dt.date.today()
    records.save_checkin(person.person_id, CheckIn(date=today, back_pain=2, leg_pain=3, reach=Reach.THIGH))
    consent.accept(consent.invite(person), doctor)
    set_limits(doctor, person.person_id, today, max_stage=5, pain_during_limit=3, avoid_sports=["swim"])
    set_limits(doctor, person.person_id, today, max_stage=4, pain_during_limit=2)
    return person.person_id


def wipe() -> None:
    m.PlanLimitSetting.objects.all().delete()
    for model in reversed(list(tables_io.TABLES.values())):
        if model is not m.Person:
            model.objects.all().delete()


def export_and_wipe(person: int, tmp_path: Path) -> Path:
    path = tmp_path / "archive.zip"
    service.export_archive(person, path)
    wipe()
    return path


def test_export_then_restore_keeps_who_set_the_limits_and_when(ann: int, tmp_path: Path) -> None:
    from strideback.services.clinician_limits import limit_setting

    before = limit_setting(ann)
    assert before is not None and before.current
    path = export_and_wipe(ann, tmp_path)
    assert limit_setting(ann) is None
    counts = service.restore_archive(ann, service.read_archive(path))
    assert counts[TABLE] == 2
    assert limit_setting(ann) == before  # same clinician email, time, limits, and still the current one
    rows = list(m.PlanLimitSetting.objects.filter(person_id=ann).order_by("id"))
    assert [r.clinician_id for r in rows] == [None, None]  # the clinician's account is not in the archive
    caps_inputs = set(m.PlanEvent.objects.filter(person_id=ann).values_list("id", flat=True))
    assert all(r.plan_event_id in caps_inputs for r in rows)  # linked to the restored plan inputs


def test_the_archive_does_not_carry_the_clinicians_account(ann: int, tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    service.export_archive(ann, path)
    rows = json.loads(members(path)[f"tables/{TABLE}.json"])
    assert rows and all("clinician_id" not in row for row in rows)
    assert {row["clinician_email"] for row in rows} == {"dr@example.org"}


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_an_older_archive_without_limit_settings_still_restores(
    ann: int, tmp_path: Path, version: int
) -> None:
    from strideback.services.clinician_limits import limit_setting

    assert TABLE in later_tables(version)
    path = export_and_wipe(ann, tmp_path)
    old = write_zip(tmp_path / f"v{version}.zip", as_schema(members(path), version))
    checked = service.read_archive(old)
    assert checked.manifest["schema_version"] == version
    counts = service.restore_archive(ann, checked)
    assert counts[TABLE] == 0 and counts["checkins"] == 1
    assert limit_setting(ann) is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"pain_during_limit": 6}, "pain limit"),
        ({"pain_during_limit": -1}, "pain limit"),
        ({"max_stage": 99}, "max stage"),
        ({"max_stage": 0}, "max stage"),
        ({"avoid_sports": ["curling"]}, "avoid"),
        ({"avoid_sports": "swim"}, "avoid_sports"),
        ({"at": "2999-01-01T00:00:00+00:00"}, "at"),
        ({"plan_event_id": 999999}, "plan_event_id"),
        ({"clinician_email": ""}, "clinician_email"),
    ],
)
def test_limit_settings_that_could_not_have_been_written_are_refused(
    ann: int, tmp_path: Path, change: dict[str, Any], words: str
) -> None:
    path = export_and_wipe(ann, tmp_path)
    files = members(path)
    name = f"tables/{TABLE}.json"
    rows = json.loads(files[name])
    rows[0].update(change)
    damaged = write_zip(tmp_path / "bad.zip", with_member(files, name, json.dumps(rows).encode()))
    with pytest.raises(service.ArchiveRefused) as error:
        service.restore_archive(ann, service.read_archive(damaged))
    assert TABLE in str(error.value) and words in str(error.value)
    assert not tables_io.home_has_records()
