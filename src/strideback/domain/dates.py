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
