"""Questionnaire responses, red-flag screenings and a clinician's assessments of the standing signs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from strideback.domain import types as d
from strideback.domain.redflags import Assessment
from strideback.store import models as m
from strideback.store.records.flagged import readable
from strideback.store.records.people import _changed, atomic


def save_questionnaire(person_id: int, response: d.QuestionnaireResponse) -> int:
    with atomic():
        row = m.QuestionnaireResponse.objects.create(
            person_id=person_id,
            instrument=response.instrument,
            date=response.date,
            answers=list(response.answers),
            score=response.score,
            valid=response.valid,
            band=response.band,
        )
        _changed(person_id)
    return row.pk


def list_questionnaires(person_id: int, instrument: str | None = None) -> list[d.QuestionnaireResponse]:
    rows = m.QuestionnaireResponse.objects.filter(person_id=person_id)
    if instrument is not None:
        rows = rows.filter(instrument=instrument)
    return readable(
        rows,
        lambda row: d.QuestionnaireResponse(
            instrument=row.instrument,
            date=row.date,
            answers=tuple(row.answers),
            score=row.score,
            valid=row.valid,
            band=row.band,
            id=row.pk,
        ),
        "questionnaires",
    )


def save_screening(person_id: int, screening: d.RedFlagScreening, checkin_id: int | None = None) -> int:
    with atomic():
        row = m.RedFlagScreening.objects.create(
            person_id=person_id,
            date=screening.date,
            answers=dict(screening.answers),
            level=screening.level,
            reasons=list(screening.reasons),
            checkin_id=checkin_id,
        )
        _changed(person_id)
    return row.pk


def list_screenings(
    person_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    starting_at: tuple[dt.date, int] | None = None,
    recorded_from_first_sign: bool = False,
) -> list[d.RedFlagScreening]:
    """Oldest first (by date, then id); `starting_at` (date, id): that screening and the ones after it.
    `recorded_from_first_sign`: only the first-recorded screening with a "yes" and those recorded after it
    (nothing recorded before any sign can still matter to the signs that stand); none if there is none."""
    rows = m.RedFlagScreening.objects.filter(person_id=person_id)
    if recorded_from_first_sign:
        signs = rows.exclude(level="none")
        first = (
            (signs.filter(date__lte=until) if until is not None else signs)
            .order_by("created_at", "id")
            .first()
        )
        if first is None:
            return []
        rows = rows.filter(
            Q(created_at__gt=first.created_at) | Q(created_at=first.created_at, id__gte=first.pk)
        )
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    if starting_at is not None:
        first_day, first_id = starting_at
        rows = rows.filter(Q(date__gt=first_day) | Q(date=first_day, id__gte=first_id))
    return readable(rows, _to_screening, "screenings")


def _to_screening(row: m.RedFlagScreening) -> d.RedFlagScreening:
    return d.RedFlagScreening(
        date=row.date,
        answers=dict(row.answers),
        level=row.level,
        reasons=tuple(row.reasons),
        id=row.pk,
        recorded_at=row.created_at,
        from_checkin=row.checkin_id is not None,
    )


def last_screening_answering_no(
    person_id: int, keys: Iterable[str], until: dt.date
) -> tuple[dt.date, int] | None:
    """(date, id) of the newest screening on or before `until` that answered "no" to every key given."""
    no_to_all = {f"answers__{key}": False for key in keys}
    return (
        m.RedFlagScreening.objects.filter(person_id=person_id, date__lte=until, **no_to_all)
        .order_by("-date", "-id")
        .values_list("date", "id")
        .first()
    )


def last_screening_asking(person_id: int, keys: Iterable[str]) -> dt.date | None:
    """The date of the newest screening whose answers include every key given."""
    return (
        m.RedFlagScreening.objects.filter(person_id=person_id, answers__has_keys=list(keys))
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


def save_assessment(person_id: int, assessment: Assessment) -> int:
    with atomic():
        row = m.ClinicianAssessment.objects.create(
            person_id=person_id, date=assessment.date, note=assessment.note
        )
        _changed(person_id)
    return row.pk


def list_assessments(person_id: int, until: dt.date | None = None) -> list[Assessment]:
    """Oldest recorded first."""
    rows = m.ClinicianAssessment.objects.filter(person_id=person_id)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return [Assessment(row.date, row.note, row.created_at, row.pk) for row in rows]
