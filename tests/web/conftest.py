"""Fixtures for the dashboard tests: a client, the local person, and a few days of diary."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.types import Activity, CheckIn, Reach, Sport


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: test databases reuse person ids and data versions."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def diary(person) -> int:
    """Two weeks of check-ins and a run every other day, ending yesterday (today is left for the test)."""
    from strideback.store import records

    today = dt.date.today()
    tz = dt.datetime.now().astimezone().tzinfo
    for back in range(14, 0, -1):
        day = today - dt.timedelta(days=back)
        records.save_checkin(person, CheckIn(date=day, back_pain=2, leg_pain=3, reach=Reach.THIGH))
        if back % 2 == 0:
            start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=tz)
            records.add_activity(
                person,
                Activity(
                    sport=Sport.RUN,
                    start=start,
                    duration_s=20 * 60,
                    distance_m=3000,
                    rpe=4,
                    pain_during=2,
                    pain_after=2,  # issue 11: complete evidence includes pain after
                ),
            )
    return person
