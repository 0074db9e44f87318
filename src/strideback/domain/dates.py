"""Dates as people type them: `today`, `yesterday` or an ISO date."""

from __future__ import annotations

import datetime as dt

from strideback.domain import bounds
from strideback.domain.types import InvalidValue


def parse_day(text: str, today: dt.date, field_name: str = "date", allow_future: bool = False) -> dt.date:
    """Parse `today`, `yesterday` or `YYYY-MM-DD`; refuse future dates unless allowed."""
    word = text.strip().lower()
    if word == "today":
        day = today
    elif word == "yesterday":
        day = today - dt.timedelta(days=1)
    else:
        try:
            day = dt.date.fromisoformat(word)
        except ValueError:
            raise InvalidValue(field_name, text, "today, yesterday or a date like 2026-03-14") from None
    if day < bounds.EARLIEST_DAY or (not allow_future and day > today):
        raise InvalidValue(field_name, text, bounds.day_text(None if allow_future else today))
    return day


# What a machine face (the API) accepts as a date: the ISO calendar date, written out.
ISO_DAY_WORDS = "a date written YYYY-MM-DD"


def iso_day(value: object) -> dt.date:
    """A date as the API takes it: a date, or text exactly `YYYY-MM-DD`. Refused (ValueError): numbers,
    which a lenient parser would read as seconds since 1970, times, and ISO's other spellings."""
    if isinstance(value, dt.datetime):
        raise ValueError(ISO_DAY_WORDS)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(ISO_DAY_WORDS)


def parse_time(text: str, field_name: str = "time") -> dt.time:
    """`07:30` or `7:30` (24-hour clock)."""
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise InvalidValue(field_name, text, "a time like 07:30 (24-hour clock)") from None


# One way to show a date to a person, in every face (CLI, dashboard, report): "Sat 14 Mar 2026".
# Machine formats (JSON, CSV, FHIR, URLs) stay ISO 8601.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: dt.date, weekday: bool = True) -> str:
    """`Sat 14 Mar 2026` (or `14 Mar 2026` without the weekday); the same in every language setting."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_moment(moment: dt.datetime) -> str:
    """`Sat 14 Mar 2026, 07:30` in the moment's own time zone (a session keeps its local time)."""
    return f"{format_day(moment.date())}, {moment:%H:%M}"


def format_day_text(text: str | None, weekday: bool = True) -> str:
    """An ISO date string (as the JSON-shaped results carry it) in the one format; other text as it is."""
    if not text:
        return ""
    try:
        return format_day(dt.date.fromisoformat(text[:10]), weekday)
    except ValueError:
        return text
