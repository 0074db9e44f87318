"""Server mode's phone tables: answers kept per idempotency key, and a person's reminder settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from strideback.store import models as m


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    body: dict[str, Any]


def lock_person(person_id: int) -> None:
    """Serialize writes of one person inside the current transaction (a no-op on SQLite, which
    serializes every writer anyway)."""
    list(m.Person.objects.select_for_update().filter(pk=person_id).values_list("pk", flat=True))


def stored_answer(person_id: int, route: str, key: str) -> StoredAnswer | None:
    row = m.IdempotentRequest.objects.filter(person_id=person_id, route=route, key=key).first()
    return None if row is None else StoredAnswer(status=row.status, body=row.body)


def store_answer(person_id: int, route: str, key: str, status: int, body: dict[str, Any]) -> None:
    m.IdempotentRequest.objects.create(person_id=person_id, route=route, key=key, status=status, body=body)


def forget_answers_before(when: dt.datetime) -> int:
    return m.IdempotentRequest.objects.filter(created_at__lt=when).delete()[0]


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class Reminder:
    person_id: int
    email_enabled: bool
    at: dt.time
    time_zone: str
    last_emailed_on: dt.date | None
    has_calendar: bool


def _reminder(row: m.ReminderSettings) -> Reminder:
    return Reminder(
        person_id=row.person_id,
        email_enabled=row.email_enabled,
        at=row.at,
        time_zone=row.time_zone,
        last_emailed_on=row.last_emailed_on,
        has_calendar=bool(row.calendar_digest),
    )


def get_reminder(person_id: int) -> Reminder:
    row, _ = m.ReminderSettings.objects.get_or_create(person_id=person_id)
    return _reminder(row)


def save_reminder(person_id: int, email_enabled: bool, at: dt.time, time_zone: str) -> Reminder:
    row, _ = m.ReminderSettings.objects.get_or_create(person_id=person_id)
    row.email_enabled, row.at, row.time_zone = email_enabled, at, time_zone
    row.save()
    return _reminder(row)


def set_calendar_digest(person_id: int, digest: str | None) -> None:
    row, _ = m.ReminderSettings.objects.get_or_create(person_id=person_id)
    row.calendar_digest = digest
    row.save()


def reminder_by_calendar_digest(digest: str) -> Reminder | None:
    row = m.ReminderSettings.objects.filter(calendar_digest=digest).first()
    return None if row is None else _reminder(row)


def email_reminders() -> list[tuple[Reminder, str]]:
    """Every enabled email reminder with the address of the person's active account."""
    rows = m.ReminderSettings.objects.filter(
        email_enabled=True, person__account__user__is_active=True
    ).select_related("person__account__user")
    return [(_reminder(r), r.person.account.user.email) for r in rows]


def mark_emailed(person_id: int, day: dt.date) -> bool:
    """Claim the day's email for this person: True for the one caller that changed it (so two workers
    running `reminders send` at once do not both send)."""
    updated = (
        m.ReminderSettings.objects.filter(person_id=person_id)
        .exclude(last_emailed_on=day)
        .update(last_emailed_on=day)
    )
    return updated == 1


def unmark_emailed(person_id: int, day: dt.date, previous: dt.date | None) -> None:
    m.ReminderSettings.objects.filter(person_id=person_id, last_emailed_on=day).update(
        last_emailed_on=previous
    )
