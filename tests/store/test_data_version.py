"""The person's data version: every write bumps it in its own transaction, and nothing else does."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable

import pytest

from strideback.domain.plan_derive import PlanInput
from strideback.domain.redflags import Assessment
from strideback.domain.treatments import Treatment
from strideback.domain.trial.design import StoredDay, TrialDesign
from strideback.domain.types import (
    Activity,
    CheckIn,
    InvalidValue,
    Person,
    PlanCaps,
    PlanEvent,
    PlanState,
    QuestionnaireResponse,
    RedFlagScreening,
    Sport,
)
from strideback.store import records

DAY = dt.date(2026, 5, 3)
START = dt.datetime(2026, 5, 3, 7, 15, tzinfo=dt.UTC)


def _run(fingerprint: str = "") -> Activity:
    return Activity(sport=Sport.RUN, start=START, duration_s=1800.0, fingerprint=fingerprint, source="fit")


def _plan() -> PlanState:
    event = PlanEvent(date=DAY, stage_before=1, stage_after=2, kind="advance", reason="two greens")
    return PlanState(stage=2, caps=PlanCaps(), history=(event,))


def _stored_activity(person: int) -> int:
    return records.add_activity(person, _run("fit:one"))


# Each write, given the person and (for writes on an existing record) what it needs, already stored.
WRITES: dict[str, Callable[[int], object]] = {
    "update_person": lambda p: records.update_person(p, Person(name="Ann", units="metric")),
    "clear_person_records": lambda p: records.clear_person_records(p),
    "add_activity": lambda p: records.add_activity(p, _run()),
    "add_activities": lambda p: records.add_activities(p, [_run(), _run()]),
    "replace_activity": lambda p: records.replace_activity(_stored_activity(p), _run()),
    "add_activity_source": lambda p: records.add_activity_source(_stored_activity(p), "gpx", "gpx:two", "b"),
    "update_activity_pain": lambda p: records.update_activity_pain(_stored_activity(p), 2, 3),
    "update_person_activity_pain": lambda p: records.update_person_activity_pain(
        p, _stored_activity(p), 2, 3
    ),
    "delete_activity": lambda p: records.delete_activity(p, _stored_activity(p)),
    "save_checkin": lambda p: records.save_checkin(p, CheckIn(DAY, 2, 3)),
    "delete_checkin": lambda p: (records.save_checkin(p, CheckIn(DAY, 2, 3)), records.delete_checkin(p, DAY)),
    "add_treatments": lambda p: records.add_treatments(p, [Treatment(DAY, "nerve_glides")]),
    "delete_treatment": lambda p: records.delete_treatment(
        p, records.add_treatments(p, [Treatment(DAY, "injection")])[0]
    ),
    "add_checkins": lambda p: records.add_checkins(p, [CheckIn(DAY, 2, 3)]),
    "save_questionnaire": lambda p: records.save_questionnaire(
        p, QuestionnaireResponse(instrument="odi", date=DAY, answers=(1,) * 10, score=20.0)
    ),
    "save_screening": lambda p: records.save_screening(
        p, RedFlagScreening(date=DAY, answers={"fever": True})
    ),
    "save_assessment": lambda p: records.save_assessment(p, Assessment(DAY, "seen on the day")),
    "save_trial_day": lambda p: records.save_trial_day(
        p, records.create_trial(p, TrialDesign(DAY, 6), "k" * 64, False).id, StoredDay(DAY, "run", True)
    ),
    "save_plan_state": lambda p: records.save_plan_state(p, _plan()),
    "save_plan_caps": lambda p: records.save_plan_caps(p, PlanCaps(max_stage=3), 1),
    "add_plan_input": lambda p: records.add_plan_input(p, PlanInput(DAY, "set", stage=2), 1),
    "add_original": lambda p: records.add_original(
        p,
        records.OriginalFile(
            "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", "x.fit", 1, "fit"
        ),
        b"x",
    ),
}
# Functions that write under these names must be listed above (a new one without a test fails here).
WRITE_PREFIXES = ("add_", "save_", "update_", "replace_", "delete_", "clear_")


def test_every_write_function_is_covered() -> None:
    # The package's whole API by name: it loads its names on first use (issue 17), so what
    # `vars(records)` holds would depend on which tests ran before in this process.
    writers = {
        name
        for name in records.__all__
        if name.startswith(WRITE_PREFIXES) and inspect.isfunction(getattr(records, name))
    }
    assert writers == set(WRITES)


def test_the_typed_imports_agree_with_the_lazy_name_table() -> None:
    """The package names each public name twice: in its lazy table (`_WHERE`, used at run time) and in
    the imports read only by type checkers. The two must name the same functions in the same modules."""
    import ast

    tree = ast.parse(inspect.getsource(records))
    typed: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imported in node.body:
                assert isinstance(imported, ast.ImportFrom) and imported.module
                for alias in imported.names:
                    typed[alias.name] = imported.module.rsplit(".", 1)[-1]
    assert typed == records._WHERE
    assert all(getattr(records, name) is not None for name in records.__all__)


def test_a_new_person_starts_at_a_random_version(person: int) -> None:
    """A database deleted and created again must not repeat the (person, version) keys a server has cached."""
    from strideback.store import models

    starts = {records.data_version(person)} | {models.Person.objects.create().data_version for _ in range(5)}
    assert len(starts) == 6 and all(v > 0 for v in starts)
    assert records.data_version(person + 1000) == 0  # no such person: nothing cached can match it


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_write_bumps_the_version(person: int, name: str) -> None:
    before = records.data_version(person)
    WRITES[name](person)
    assert records.data_version(person) > before


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_rolled_back_write_does_not_bump_it(person: int, name: str) -> None:
    before = records.data_version(person)
    with pytest.raises(RuntimeError), records.atomic():
        WRITES[name](person)
        raise RuntimeError("the surrounding transaction fails")
    assert records.data_version(person) == before


def test_refused_writes_do_not_bump_it(person: int) -> None:
    activity_id = _stored_activity(person)
    records.save_checkin(person, CheckIn(DAY, 2, 3))
    before = records.data_version(person)
    with pytest.raises(records.CheckInExists):
        records.save_checkin(person, CheckIn(DAY, 5, 5))
    with pytest.raises(InvalidValue):
        records.update_activity_pain(activity_id, 11, None)
    with pytest.raises(InvalidValue):
        records.update_person_activity_pain(person, activity_id, None, -1)
    assert records.delete_activity(person, activity_id + 999) is False
    records.add_activity_source(activity_id, "fit", "fit:one", "same file again")  # already known
    assert records.data_version(person) == before


def test_a_write_bumps_only_its_own_person(person: int) -> None:
    from strideback.store import models

    other = models.Person.objects.create(name="Other").pk
    activity_id = _stored_activity(person)
    mine, theirs = records.data_version(person), records.data_version(other)
    assert records.update_person_activity_pain(other, activity_id, 4, 4) is False  # not their session
    assert records.get_activity(person, activity_id).pain_during is None
    records.save_checkin(other, CheckIn(DAY, 1, 1))
    assert records.data_version(person) == mine
    assert records.data_version(other) > theirs


def test_restoring_an_archive_bumps_it(person: int) -> None:
    from strideback.store import archive

    records.save_checkin(person, CheckIn(DAY, 2, 3))
    tables = archive.check_tables(_json_tables(archive.dump_person(person)))
    records.clear_person_records(person)
    before = records.data_version(person)
    archive.load_person(person, tables)
    assert records.data_version(person) > before
    assert "data_version" not in archive.table_columns()["person"]  # bookkeeping, not the person's data


def _json_tables(tables: dict) -> dict:
    import json

    return json.loads(json.dumps(tables))
