"""Today: the light, the check-in form (good and bad input), and pain after a session."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from strideback.domain.types import Activity, Sport
from strideback.store import records

pytestmark = pytest.mark.django_db


def checkin_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "date": dt.date.today().isoformat(),
        "leg_pain": "3",
        "back_pain": "2",
        "reach": "thigh",
        "stiffness_min": "10",
        "sleep": "7",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_today_shows_the_light_and_the_form(client, diary):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-light="' in html
    assert "Morning check-in" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="leg_pain"' in html and 'type="radio"' in html
    assert 'class="leg"' in html  # the reach drawing, with its radio buttons
    assert 'name="flag_bladder"' in html


def test_checkin_is_saved_and_the_page_shows_it(client, diary):
    response = client.post("/", checkin_post())
    assert response.status_code == 302
    saved = records.get_checkin(diary, dt.date.today())
    assert saved is not None and saved.leg_pain == 3 and saved.reach.value == "thigh"
    page = client.get("/").content.decode()
    assert "Saved the check-in" in page
    assert "leg pain <strong>3/10</strong>" in page


def test_checkin_records_the_short_red_flag_line(client, person):
    response = client.post("/", checkin_post(flag_bladder="on"))
    assert response.status_code == 302
    screenings = records.list_screenings(person)
    assert screenings[-1].level == "emergency"
    assert set(screenings[-1].answers) >= {"bladder", "weakness_one_leg"}
    page = client.get("/").content.decode()
    assert 'data-light="stop"' in page
    assert "emergency department" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("leg_pain", "11", "Select a valid choice"),
        ("leg_pain", None, "This field is required"),
        ("back_pain", "x", "Select a valid choice"),
        ("reach", "hip", "Select a valid choice"),
        ("stiffness_min", "-5", "greater than or equal to 0"),
        ("date", "2999-01-01", "future"),
        ("date", "yesterday-ish", "Enter a valid date"),
    ],
)
def test_bad_checkin_shows_the_error_next_to_the_field_and_saves_nothing(
    client, person, field, value, message
):
    response = client.post("/", checkin_post(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert records.list_checkins(person) == []


def test_second_checkin_for_the_day_needs_replace(client, person):
    assert client.post("/", checkin_post(leg_pain="3")).status_code == 302
    response = client.post("/", checkin_post(leg_pain="6"))
    assert response.status_code == 400
    assert "Replace" in response.content.decode()
    assert records.get_checkin(person, dt.date.today()).leg_pain == 3
    assert client.post("/", checkin_post(leg_pain="6", replace="on")).status_code == 302
    assert records.get_checkin(person, dt.date.today()).leg_pain == 6


def test_edit_prefills_todays_checkin(client, person):
    client.post("/", checkin_post(leg_pain="4"))
    html = client.get("/?edit=1").content.decode()
    assert re.search(r'<input[^>]*id="id_leg_pain_4"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="replace"[^>]*checked', html)


def _todays_walk(person: int) -> int:
    start = dt.datetime.now().astimezone().replace(microsecond=0) - dt.timedelta(hours=1)
    return records.add_activity(person, Activity(sport=Sport.WALK, start=start, duration_s=1800))


def test_session_pain_form_appears_and_saves(client, person):
    activity_id = _todays_walk(person)
    html = client.get("/").content.decode()
    assert "After your session" in html
    response = client.post(
        "/session-pain", {"activity_id": activity_id, "pain_during": "2", "pain_after": "3"}
    )
    assert response.status_code == 302
    saved = records.get_activity(person, activity_id)
    assert (saved.pain_during, saved.pain_after) == (2, 3)


def test_session_pain_refuses_bad_input(client, person):
    activity_id = _todays_walk(person)
    response = client.post("/session-pain", {"activity_id": activity_id, "pain_during": "12"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post("/session-pain", {"activity_id": activity_id})
    assert response.status_code == 400
    assert "Choose the pain during or after" in response.content.decode()
    response = client.post("/session-pain", {"activity_id": activity_id + 999, "pain_after": "1"})
    assert response.status_code == 400
    assert "not in your diary" in response.content.decode()
    assert records.get_activity(person, activity_id).pain_after is None


def test_get_only_and_post_only_routes(client, person):
    assert client.get("/session-pain").status_code == 405
    assert client.put("/").status_code == 405


def test_csrf_is_enforced_on_the_checkin(person):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/", checkin_post()).status_code == 403
    assert records.list_checkins(person) == []
