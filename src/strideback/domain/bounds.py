"""The one set of bounds every value must keep, whichever door it comes in by.

CLI, web forms, the JSON API, the CSV and device importers and restore all check through here (the
domain types call these in their constructors), so a value refused at one door is refused at every
door, with the same words. docs/privacy.md has the table.

Messages name the field and what is allowed. The rejected value is kept on the exception for the
person who typed it (`InvalidValue.value`), but `InvalidValue.safe_message` leaves it out: that is
the text for logs, where no health value may appear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# Dates: nothing before the floor, nothing after today. 1900 is older than any diary or device clock a
# person could hold (real GPX files with a reset clock say 1901); earlier dates are typing errors that
# would make every day-by-day computation walk millennia.
EARLIEST_DAY = dt.date(1900, 1, 1)
# Imported sessions may start up to a day "after today" as the local clock sees it: a watch set to
# UTC+14 records tomorrow's date for a run that has already happened.
IMPORT_CLOCK_SLACK = dt.timedelta(days=1)

# Free text. A note is a few sentences; the report and every page lay out up to this many characters.
NOTE_MAX_CHARS = 2000
NAME_MAX_CHARS = 200  # a device or person name
SOURCE_MAX_CHARS = 32
FINGERPRINT_MAX_CHARS = 128
# The key a client names a repeatable write with (the API's Idempotency-Key header; a UUID fits).
IDEMPOTENCY_KEY_CHARS = (8, 64)
IDEMPOTENCY_KEY_PATTERN = rf"^[A-Za-z0-9_-]{{{IDEMPOTENCY_KEY_CHARS[0]},{IDEMPOTENCY_KEY_CHARS[1]}}}$"
# A 48-hour session with a lap a minute has 2,880 laps; more is a broken file, not a session.
MAX_LAPS = 5000
ELLIPSIS = "…"


class InvalidValue(ValueError):
    """A value outside what the field allows. The message names the field and the range.

    `str(error)` is for the person (it repeats what they gave); `safe_message` is for logs.
    """

    def __init__(self, field_name: str, value: object, allowed: str) -> None:
        self.field = field_name
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field_name}: {_shown(value)} is not allowed; expected {allowed}")

    @property
    def safe_message(self) -> str:
        return f"{self.field}: a value is not allowed; expected {self.allowed}"

    def __reduce__(
        self,
    ) -> tuple[type, tuple[object, ...]]:  # keep the three arguments through pickling (worker processes)
        return (type(self), (self.field, self.value, self.allowed))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..." + f" ({len(str(value))} characters)"


# ---------------------------------------------------------------- numbers

# field -> (lowest, highest, whole numbers only). Pain and sleep are 0–10 NRS; durations in seconds.
MAX_DURATION_S = 48 * 3600
MAX_DISTANCE_M = 1_000_000
NUMBERS: dict[str, tuple[float, float, bool]] = {
    "back_pain": (0, 10, True),
    "leg_pain": (0, 10, True),
    "pain_during": (0, 10, True),
    "pain_after": (0, 10, True),
    "pain_before": (0, 10, True),
    "sleep": (0, 10, True),
    "stiffness_min": (0, 24 * 60, True),
    "rpe": (0, 10, False),
    "duration_s": (1, MAX_DURATION_S, False),
    "moving_s": (0, MAX_DURATION_S, False),
    "distance_m": (0, MAX_DISTANCE_M, False),
    "elevation_gain_m": (0, 20_000, False),
    "avg_hr": (20, 250, False),
    "max_hr": (20, 250, False),
    "avg_cadence": (0, 300, False),
    "lap.duration_s": (0, MAX_DURATION_S, False),
    "lap.distance_m": (0, MAX_DISTANCE_M, False),
    "lap.avg_hr": (0, 300, False),
    "questionnaire.score": (0, 100, False),
    "plan.stage": (1, 99, True),
    "plan.max_stage": (1, 99, True),
    "plan.pain_during_limit": (0, 10, True),
    "utc_offset_min": (-16 * 60, 16 * 60, True),
}


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def range_text(low: float, high: float | None, whole: bool = False) -> str:
    kind = "a whole number" if whole else "a number"
    return f"{kind} from {_fmt(low)} to {_fmt(high)}" if high is not None else f"{kind} ≥ {_fmt(low)}"


def check_range(field_name: str, value: float | None, low: float, high: float | None) -> None:
    """Refuse a number outside [low, high] (high None: no upper bound). None passes; NaN fails."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(field_name, value, range_text(low, high))
    if value != value or value < low or (high is not None and value > high):
        raise InvalidValue(field_name, value, range_text(low, high))


