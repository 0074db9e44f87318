"""Export archive → restore: a lossless round trip, and every damaged or foreign archive refused unwritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_zip import DAMAGES, damaged, members, with_member, without_member, write_zip
from strideback.domain import redflags
from strideback.domain.instruments import INSTRUMENTS, score
from strideback.domain.types import (
    MAX_SPEED_M_S,
    Activity,
    CheckIn,
    Lap,
    Person,
    PlanCaps,
    PlanEvent,
    PlanState,
    QuestionnaireResponse,
    Reach,
    RedFlagScreening,
    Sport,
)
from strideback.services import archive as service
from strideback.store import archive as tables_io
from strideback.store import models as m
from strideback.store import records

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2026, 1, 1))
OFFSETS = st.integers(-12 * 60, 14 * 60).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    sport = draw(st.sampled_from(list(Sport)))
    start = draw(st.datetimes(dt.datetime(2015, 1, 1), dt.datetime(2026, 1, 1), timezones=OFFSETS))
    duration = draw(st.floats(1, 6 * 3600, allow_nan=False))
    top_speed = MAX_SPEED_M_S.get(sport, 30.0)
    laps = draw(
        st.lists(
            st.builds(
                Lap,
                start=st.just(start),
                duration_s=st.floats(1, 3600, allow_nan=False),
                distance_m=maybe(st.floats(0, 5000, allow_nan=False)),
                avg_hr=maybe(st.floats(20, 250, allow_nan=False)),
            ),
            max_size=3,
        )
    )
    return Activity(
        sport=sport,
        start=start,
        duration_s=duration,
        distance_m=draw(maybe(st.floats(0, duration * top_speed * 0.99, allow_nan=False))),
        moving_s=draw(maybe(st.floats(0, duration, allow_nan=False))),
        elevation_gain_m=draw(maybe(st.floats(0, 3000, allow_nan=False))),
        avg_hr=draw(maybe(st.floats(20, 250, allow_nan=False))),
        max_hr=draw(maybe(st.floats(20, 250, allow_nan=False))),
        avg_cadence=draw(maybe(st.floats(0, 300, allow_nan=False))),
        rpe=draw(maybe(st.floats(0, 10, allow_nan=False))),
        pain_during=draw(maybe(st.integers(0, 10))),
        pain_after=draw(maybe(st.integers(0, 10))),
        source=draw(st.sampled_from(["manual", "fit", "gpx", "csv"])),
        fingerprint=draw(st.sampled_from(["", "fp"])),
        device=draw(maybe(TEXT.filter(bool))),
        note=draw(TEXT),
        laps=tuple(laps),
    )


@st.composite
def checkins(draw: st.DrawFn, day: dt.date) -> CheckIn:
    return CheckIn(
        date=day,
        back_pain=draw(st.integers(0, 10)),
        leg_pain=draw(st.integers(0, 10)),
        reach=draw(st.sampled_from(list(Reach))),
        numbness=draw(st.booleans()),
        tingling=draw(st.booleans()),
        weakness=draw(st.booleans()),
        stiffness_min=draw(maybe(st.integers(0, 1440))),
        sleep=draw(maybe(st.integers(0, 10))),
        note=draw(TEXT),
    )


@st.composite
def questionnaires(draw: st.DrawFn) -> QuestionnaireResponse:
    key = draw(st.sampled_from(sorted(INSTRUMENTS)))
    answers = tuple(draw(maybe(st.sampled_from(item.values))) for item in INSTRUMENTS[key].items)
    result = score(key, list(answers))
    return QuestionnaireResponse(key, draw(DAYS), answers, result.score, result.valid, result.band)


@st.composite
def screenings(draw: st.DrawFn) -> RedFlagScreening:
    answers = draw(st.dictionaries(st.sampled_from(redflags.KEYS), st.booleans(), max_size=6))
    result = redflags.screen(answers)
    return RedFlagScreening(date=draw(DAYS), answers=answers, level=result.level, reasons=result.reasons)


@st.composite
def plans(draw: st.DrawFn) -> PlanState:
    events = draw(
        st.lists(
            st.builds(
                PlanEvent,
                date=DAYS,
                stage_before=st.integers(1, 12),
                stage_after=st.integers(1, 12),
                kind=st.sampled_from(["start", "advance", "repeat", "step_back", "pause", "set"]),
                reason=TEXT,
            ),
            max_size=5,
        )
    )
    caps = PlanCaps(
        max_stage=draw(maybe(st.integers(1, 12))),
        pain_during_limit=draw(st.integers(0, 10)),
        avoid_sports=tuple(draw(st.lists(st.sampled_from(list(Sport)), max_size=2, unique=True))),
    )
    return PlanState(stage=draw(st.integers(1, 12)), caps=caps, history=tuple(events))


@st.composite
def people(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(DAYS, max_size=8, unique=True))
    return {
        "person": Person(
            name=draw(TEXT.filter(bool)),
            units=draw(st.sampled_from(["metric", "imperial"])),
            date_of_birth=draw(maybe(st.dates(dt.date(1930, 1, 1), dt.date(2010, 1, 1)))),
        ),
        "is_demo": draw(st.booleans()),
        "activities": draw(st.lists(activities(), max_size=6)),
        "extra_sources": draw(st.integers(0, 3)),
        "checkins": [draw(checkins(day)) for day in days],
        "questionnaires": draw(st.lists(questionnaires(), max_size=4)),
        "screenings": draw(st.lists(screenings(), max_size=4)),
        "linked_screening": draw(st.booleans()),
        "plan": draw(maybe(plans())),
        # (bytes, kept?, name): files the person imported; the ones not kept were too large
        "originals": draw(
            st.lists(
                st.tuples(st.binary(min_size=1, max_size=300), st.booleans(), TEXT.filter(bool)),
                max_size=4,
                unique_by=lambda item: item[0],
            )
        ),
    }


def original_file(content: bytes, name: str = "run.fit", kept: bool = True) -> records.OriginalFile:
    sha256 = hashlib.sha256(content).hexdigest()
    if kept:
        return records.OriginalFile(sha256, name, len(content), "fit")
    return records.OriginalFile(sha256, name, len(content), "xml", kept=False, reason="too large to keep")


def wipe() -> None:
    for model in reversed(list(tables_io.TABLES.values())):
        model.objects.all().delete()


def store_person(data: dict[str, Any]) -> int:
    person_id = records.get_or_create_local_person()
    records.update_person(person_id, data["person"], is_demo=data["is_demo"])
    activity_ids = []
    for index, activity in enumerate(data["activities"]):
        if activity.fingerprint:
            activity = Activity(**{**activity.__dict__, "fingerprint": f"fp-{index}"})
        activity_ids.append(records.add_activity(person_id, activity, source_name=f"file-{index}.fit"))
    for number in range(data["extra_sources"] if activity_ids else 0):
        records.add_activity_source(activity_ids[number % len(activity_ids)], "gpx", f"extra-{number}", None)
    checkin_ids = [records.save_checkin(person_id, c) for c in data["checkins"]]
    for index, screening in enumerate(data["screenings"]):
        linked = checkin_ids[index % len(checkin_ids)] if checkin_ids and data["linked_screening"] else None
        records.save_screening(person_id, screening, checkin_id=linked)
    for response in data["questionnaires"]:
        records.save_questionnaire(person_id, response)
    if data["plan"] is not None:
        records.save_plan_state(person_id, data["plan"])
    for content, kept, name in data["originals"]:
        records.add_original(person_id, original_file(content, name, kept), content if kept else b"")
    return person_id


def original_bytes(person_id: int) -> dict[str, bytes | None]:
    """Every recorded original's checksum -> its kept bytes (None when it was not kept)."""
    return {
        o.sha256: records.original_content(person_id, o.sha256) for o in records.list_originals(person_id)
    }


