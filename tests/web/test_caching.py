"""Cached pages never show stale data: every write, from the page or from anywhere else, shows at once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template

from strideback.domain.types import Activity, CheckIn, Reach, RedFlagScreening, Sport
from strideback.store import records

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def light(html: str) -> str:
    found = re.search(r'data-light="(\w+)"', html)
    assert found is not None
    return found.group(1)


def test_a_new_check_in_changes_today_at_once(client, diary):
    first = client.get("/").content.decode()
    assert client.get("/").content.decode().count("Morning check-in") == 1  # served from the cache
    assert "Saved for today" not in first and 'name="leg_pain"' in first
    response = client.post(
        "/", {"date": TODAY.isoformat(), "leg_pain": "7", "back_pain": "6", "reach": "foot", "note": ""}
    )
    assert response.status_code == 302
    after = client.get("/").content.decode()
    assert "leg pain <strong>7/10</strong>" in after and 'name="leg_pain"' not in after
    assert client.get("/api/today").json()["reasons"] != []


def test_a_write_made_elsewhere_shows_at_once(client, diary):
    """The CLI writes from another process: only the stored version tells the page; it must be enough."""
    assert light(client.get("/").content.decode()) != "stop"
    assert client.get("/api/today").json()["light"] != "stop"
    records.save_screening(
        diary,
        RedFlagScreening(date=TODAY, answers={"bladder": True}, level="emergency", reasons=("bladder",)),
    )
    assert light(client.get("/").content.decode()) == "stop"
    assert client.get("/api/today").json()["light"] == "stop"
    assert "still stand" in client.get("/red-flags").content.decode()


def test_every_cached_page_follows_new_data(client, diary):
    pages = ["/trends", "/trends?range=1y", "/activities", "/plan", "/questionnaires", "/red-flags"]
    before = {page: client.get(page).content.decode() for page in pages}
    odi_before = client.get("/questionnaires/odi").content.decode()
    tz = dt.datetime.now().astimezone().tzinfo
    start = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(7, 0), tzinfo=tz)
    records.add_activity(diary, Activity(sport=Sport.SWIM, start=start, duration_s=2700, distance_m=1500))
    records.save_checkin(diary, CheckIn(date=TODAY, back_pain=1, leg_pain=9, reach=Reach.FOOT))
    answers = {f"item_{n}": "2" for n in range(1, 11)}
    assert client.post("/questionnaires/odi", {**answers, "date": TODAY.isoformat()}).status_code == 302
    records.save_screening(
        diary,
        RedFlagScreening(date=TODAY, answers={"fever": True}, level="contact_clinician", reasons=("fever",)),
    )
    after = {page: client.get(page).content.decode() for page in pages}
    assert "1.50 km" in after["/activities"] and "1.50 km" not in before["/activities"]
    for page in ("/trends", "/trends?range=1y"):
        assert "14 check-ins" in before[page] and "15 check-ins" in after[page]
    assert (
        "None answered yet" in before["/questionnaires"]
        and "None answered yet" not in after["/questionnaires"]
    )
    assert "No answers yet" in before["/red-flags"] and "See a clinician soon" in after["/red-flags"]
    odi_after = client.get("/questionnaires/odi").content.decode()
    assert "chart-scores" not in odi_before and "chart-scores" in odi_after


def test_the_cache_is_per_person(client, diary):
    """Two people's pages never share a cached result (server mode will have many people)."""
    from strideback.store import models
    from strideback.web.views._common import data_key

    other = models.Person.objects.create(name="Other").pk
    assert data_key(diary, TODAY, "today") != data_key(other, TODAY, "today")


def test_a_fragment_without_a_key_is_never_cached(db):
    template = Template('{% load strideback %}{% cached key "x" %}{{ value }}{% endcached %}')
    assert template.render(Context({"key": "", "value": "one"})) == "one"
    assert template.render(Context({"key": "", "value": "two"})) == "two"
    assert template.render(Context({"key": "k1", "value": "three"})) == "three"
    assert template.render(Context({"key": "k1", "value": "four"})) == "three"  # same key: kept
    assert template.render(Context({"key": "k2", "value": "five"})) == "five"


def test_session_pain_for_another_persons_session_changes_nothing(client, person):
    from strideback.store import models

    other = models.Person.objects.create(name="Other").pk
    start = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=1)
    theirs = records.add_activity(other, Activity(sport=Sport.RUN, start=start, duration_s=1800))
    response = client.post("/session-pain", {"activity_id": theirs, "pain_during": "5", "pain_after": "5"})
    assert response.status_code == 400
    assert "not in your diary" in response.content.decode()
    assert records.get_activity(other, theirs).pain_during is None


def test_api_session_pain(client, person):
    start = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=1)
    mine = records.add_activity(
        person, Activity(sport=Sport.RUN, start=start, duration_s=1800, pain_during=1)
    )
    response = client.post(f"/api/activities/{mine}/pain", {"pain_after": 4}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["pain_during"], response.json()["pain_after"]) == (1, 4)  # during kept
    bad = client.post(f"/api/activities/{mine}/pain", {"pain_after": 11}, content_type="application/json")
    assert bad.status_code == 422
    assert records.get_activity(person, mine).pain_after == 4

    from strideback.store import models

    other = models.Person.objects.create(name="Other").pk
    theirs = records.add_activity(other, Activity(sport=Sport.RUN, start=start, duration_s=1800))
    refused = client.post(
        f"/api/activities/{theirs}/pain", {"pain_after": 2}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert records.get_activity(other, theirs).pain_after is None
