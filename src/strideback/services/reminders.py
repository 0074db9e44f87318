"""A person's optional morning reminder (server mode): an email at their chosen time, sent by
`strideback reminders send` (cron or the worker, every few minutes), and an iCalendar feed with a secret
token that a phone's calendar subscribes to. Neither carries a health value: they only say it is time to
check in, with a link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import smtplib
import zoneinfo
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from strideback.domain.types import InvalidValue
from strideback.store import records
from strideback.store.records import phone
from strideback.store.records.phone import Reminder

__all__ = ["Reminder", "SendReport", "calendar_feed", "due", "save", "send_due"]

SUBJECT = "Time for your morning check-in"  # no health values in a subject line
SEND_WINDOW = dt.timedelta(hours=3)  # a late run still sends; a run at night does not
EMAIL_BODY = (
    "Good morning.\n\nYour strideback check-in takes about a minute:\n{url}\n\n"
    "You get this email because you turned on the morning reminder; turn it off at {url}reminders\n"
)


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # the addresses whose email could not be sent

    def to_json(self) -> dict[str, object]:
        return {"sent": self.sent, "failed": self.failed}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def settings_of(person_id: int) -> Reminder:
    return phone.get_reminder(person_id)


def save(person_id: int, email_enabled: bool, at: str, time_zone: str) -> Reminder:
    """Validate and store the reminder's time ("HH:MM") and time zone (an IANA name)."""
    try:
        when = dt.time.fromisoformat(at)
    except ValueError:
        raise InvalidValue("at", at, "a time of day as HH:MM, e.g. 07:30") from None
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidValue("time_zone", time_zone, "a time zone name such as Europe/London") from None
    with records.atomic():
        return phone.save_reminder(person_id, email_enabled, when.replace(second=0, microsecond=0), time_zone)


def new_calendar_token(person_id: int) -> str:
    """A new secret for the calendar feed (shown once; an older feed URL stops working)."""
    token = secrets.token_urlsafe(24)
    phone.set_calendar_digest(person_id, _digest(token))
    return token


def revoke_calendar(person_id: int) -> None:
    phone.set_calendar_digest(person_id, None)


def calendar_feed(token: str, public_url: str) -> str | None:
    """The iCalendar text of a token's feed: one daily event at the chosen time, or None (unknown token)."""
    reminder = phone.reminder_by_calendar_digest(_digest(token))
    if reminder is None:
        return None
    start = dt.datetime.combine(dt.date(2026, 1, 1), reminder.at)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//strideback//reminders//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:strideback",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "BEGIN:VEVENT",
        f"UID:checkin-{_digest(token)[:16]}@strideback",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={reminder.time_zone}:{start:%Y%m%dT%H%M%S}",
        "DURATION:PT5M",
        "RRULE:FREQ=DAILY",
        "SUMMARY:Morning check-in",
        f"DESCRIPTION:Your strideback check-in: {public_url}/",
        f"URL:{public_url}/",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Morning check-in",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def due(now: dt.datetime) -> list[tuple[Reminder, str, dt.date]]:
    """The email reminders due at `now` (aware): the person's local time is within the window after their
    chosen time, and today's email has not gone yet. Each with its address and the person's local day."""
    found = []
    for reminder, email in phone.email_reminders():
        local = now.astimezone(zoneinfo.ZoneInfo(reminder.time_zone))
        at = dt.datetime.combine(local.date(), reminder.at, tzinfo=local.tzinfo)
        if at <= local < at + SEND_WINDOW and reminder.last_emailed_on != local.date():
            found.append((reminder, email, local.date()))
    return found


def _smtp() -> smtplib.SMTP:
    url = os.environ.get("STRIDEBACK_SMTP_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
        raise InvalidValue("STRIDEBACK_SMTP_URL", url, "smtp://host:port, smtps://… or smtp+starttls://…")
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(parts.hostname, parts.port or 465, timeout=30)
    else:
        client = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=30)
        if parts.scheme == "smtp+starttls":
            client.starttls()
    if parts.username:
        client.login(unquote(parts.username), unquote(parts.password or ""))
    return client


def _message(to: str, public_url: str) -> EmailMessage:
    message = EmailMessage()
    host = urlsplit(public_url).hostname or "localhost"
    message["From"] = os.environ.get("STRIDEBACK_MAIL_FROM", f"strideback@{host}")
    message["To"] = to
    message["Subject"] = SUBJECT
    message.set_content(EMAIL_BODY.format(url=public_url + "/"))
    return message


def send_due(now: dt.datetime, public_url: str) -> SendReport:
    """Send every due email once: each person's day is claimed in the database before sending (two
    runs at once send one email), and released again if the SMTP server refuses it."""
    todo = due(now)
    if not todo:
        return SendReport()
    sent, failed = 0, []
    with _smtp() as client:
        for reminder, email, day in todo:
            if not phone.mark_emailed(reminder.person_id, day):
                continue
            try:
                client.send_message(_message(email, public_url))
            except smtplib.SMTPException:
                phone.unmark_emailed(reminder.person_id, day, reminder.last_emailed_on)
                failed.append(email)
            else:
                sent += 1
    return SendReport(sent=sent, failed=failed)
