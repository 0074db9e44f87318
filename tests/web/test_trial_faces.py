"""The trial's page, and concealment through every face: tomorrow's draw cannot be read anywhere.

Two trials whose draws agree up to today and differ tomorrow must look exactly the same through the CLI,
the JSON API and the pages (after today's check-in, with the draw of today shown). If any face leaked
tomorrow's allocation, the two would differ.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain import redflags
from strideback.domain.trial.design import TrialDesign, allocation, key_from_seed
from strideback.domain.types import CheckIn, Reach

runner = CliRunner()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _seeds_differing_tomorrow(today: dt.date) -> tuple[int, int]:
    design = TrialDesign(today, 6)
    tomorrow = today + dt.timedelta(days=1)
    for a in range(200):
        for b in range(a + 1, 200):
            ka, kb = key_from_seed(a), key_from_seed(b)
            if allocation(design, ka, today) == allocation(design, kb, today) and allocation(
                design, ka, tomorrow
            ) != allocation(design, kb, tomorrow):
                return a, b
    raise AssertionError("no pair of seeds found")


def _faces(client, person: int, today: dt.date) -> dict[str, object]:
    from django.core.cache import cache

    cache.clear()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    seen: dict[str, object] = {}
    for name, args in {
        "cli_status": ("trial", "status", "--json"),
        "cli_today": ("today", "--json"),
        "cli_analyze": ("trial", "analyze", "--json"),
        "cli_status_text": ("trial", "status"),
        "cli_today_text": ("today",),
    }.items():
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        seen[name] = result.stdout
    for path in ("/api/today", f"/api/today?date={tomorrow}"):
        response = client.get(path)
        assert response.status_code == 200
        seen[path] = response.json()
    for path in ("/trial", "/", "/insights"):
        response = client.get(path)
        assert response.status_code == 200
        seen[path] = TOKEN.sub("", response.content.decode())
    from strideback.services.daily import today as advice_for

    seen["service_tomorrow"] = advice_for(person, today + dt.timedelta(days=1)).to_json()
    return seen


def _start(person: int, today: dt.date, seed: int) -> None:
    from strideback.services.trial import start

    start(person, today, seed=seed)


@pytest.mark.django_db(transaction=False)
def test_tomorrows_draw_is_not_readable_through_any_face(client, person):
    from strideback.services.checkins import record_check_in
    from strideback.services.screening import record_screening
    from strideback.store import models

    today = dt.date.today()
    first, second = _seeds_differing_tomorrow(today)
    record_screening(person, dict.fromkeys(redflags.KEYS, False), today, full_screen=True)
    record_check_in(person, CheckIn(date=today, back_pain=2, leg_pain=3, reach=Reach.THIGH))
    _start(person, today, first)
    one = _faces(client, person, today)
    models.Trial.objects.all().delete()
    _start(person, today, second)
    two = _faces(client, person, today)
    assert json.loads(str(one["cli_today"]))["trial"]["allocation"] is not None  # today's draw is shown
    assert "trial" in one["service_tomorrow"]  # a trial day…
    assert one["service_tomorrow"]["trial"]["allocation"] is None  # …whose draw is not shown
    assert one["/api/today"]["trial"]["allocation"] is not None  # the API carries today's draw
    for face in one:
        assert one[face] == two[face], f"{face} differs: it shows something of tomorrow's draw"


def test_trial_page_explains_and_starts(client, person):
    from strideback.services.screening import record_screening

    page = client.get("/trial").content.decode()
    for words in ("fair draw", "Safety always wins", "stop at any time", "clinician can see"):
        assert words in page
    response = client.post("/trial/start", {"weeks": "6"}, follow=True)
    assert "red-flag questions" in response.content.decode()  # refused: not screened this week
    record_screening(person, dict.fromkeys(redflags.KEYS, False), dt.date.today(), full_screen=True)
    response = client.post("/trial/start", {"weeks": "6"}, follow=True)
    text = response.content.decode()
    assert "Day 1 of 42" in text and "Stop the trial" in text
    response = client.post("/trial/stop", follow=True)
    assert "stopped" in response.content.decode()


def test_today_page_says_the_trial_day(client, person):
    from strideback.services.checkins import record_check_in
    from strideback.services.screening import record_screening
    from strideback.services.trial import start

    today = dt.date.today()
    record_screening(person, dict.fromkeys(redflags.KEYS, False), today, full_screen=True)
    start(person, today, seed=1)
    assert "check in first" in client.get("/").content.decode()
    record_check_in(person, CheckIn(date=today, back_pain=2, leg_pain=3, reach=Reach.THIGH))
    assert "by the draw" in client.get("/").content.decode()
