"""Issue 14: a clinician's list shows each person's plan stage and leg-pain trend (the last 14 days
against the 14 before, in words and an arrow), besides stops and reds first, today's light and the age
of the last check-in; the same rows on /clinic/ and /api/people."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from strideback.domain.clinic import FALLING, RISING, STEADY, UNKNOWN, leg_pain_trend
from strideback.domain.types import CheckIn

from .conftest import signed_in

DAY = dt.date(2026, 3, 31)


def _mornings(first_half: int, second_half: int, days: int = 28) -> list[CheckIn]:
    return [
        CheckIn(
            date=DAY - dt.timedelta(days=back),
            back_pain=1,
            leg_pain=first_half if back >= 14 else second_half,
        )
        for back in range(days)
    ]


def test_the_trend_in_words_and_an_arrow():
    rising = leg_pain_trend(_mornings(2, 5), DAY)
    assert (rising.direction, rising.arrow, rising.recent, rising.before) == (RISING, "↑", 5.0, 2.0)
    assert rising.words.startswith("worse: 5/10 in the last 14 days, 2/10 in the 14 before")
    assert leg_pain_trend(_mornings(6, 3), DAY).direction == FALLING
    assert leg_pain_trend(_mornings(4, 5), DAY).direction == STEADY  # 1 point of 4 is 25%: not meaningful
    unknown = leg_pain_trend(_mornings(4, 5, days=16), DAY)  # only two mornings in the earlier half
    assert unknown.direction == UNKNOWN and unknown.arrow == "·" and "14 days before" in unknown.words


def test_stops_and_reds_first_then_rising_pain():
    from strideback.domain.clinic import by_urgency, person_row

    def row(email: str, light: str, first: int, second: int):
        return person_row(len(email), email, light, 1, _mornings(first, second), DAY)

    rows = by_urgency(
        [
            row("a-green-rising@x", "green", 1, 4),
            row("b-green-steady@x", "green", 2, 2),
            row("c-amber@x", "amber", 2, 2),
            row("d-stop@x", "stop", 2, 2),
            row("e-red@x", "red", 2, 2),
        ]
    )
    assert [r.email for r in rows] == [
        "d-stop@x",
        "e-red@x",
        "c-amber@x",
        "a-green-rising@x",
        "b-green-steady@x",
    ]
    assert rows[0].last_checkin == DAY and rows[0].last_checkin_days == 0


def test_the_list_shows_stage_trend_and_age(world):
    from strideback.services import consent

    consent.accept(consent.invite(world.bob), world.doctor)
    client = signed_in(Client(), world.doctor)
    people = {p["email"]: p for p in client.get("/api/people").json()}
    ann = people["ann@example.org"]
    assert ann["plan_stage"] == 1 and ann["last_checkin_days"] == 1
    assert ann["trend"]["direction"] == "unknown" and ann["trend"]["arrow"] == "·"
    assert people["bob@example.org"]["last_checkin_days"] == 0
    page = client.get("/clinic/").content.decode()
    for words in ("Plan stage", "Leg-pain trend", "stage 1", "yesterday", "today", ann["trend"]["words"]):
        assert words in page, words
