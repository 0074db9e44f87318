"""The check-in field table: every field's checks, text round trip and words, from one place."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain.checkin_fields import BY_NAME, FIELDS, Kind
from strideback.domain.types import CheckIn, InvalidValue

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "200"))


def test_side_and_quality_are_rows_of_the_table():
    assert BY_NAME["side"].values == ("left", "right", "both")
    assert BY_NAME["quality"].values == ("burning", "electric", "aching", "pins_and_needles")
    assert BY_NAME["quality"].kind is Kind.CHOICES


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("side", "up", "one of left, right, both"),
        ("quality", ["hot"], "any of burning"),
        ("sleep", 11, "a whole number from 0 to 10"),
        ("stiffness_min", -1, "a whole number from 0 to 1440"),
        ("leg_pain", None, "a whole number from 0 to 10"),
    ],
)
def test_a_bad_value_names_the_field_and_what_is_allowed(name, value, allowed):
    base = {"date": dt.date(2026, 1, 5), "back_pain": 1, "leg_pain": 2}
    with pytest.raises(InvalidValue) as error:
        CheckIn(**{**base, name: value})
    assert error.value.field == name and allowed in str(error.value)


def test_quality_is_kept_in_table_order_without_repeats():
    c = CheckIn(dt.date(2026, 1, 5), 1, 2, quality=["aching", "Burning", "aching"], side="LEFT")
    assert c.quality == ("burning", "aching") and c.side == "left"


def _values():
    def value(spec):
        if spec.kind in (Kind.SCALE, Kind.COUNT):
            ints = st.integers(spec.low, spec.high)
            return ints if spec.required else st.none() | ints
        if spec.kind is Kind.FLAG:
            return st.booleans()
        if spec.kind is Kind.CHOICE:
            picked = st.sampled_from(spec.values)
            return picked if spec.name == "reach" else st.none() | picked
        if spec.kind is Kind.CHOICES:
            return st.sets(st.sampled_from(spec.values)).map(tuple)
        return st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)

    return st.fixed_dictionaries({spec.name: value(spec) for spec in FIELDS})


@settings(max_examples=EXAMPLES, deadline=None)
@given(_values())
def test_every_field_survives_the_text_round_trip(values):
    """What the CSV export writes for a field, the CSV import reads back as the same value."""
    checkin = CheckIn(date=dt.date(2026, 1, 5), **values)
    for spec in FIELDS:
        value = getattr(checkin, spec.name)
        text = spec.to_text(value)
        if spec.kind is Kind.TEXT:
            continue  # free text is written as is (the CSV writer quotes it)
        assert spec.clean(spec.parse_text(text)) == value
