"""Issue 11, item 1 on the dashboard: editing today's check-in never stores a "none" screening that
lifts an emergency, nor "no" for signs the edit did not ask about."""

from __future__ import annotations

import datetime as dt

import pytest

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
    return data


def test_editing_todays_checkin_keeps_the_emergency(client, person) -> None:
    assert client.post("/", checkin_post(flag_bladder="on")).status_code == 302
    assert 'data-light="stop"' in client.get("/").content.decode()
    edit = client.get("/?edit=1").content.decode()
    assert 'name="replace"' in edit
    # Fix the pain score; the red-flag boxes are left as they are (unticked).
    assert client.post("/", checkin_post(leg_pain="2", replace="on")).status_code == 302
    assert records.get_checkin(person, dt.date.today()).leg_pain == 2
    page = client.get("/").content.decode()
    assert 'data-light="stop"' in page
    assert "emergency department" in page
    assert not any(s.answers.get("bladder") is False for s in records.list_screenings(person))


def test_the_red_flags_page_records_an_assessment(client, person) -> None:
    assert client.post("/", checkin_post(flag_bladder="on")).status_code == 302
    page = client.get("/red-flags").content.decode()
    assert 'name="assessed"' in page
    response = client.post("/red-flags", {"assessed": "1", "note": "seen in A&E"})
    assert response.status_code == 302
    [assessment] = records.list_assessments(person)
    assert assessment.note == "seen in A&E" and assessment.date == dt.date.today()
    assert 'data-light="stop"' in client.get("/").content.decode()  # assessed, not yet answered "no"


def test_weakness_on_the_checkin_comes_with_a_contact_a_clinician_line(client, person) -> None:
    assert client.post("/", checkin_post(weakness="on")).status_code == 302
    page = client.get("/").content.decode()
    assert ", weakness." in page
    assert "Weakness in the leg needs a clinician" in page
    assert 'data-light="stop"' in page  # a first check-in with weakness is new weakness: the urgent sign