def check_whole(field_name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(field_name, value, range_text(low, high, whole=True))


def check_number(key: str, value: float | None, field_name: str | None = None) -> None:
    """Check a value against its row in NUMBERS (`field_name` is what the message calls it)."""
    if value is None:
        return
    low, high, whole = NUMBERS[key]
    name = field_name or key
    if whole:
        check_whole(name, value, int(low), int(high))
    else:
        check_range(name, value, low, high)


# ---------------------------------------------------------------- dates


def day_text(today: dt.date | None) -> str:
    if today is None:
        return f"a date from {EARLIEST_DAY.isoformat()} on"
    return f"a date from {EARLIEST_DAY.isoformat()} to today ({today.isoformat()})"


def check_day(field_name: str, day: dt.date, today: dt.date | None = None) -> None:
    """Refuse a day before the floor, or (when `today` is given) after today."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if day < EARLIEST_DAY or (today is not None and day > today):
        raise InvalidValue(field_name, day.isoformat(), day_text(today))


def query_day(field_name: str, day: dt.date | None, today: dt.date) -> dt.date | None:
    """A date asked for in a query (`?since=`, `?date=`): from the floor to a year ahead, else refused."""
    if day is not None:
        check_day(field_name, day, today + dt.timedelta(days=366))
    return day


def check_moment(field_name: str, moment: dt.datetime, now: dt.datetime | None = None) -> None:
    """A timezone-aware start time: on or after the floor, and (for imports) at most a day past `now`."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValue(field_name, moment.isoformat(), "a time with a timezone")
    if moment.date() < EARLIEST_DAY:
        raise InvalidValue(field_name, moment.isoformat(), day_text(None))
    if now is not None and moment > now + IMPORT_CLOCK_SLACK:
        raise InvalidValue(
            field_name, moment.isoformat(), f"a time not after now ({now.isoformat(timespec='minutes')})"
        )


# ---------------------------------------------------------------- text


def check_text(field_name: str, text: object, max_chars: int = NOTE_MAX_CHARS) -> None:
    if not isinstance(text, str):
        raise InvalidValue(field_name, text, "text")
    if len(text) > max_chars:
        raise InvalidValue(field_name, text, f"at most {max_chars} characters (this has {len(text)})")


def clip_text(text: str | None, max_chars: int = NOTE_MAX_CHARS) -> str:
    """Text from a file (not typed by the person) cut to the bound with an ellipsis, so it still loads."""
    text = text or ""
    return text if len(text) <= max_chars else text[: max_chars - 1] + ELLIPSIS


def check_count(field_name: str, items: Iterable[object] | int, most: int) -> None:
    count = items if isinstance(items, int) else len(list(items))
    if count > most:
        raise InvalidValue(field_name, f"{count} items", f"at most {most}")


def listed(names: Iterable[object], most: int = 3) -> str:
    """`a, b, c and 7 more`: a bounded list of names for a message, whatever the count."""
    shown: list[str] = []
    more = 0
    for name in names:
        if len(shown) < most:
            shown.append(str(name))
        else:
            more += 1
    if not shown:
        return "-"
    return ", ".join(shown) + (f" and {more} more" if more else "")
