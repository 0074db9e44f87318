"""Issue 15: km or miles (domain/units.py) and the first-start sequence (domain/onboarding.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain import onboarding
from strideback.domain.types import InvalidValue
from strideback.domain.units import (
    convert_pace,
    format_distance,
    format_pace,
    pace_minutes,
    parse_units,
    to_metres,
    to_unit,
)

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "200"))


def test_distances_and_paces_in_km_and_miles():
    assert format_distance(5000, "metric") == "5.00 km"
    assert format_distance(5000, "imperial") == "3.11 mi"
    assert format_distance(None, "imperial") == "–"
    assert format_pace(pace_minutes(30 * 60, 5000, "metric"), "metric") == "6:00 /km"
    assert format_pace(pace_minutes(30 * 60, 5000, "imperial"), "imperial") == "9:39 /mi"
    assert format_pace(convert_pace(6.0, "imperial"), "imperial") == "9:39 /mi"
    assert format_pace(5.999, "metric") == "6:00 /km"  # never "5:60"
    assert pace_minutes(60, 5) is None


def test_units_are_named_km_or_miles():
    assert parse_units("km") == parse_units("metric") == "metric"
    assert parse_units(" Miles ") == parse_units("mi") == "imperial"
    with pytest.raises(InvalidValue) as error:
        parse_units("furlongs")
    assert error.value.field == "units" and "km or miles" in str(error.value)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.floats(0, 1e6), st.sampled_from(["metric", "imperial"]))
def test_a_distance_round_trips_through_the_persons_unit(metres, units):
    assert to_metres(to_unit(metres, units), units) == pytest.approx(metres, rel=1e-12, abs=1e-9)


def test_the_steps_follow_the_records_and_the_red_flags_are_never_skipped():
    p = onboarding.progress(onboarding.STARTED, False, False, False)
    assert (p.step, p.number, p.total) == ("profile", 1, 5)
    marker = onboarding.marked(onboarding.STARTED, "profile")
    assert onboarding.progress(marker, False, False, False).step == "checkin"
    assert onboarding.progress(marker, True, False, False).step == "redflags"
    with pytest.raises(ValueError):
        onboarding.marked(marker, "redflags")
    assert "redflags" not in onboarding.SKIPPABLE
    # skipping STarT Back before the red flags does not pass the red flags
    skipped = onboarding.marked(onboarding.marked(marker, "startback"), "limits")
    assert onboarding.progress(skipped, True, False, False).step == "redflags"
    assert onboarding.progress(skipped, True, True, False).step is None
    assert onboarding.progress(onboarding.DONE, False, False, False).step is None


def test_who_is_onboarded():
    assert onboarding.needs_onboarding(onboarding.NEW, is_demo=False, has_data=False)
    assert not onboarding.needs_onboarding(onboarding.NEW, is_demo=False, has_data=True)  # set up before
    assert onboarding.needs_onboarding(onboarding.STARTED, is_demo=False, has_data=True)
    assert not onboarding.needs_onboarding(onboarding.STARTED, is_demo=True, has_data=False)
    assert not onboarding.needs_onboarding(onboarding.DONE, is_demo=False, has_data=False)
