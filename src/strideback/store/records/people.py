"""People, and the data version every write bumps (see the package docstring)."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F

from strideback.domain import types as d
from strideback.store import models as m
from strideback.store.write_gate import gated_atomic

atomic = gated_atomic  # small writes go before an import's next batch (see write_gate)


def data_version(person_id: int) -> int:
    """A number that changes with every write to the person's records (0 for a new person).

    Read on every page view, so it is one plain statement rather than an ORM query (~10× less work).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT data_version FROM {m.Person._meta.db_table} WHERE id = %s", [person_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def _changed(person_id: int) -> None:
    """Bump the data version; call inside the writing transaction so a rollback undoes it too."""
    with (
        connection.cursor() as cursor
    ):  # one plain statement: it runs with every write (~5× less work than the ORM)
        cursor.execute(
            f"UPDATE {m.Person._meta.db_table} SET data_version = data_version + 1 WHERE id = %s", [person_id]
        )
    _announce(person_id)


def _announce(person_id: int) -> None:
    """Tell listeners (the background analysis, issue #12) once the write has committed."""
    from strideback.store.records.analyses import data_changed

    transaction.on_commit(lambda: data_changed.send(sender=None, person_id=person_id))


def _changed_activity(activity_id: int) -> None:
    person_id = m.Activity.objects.filter(pk=activity_id).values_list("person_id", flat=True).first()
    if person_id is not None:
        _changed(person_id)


def get_or_create_local_person() -> int:
    """The person of a local install: the first one, created on first use (read on every page view)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {m.Person._meta.db_table} ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    return m.Person.objects.create().pk


def get_person(person_id: int) -> d.Person:
    row = m.Person.objects.get(pk=person_id)
    return d.Person(name=row.name, units=row.units, date_of_birth=row.date_of_birth, id=row.pk)


def update_person(person_id: int, person: d.Person, is_demo: bool | None = None) -> None:
    fields: dict[str, object] = {
        "name": person.name,
        "units": person.units,
        "date_of_birth": person.date_of_birth,
    }
    if is_demo is not None:
        fields["is_demo"] = is_demo
    m.Person.objects.filter(pk=person_id).update(**fields, data_version=F("data_version") + 1)
    _announce(person_id)


def person_is_demo(person_id: int) -> bool:
    return m.Person.objects.filter(pk=person_id, is_demo=True).exists()


def person_has_data(person_id: int) -> bool:
    return (
        m.Activity.objects.filter(person_id=person_id).exists()
        or m.CheckIn.objects.filter(person_id=person_id).exists()
    )


def clear_person_records(person_id: int) -> None:
    """Delete every record of a person but the person (demo regeneration, restore into a fresh home)."""
    with atomic():
        for model in (
            m.Activity,
            m.CheckIn,
            m.QuestionnaireResponse,
            m.RedFlagScreening,
            m.ClinicianAssessment,
            m.PlanEvent,
            m.PlanState,
            m.ImportedFile,
            m.Treatment,
            m.TrialDay,  # the personal trial (issue 13)
            m.Trial,
        ):
            model.objects.filter(person_id=person_id).delete()
        _changed(person_id)


def onboarding_marker(person_id: int) -> tuple[str, bool]:
    """The person's place in the first-start sequence (`domain/onboarding.py`) and whether it is the demo."""
    marker, is_demo, _ = person_settings(person_id)
    return marker, is_demo


def person_settings(person_id: int) -> tuple[str, bool, str]:
    """In one query: the onboarding marker, whether the person is the demo, and their units."""
    row = m.Person.objects.filter(pk=person_id).values_list("onboarding", "is_demo", "units").first()
    return (row[0], row[1], row[2]) if row else ("done", False, "metric")


def onboarding_records(person_id: int) -> tuple[bool, bool]:
    """Whether the person has a check-in, and a STarT Back response (two cheap queries)."""
    return (
        m.CheckIn.objects.filter(person_id=person_id).exists(),
        m.QuestionnaireResponse.objects.filter(person_id=person_id, instrument="startback").exists(),
    )


def set_onboarding_marker(person_id: int, marker: str) -> None:
    """Where the person is in the sequence; not a record of theirs, so the data version stays."""
    m.Person.objects.filter(pk=person_id).update(onboarding=marker)