def comparable(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows with ids replaced by their position, and references by the position of the row they name."""
    positions = {name: {row["id"]: i for i, row in enumerate(rows)} for name, rows in tables.items()}
    result = {}
    for name, rows in tables.items():
        result[name] = []
        for row in rows:
            row = {**row, "id": positions[name][row["id"]]}
            for (table, column), target in tables_io.REFERENCES.items():
                if table == name and row[column] is not None:
                    row[column] = positions[target][row[column]]
            result[name].append(row)
    return result


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=people())
def test_export_then_restore_keeps_every_row_and_field(tmp_path: Path, data: dict[str, Any]) -> None:
    wipe()
    person_id = store_person(data)
    before = tables_io.dump_person(person_id)
    domain_before = domain_records(person_id)
    bytes_before = original_bytes(person_id)
    path = tmp_path / "archive.zip"
    service.export_archive(person_id, path)
    wipe()
    target = records.get_or_create_local_person()
    counts = service.restore_archive(target, service.read_archive(path))
    after = tables_io.dump_person(target)
    assert comparable(after) == comparable(before)
    assert counts == {name: len(rows) for name, rows in before.items()}
    assert domain_records(target) == domain_before
    assert original_bytes(target) == bytes_before
    assert len(bytes_before) == len(data["originals"])  # the property covers the originals too


def domain_records(person_id: int) -> list[Any]:
    """What the rest of the app reads back, ids left out."""
    without_id = [
        {**item.__dict__, "id": None}
        for item in (
            *records.list_activities(person_id),
            *records.list_checkins(person_id),
            *records.list_questionnaires(person_id),
            *records.list_screenings(person_id),
        )
    ]
    return [records.get_person(person_id).name, records.get_plan_state(person_id), *without_id]


# ---------------------------------------------------------------- refusals


ORIGINAL = b".FIT\x0e\x10 the watch's own bytes \x00\xff"
TOO_BIG = b"stands in for a multi-GB Apple Health export"
ORIGINAL_MEMBER = f"originals/{hashlib.sha256(ORIGINAL).hexdigest()}"


@pytest.fixture
def exported(person: int, tmp_path: Path) -> Path:
    records.update_person(person, Person(name="Sam"))
    records.add_activity(
        person,
        Activity(Sport.RUN, dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC), 1800.0, 5000.0, fingerprint="a"),
    )
    checkin_id = records.save_checkin(person, CheckIn(dt.date(2025, 3, 2), 3, 5, Reach.KNEE, note="ok"))
    records.save_screening(
        person,
        RedFlagScreening(dt.date(2025, 3, 2), {"fever": True}, "contact_clinician", ("fever",)),
        checkin_id,
    )
    records.add_original(person, original_file(ORIGINAL, "morning run.fit"), ORIGINAL)
    records.add_original(person, original_file(TOO_BIG, "export.xml", kept=False))
    path = tmp_path / "good.zip"
    service.export_archive(person, path)
    wipe()
    records.get_or_create_local_person()
    return path


def with_manifest(files: dict[str, bytes], **changes: Any) -> dict[str, bytes]:
    manifest = json.loads(files["manifest.json"])
    manifest.update(changes)
    return {**files, "manifest.json": json.dumps(manifest).encode()}


def nothing_written() -> bool:
    person = m.Person.objects.get()
    return not tables_io.home_has_records() and person.name == "Me"


def refused(path: Path, *words: str) -> None:
    with pytest.raises(service.ArchiveRefused) as error:
        checked = service.read_archive(path)
        service.restore_archive(records.get_or_create_local_person(), checked)
    message = str(error.value).lower()
    for word in words:
        assert word in message, message
    assert nothing_written()


def test_good_archive_restores(exported: Path) -> None:
    person_id = records.get_or_create_local_person()
    counts = service.restore_archive(person_id, service.read_archive(exported))
    assert counts["activities"] == 1 and counts["activity_sources"] == 1 and counts["screenings"] == 1
    assert records.get_person(person_id).name == "Sam"
    screening = m.RedFlagScreening.objects.get()
    assert screening.checkin_id == m.CheckIn.objects.get().pk  # the relation follows the new ids


def test_good_archive_restores_the_original_files(exported: Path) -> None:
    manifest = json.loads(members(exported)["manifest.json"])
    (listed,) = manifest["original_files"]
    assert listed["member"] == ORIGINAL_MEMBER and listed["name"] == "morning run.fit"
    assert listed["sha256"] == hashlib.sha256(ORIGINAL).hexdigest() and listed["bytes"] == len(ORIGINAL)
    assert manifest["files"][ORIGINAL_MEMBER]["sha256"] == listed["sha256"]
    assert members(exported)[ORIGINAL_MEMBER] == ORIGINAL
    person_id = records.get_or_create_local_person()
    counts = service.restore_archive(person_id, service.read_archive(exported))
    assert counts["imported_files"] == 2
    assert original_bytes(person_id) == {
        hashlib.sha256(ORIGINAL).hexdigest(): ORIGINAL,
        hashlib.sha256(TOO_BIG).hexdigest(): None,  # recorded as not kept, and still so
    }
    assert {o.name: o.kept for o in records.list_originals(person_id)} == {
        "morning run.fit": True,
        "export.xml": False,
    }


def test_a_corrupt_original_is_refused(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    damaged = ORIGINAL.replace(b"watch", b"wotch")
    refused(write_zip(tmp_path / "a.zip", {**files, ORIGINAL_MEMBER: damaged}), "checksum")
    # a manifest made to agree with the damaged bytes does not help: the member's name is its checksum
    refused(write_zip(tmp_path / "b.zip", with_member(files, ORIGINAL_MEMBER, damaged)), "checksum")
    for name in ("a.zip", "b.zip"):  # found by the check alone, before any restore begins
        with pytest.raises(service.ArchiveRefused, match="checksum"):
            service.read_archive(tmp_path / name)


def test_originals_must_match_the_table(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    missing = {k: v for k, v in files.items() if k != ORIGINAL_MEMBER}
    refused(write_zip(tmp_path / "missing.zip", missing), "missing")
    unlisted = without_member(files, ORIGINAL_MEMBER)
    refused(write_zip(tmp_path / "unlisted.zip", unlisted), "original files do not match")
    other = b"a file no row mentions"
    extra = with_member(files, f"originals/{hashlib.sha256(other).hexdigest()}", other)
    refused(write_zip(tmp_path / "extra.zip", extra), "original files do not match")
    refused(write_zip(tmp_path / "named.zip", {**files, "originals/run.fit": ORIGINAL}), "unexpected")


def test_an_original_damaged_after_the_check_writes_nothing(exported: Path) -> None:
    """Restore reads each original again inside its transaction; a change since the check undoes it all."""
    checked = service.read_archive(exported)
    files = members(exported)
    write_zip(exported, {**files, ORIGINAL_MEMBER: ORIGINAL.replace(b"watch", b"wotch")})
    with pytest.raises(service.ArchiveRefused, match="checksum"):
        service.restore_archive(records.get_or_create_local_person(), checked)
    assert nothing_written()


def as_version_1(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same archive as schema 1 wrote it: no imported_files table (nor the treatments of schema 3,
    nor the trial tables of schema 4, nor the plan limit settings of schema 5), no originals."""
    manifest = json.loads(files["manifest.json"])
    later = ("imported_files", "treatments", "trials", "trial_days", "plan_limit_settings")
    dropped = {*(f"tables/{t}.json" for t in later), *(k for k in files if k.startswith("originals/"))}
    manifest.update(schema_version=1, original_files=[])
    manifest["files"] = {k: v for k, v in manifest["files"].items() if k not in dropped}
    for table in later:
        manifest["columns"].pop(table, None)
        manifest["rows"].pop(table, None)
    kept = {k: v for k, v in files.items() if k not in dropped}
    return {**kept, "manifest.json": json.dumps(manifest).encode()}


def test_a_version_1_archive_still_restores(exported: Path, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "v1.zip", as_version_1(members(exported)))
    person_id = records.get_or_create_local_person()
    checked = service.read_archive(path)
    assert checked.manifest["schema_version"] == 1
    counts = service.restore_archive(person_id, checked)
    assert counts["activities"] == 1 and counts["screenings"] == 1 and counts["imported_files"] == 0
    assert records.get_person(person_id).name == "Sam"
    assert records.list_originals(person_id) == []


def test_a_version_1_archive_cannot_carry_version_2_files(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    v1 = as_version_1(files)
    refused(write_zip(tmp_path / "a.zip", with_member(v1, ORIGINAL_MEMBER, ORIGINAL)), "unexpected")
    table = files["tables/imported_files.json"]
    refused(write_zip(tmp_path / "b.zip", with_member(v1, "tables/imported_files.json", table)), "unexpected")


def test_bad_checksum_is_refused(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    files["tables/checkins.json"] = files["tables/checkins.json"].replace(b'"leg_pain": 5', b'"leg_pain": 4')
    refused(write_zip(tmp_path / "bad.zip", files), "checksum")


def test_truncated_zip_is_refused(exported: Path, tmp_path: Path) -> None:
    data = exported.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 20):
        path = tmp_path / f"cut-{cut}.zip"
        path.write_bytes(data[:cut])
        refused(path)


def test_not_a_zip_is_refused(person: int, tmp_path: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_text("just text")
    refused(path, "zip")


def test_bad_json_is_refused(exported: Path, tmp_path: Path) -> None:
    files = with_member(members(exported), "tables/activities.json", b'[{"id": 1,')
    refused(write_zip(tmp_path / "bad.zip", files), "json")


def test_foreign_archives_are_refused(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    no_manifest = {k: v for k, v in files.items() if k != "manifest.json"}
    refused(write_zip(tmp_path / "a.zip", no_manifest), "manifest")
    refused(write_zip(tmp_path / "b.zip", with_manifest(files, format="something-else")), "not a strideback")
    refused(write_zip(tmp_path / "c.zip", with_manifest(files, schema_version=99)), "newer")
    refused(write_zip(tmp_path / "d.zip", with_manifest(files, schema_version="1")), "schema_version")
    refused(write_zip(tmp_path / "e.zip", {**files, "evil/../../x.txt": b"x"}), "unexpected")
    refused(write_zip(tmp_path / "f.zip", {"manifest.json": b"[1, 2]"}), "not a strideback")


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
@pytest.mark.parametrize("member", ["manifest.json", "tables/checkins.json"])
def test_a_damaged_zip_is_refused_as_damaged(exported: Path, tmp_path: Path, damage, member: str) -> None:
    """The zip library's own complaints (a bad deflate block escaped as zlib.error, a negative seek as
    ValueError; found by a mutation fuzzer, session 5) are a refusal that says the archive is damaged."""
    path = tmp_path / "damaged.zip"
    path.write_bytes(damaged(exported.read_bytes(), damage, member))
    with pytest.raises(service.ArchiveRefused) as error:
        service.read_archive(path)
    assert "damaged" in str(error.value) or "not a readable zip" in str(error.value), error.value
    assert nothing_written()


def test_rows_that_do_not_fit_are_refused(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    rows = json.loads(files["tables/checkins.json"])
    cases = {
        "wrong type": [{**rows[0], "leg_pain": "five"}],
        "unknown column": [{**rows[0], "mood": 3}],
        "missing column": [{k: v for k, v in rows[0].items() if k != "reach"}],
        "off the choices": [{**rows[0], "reach": "shoulder"}],
        "no timezone": [{**rows[0], "created_at": "2025-03-02T08:00:00"}],
    }
    for number, (case, bad) in enumerate(cases.items()):
        path = write_zip(
            tmp_path / f"rows-{number}.zip",
            with_member(files, "tables/checkins.json", json.dumps(bad).encode()),
        )
        with pytest.raises(service.ArchiveRefused):
            service.read_archive(path)
        assert nothing_written(), case
    sources = json.loads(files["tables/activity_sources.json"])
    dangling = [{**sources[0], "activity_id": 999}]
    path = write_zip(
        tmp_path / "dangling.zip",
        with_member(files, "tables/activity_sources.json", json.dumps(dangling).encode()),
    )
    refused(path, "not in activities")


def test_a_row_the_database_refuses_writes_nothing(exported: Path, tmp_path: Path) -> None:
    files = members(exported)
    rows = json.loads(files["tables/checkins.json"])
    bad = [{**rows[0], "back_pain": 11}]  # passes the type checks; the table's constraint refuses it
    path = write_zip(
        tmp_path / "constraint.zip", with_member(files, "tables/checkins.json", json.dumps(bad).encode())
    )
    refused(path, "refused")


def test_oversized_archives_are_refused(exported: Path, tmp_path: Path) -> None:
    small = service.Limits(archive_bytes=100)
    with pytest.raises(service.ArchiveRefused, match="refused"):
        service.read_archive(exported, small)
    with pytest.raises(service.ArchiveRefused, match=r"too large|more than"):
        service.read_archive(exported, service.Limits(member_bytes=50))
    with pytest.raises(service.ArchiveRefused, match="more than"):
        service.read_archive(exported, service.Limits(total_bytes=200))
    with pytest.raises(service.ArchiveRefused, match="files"):
        service.read_archive(exported, service.Limits(members=3))
    assert nothing_written()


def test_restore_refuses_a_home_with_records(exported: Path) -> None:
    person = records.get_or_create_local_person()
    records.save_checkin(person, CheckIn(dt.date(2025, 1, 1), 1, 1))
    with pytest.raises(service.ArchiveRefused, match="already holds records"):
        service.restore_archive(person, service.read_archive(exported))
    assert m.CheckIn.objects.count() == 1


def test_schema_change_needs_a_new_version() -> None:
    """Adding or renaming a column changes what archives hold: bump SCHEMA_VERSION and update this list."""
    assert tables_io.SCHEMA_VERSION == 5  # issue 14: who set the plan limits (see TABLE_SINCE)
    assert "imported_files" not in tables_io.tables_in(1)
    columns = tables_io.table_columns()
    assert columns["imported_files"] == [
        "id",
        "sha256",
        "name",
        "size",
        "kind",
        "kept",
        "reason",
        "imported_at",
    ]
    assert columns["checkins"] == [
        "id",
        "date",
        "back_pain",
        "leg_pain",
        "reach",
        "numbness",
        "tingling",
        "weakness",
        "stiffness_min",
        "sleep",
        "note",
        "created_at",
        "updated_at",
        "recorded_at",
        "side",
        "quality",
    ]
    assert columns["treatments"] == ["id", "date", "name", "dose", "note", "created_at"]  # schema 3
    assert columns["trials"] == [
        "id", "start", "weeks", "key", "seeded", "state", "stopped_on", "created_at",
    ]  # schema 4  # fmt: skip
    assert columns["trial_days"] == [
        "id", "trial_id", "date", "allocation", "revealed", "deviation", "ran", "updated_at",
    ]  # schema 4  # fmt: skip
    assert columns["plan_limit_settings"] == [
        "id", "clinician_email", "at", "plan_event_id", "max_stage", "pain_during_limit", "avoid_sports",
    ]  # schema 5: no clinician account id (the account is not the person's)  # fmt: skip
    assert sum(len(c) for c in columns.values()) == 116


def test_a_version_2_archive_without_the_issue_11_columns_still_restores(
    exported: Path, tmp_path: Path
) -> None:
    files = members(exported)
    manifest = json.loads(files["manifest.json"])
    manifest["schema_version"] = 2
    changed = dict(files)
    for (table, column), _since in tables_io.COLUMN_SINCE.items():
        name = f"tables/{table}.json"
        rows = [{k: v for k, v in row.items() if k != column} for row in json.loads(files[name])]
        changed[name] = json.dumps(rows).encode()
        manifest["columns"][table] = [c for c in manifest["columns"][table] if c != column]
        manifest["files"][name] = {
            "sha256": hashlib.sha256(changed[name]).hexdigest(),
            "size": len(changed[name]),
        }
    for table, since in tables_io.TABLE_SINCE.items():  # tables a version-2 archive did not have yet
        if since > 2:
            changed.pop(f"tables/{table}.json", None)
            manifest["files"].pop(f"tables/{table}.json", None)
            manifest["columns"].pop(table, None)
    changed["manifest.json"] = json.dumps(manifest).encode()
    path = write_zip(tmp_path / "v2.zip", changed)
    person_id = records.get_or_create_local_person()
    counts = service.restore_archive(person_id, service.read_archive(path))
    assert counts["checkins"] >= 1
    assert all(c.recorded_at is None for c in records.list_checkins(person_id))
