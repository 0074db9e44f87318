"""The one date form the API takes: YYYY-MM-DD, never a number read as seconds since 1970."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    "value", [0, 1764633600, "1764633600", "20261201", "2026-W49-3", "2026-12-1", "2026-12-01T08:00", True]
)
def test_the_api_date_is_written_out_in_full(value):
    from strideback.domain.dates import ISO_DAY_WORDS, iso_day

    with pytest.raises(ValueError, match=ISO_DAY_WORDS):
        iso_day(value)


def test_the_api_date_reads_the_iso_calendar_date():
    from strideback.domain.dates import iso_day

    assert iso_day("2026-12-01") == iso_day(dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
