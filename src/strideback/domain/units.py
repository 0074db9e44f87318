"""Distances and paces in the person's units (issue 15: km or miles, used by every face).

The store and every machine format (JSON, CSV, FHIR, `--json`) stay metric; only what a person reads is
converted here, once. The profile keeps `metric` or `imperial` (`Person.units`); people choose by the
words `km` or `miles`.
"""

from __future__ import annotations

from typing import Literal

from strideback.domain.types import InvalidValue

Units = Literal["metric", "imperial"]
METRES_PER_MILE = 1609.344  # the international mile (1959)
CHOICES: tuple[tuple[str, str], ...] = (("km", "Kilometres (km)"), ("miles", "Miles (mi)"))
_WORDS = {"km": "metric", "kilometres": "metric", "metric": "metric", "mi": "imperial", "miles": "imperial"}
_WORDS["imperial"] = "imperial"


def parse_units(text: str, field_name: str = "units") -> Units:
    """`km` or `miles` (also `metric`, `imperial`, `mi`) as the stored value."""
    value = _WORDS.get(text.strip().lower())
    if value is None:
        raise InvalidValue(field_name, text, "km or miles")
    return "imperial" if value == "imperial" else "metric"


def units_word(units: str) -> str:
    """`km` or `miles`: how a person names the units stored as `metric` or `imperial`."""
    return "miles" if units == "imperial" else "km"


def distance_label(units: str) -> str:
    """The short unit of a distance: `km` or `mi`."""
    return "mi" if units == "imperial" else "km"


def to_unit(metres: float, units: str) -> float:
    """A distance in metres as kilometres or miles."""
    return metres / (METRES_PER_MILE if units == "imperial" else 1000.0)


def to_metres(value: float, units: str) -> float:
    """A distance typed in kilometres or miles, in metres."""
    return value * (METRES_PER_MILE if units == "imperial" else 1000.0)


def format_distance(metres: float | None, units: str = "metric", digits: int = 2) -> str:
    """`3.00 km` or `1.86 mi`; a dash when there is no distance."""
    if metres is None:
        return "–"
    return f"{to_unit(metres, units):.{digits}f} {distance_label(units)}"


def pace_minutes(duration_s: float, metres: float | None, units: str = "metric") -> float | None:
    """Minutes per kilometre or per mile; None without a usable distance (under 10 m)."""
    if not metres or metres < 10:
        return None
    return duration_s / 60 / to_unit(metres, units)


def format_pace(minutes_per_unit: float | None, units: str = "metric") -> str:
    """`5:30 /km` or `8:51 /mi`; a dash when there is no pace."""
    if minutes_per_unit is None:
        return "–"
    whole = int(minutes_per_unit)
    seconds = round((minutes_per_unit - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return f"{whole}:{seconds:02d} /{distance_label(units)}"


def convert_pace(minutes_per_km: float | None, units: str) -> float | None:
    """A pace per kilometre as a pace per kilometre or per mile."""
    if minutes_per_km is None:
        return None
    return minutes_per_km * (METRES_PER_MILE / 1000.0 if units == "imperial" else 1.0)
