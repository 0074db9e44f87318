"""A person who counts in miles types miles into the distance field; its range is in miles too."""

from __future__ import annotations

import datetime as dt

DAY = dt.date(2026, 11, 30)


def _form(units: str, distance: str):
    from strideback.web.forms import ActivityForm

    data = {"sport": "run", "date": DAY.isoformat(), "minutes": "40", "km": distance}
    return ActivityForm(data, today=DAY, units=units)


def test_a_distance_beyond_the_miles_range_is_refused_next_to_the_field() -> None:
    form = _form("imperial", "700")  # 700 miles (1,127 km): more than the field allows
    assert not form.is_valid()
    assert "km" in form.errors


def test_a_usual_distance_in_miles_is_taken_and_kept_in_kilometres() -> None:
    form = _form("imperial", "5")
    assert form.is_valid(), form.errors
    assert abs((form.distance_km() or 0) - 8.04672) < 1e-6


def test_kilometres_keep_their_own_range() -> None:
    assert _form("metric", "700").is_valid()
    assert not _form("metric", "1001").is_valid()
