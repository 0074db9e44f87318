"""The diary pages: a session's page, edit and delete; the check-in history; treatments; learn."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.types import Activity, Sport
from strideback.store import records

pytestmark = pytest.mark.django_db


def _session(person: int) -> int:
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(7, 30), tzinfo=dt.UTC)
    ride = Activity(
        Sport.WALK, start, 223 * 60, 41000 / 10, avg_hr=120, rpe=3, note="felt fine", source="gpx"
    )
    return records.add_activity(person, ride)


def test_activity_page_shows_everything_and_links_edit_and_delete(client, diary):
    activity_id = _session(diary)
    html = client.get(f"/activities/{activity_id}").content.decode()
    for text in ("Walk", "3 h 43 min", "4.10 km", "/km", "120 average", "felt fine", "gpx", "How it went"):
        assert text in html
    assert f"/activities/{activity_id}/edit" in html and f"/activities/{activity_id}/delete" in html
    assert (
        f'href="/activities/{activity_id}"' in client.get("/activities").content.decode()
    )  # the list links it


def test_activity_edit_from_the_web(client, diary):
    activity_id = _session(diary)
    form = client.get(f"/activities/{activity_id}/edit").content.decode()
    assert 'value="walk" selected' in form or "selected" in form
    post = {
        "sport": "cycle",
        "date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "start_time": "07:30",
        "minutes": "223",
        "km": "41",
        "rpe": "4",
        "pain_during": "2",
        "note": "it was a ride",
    }
    response = client.post(f"/activities/{activity_id}/edit", post)
    assert response.status_code == 302
    edited = records.get_activity(diary, activity_id)
    assert edited is not None and edited.sport is Sport.CYCLE and edited.distance_m == 41000
    bad = client.post(f"/activities/{activity_id}/edit", {**post, "km": "900"})
    assert bad.status_code == 400 and 'id="id_km_error"' in bad.content.decode()


def test_activity_delete_asks_then_deletes(client, diary):
    activity_id = _session(diary)
    confirm = client.get(f"/activities/{activity_id}/delete").content.decode()
    assert "Delete this session?" in confirm and records.get_activity(diary, activity_id) is not None
    assert client.post(f"/activities/{activity_id}/delete").status_code == 302
    assert records.get_activity(diary, activity_id) is None
    assert client.get(f"/activities/{activity_id}").status_code == 404


def test_history_calendar_list_day_and_delete(client, diary):
    html = client.get("/history").content.decode()
    assert 'class="calendar"' in html and "cal-day light-" in html
    day = dt.date.today() - dt.timedelta(days=2)
    page = client.get(f"/history/{day.isoformat()}").content.decode()
    assert "Leg pain now" in page and "Which leg?" in page
    assert client.post(f"/history/{day.isoformat()}/delete").status_code == 302
    assert records.get_checkin(diary, day) is None


def test_treatments_log_list_delete(client, person):
    assert (
        client.post(
            "/treatments", {"item": "nerve_glides", "dose": "2 sets", "date": dt.date.today().isoformat()}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/treatments", {"item": "own", "own": "Acupuncture", "date": dt.date.today().isoformat()}
        ).status_code
        == 302
    )
    missing = client.post("/treatments", {"item": "own", "own": "", "date": dt.date.today().isoformat()})
    assert missing.status_code == 400 and 'id="id_own_error"' in missing.content.decode()
    html = client.get("/treatments").content.decode()
    assert "Nerve glides" in html and "Acupuncture" in html
    [first, _] = records.list_treatments(person)
    assert client.post("/treatments", {"delete": str(first.id)}).status_code == 302
    assert len(records.list_treatments(person)) == 1


@pytest.mark.parametrize("slug", ["sciatica", "pain-monitoring", "alternatives", "when-to-seek-care"])
def test_learn_pages_cite_their_sources(client, person, slug):
    html = client.get(f"/learn/{slug}").content.decode()
    assert "Sources" in html
    assert any(source in html for source in ("NICE", "Silbernagel", "BASS"))


def test_when_to_seek_care_lists_the_red_flag_questions(client, person):
    from strideback.domain.redflags import EMERGENCY_KEYS, QUESTIONS

    html = client.get("/learn/when-to-seek-care").content.decode()
    assert all(QUESTIONS[key].replace("'", "&#x27;") in html for key in EMERGENCY_KEYS)


def test_not_found_is_in_the_apps_layout(client, person):
    response = client.get("/activities/987654")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This page is not here" in html and 'class="top"' in html and "Back to Today" in html


def test_server_error_page_is_in_the_apps_layout(rf, person):
    from strideback.web.views.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_a_past_day_opens_in_the_checkin_form_and_is_replaced(client, diary):
    day = dt.date.today() - dt.timedelta(days=3)
    assert f"?edit={day.isoformat()}" in client.get(f"/history/{day.isoformat()}").content.decode()
    form = client.get(f"/?edit={day.isoformat()}").content.decode()
    assert f'value="{day.isoformat()}"' in form and '<details class="more" open>' in form
    post = {
        "date": day.isoformat(),
        "leg_pain": "6",
        "back_pain": "2",
        "reach": "knee",
        "side": "left",
        "replace": "on",
    }
    assert client.post("/", post).status_code == 302
    saved = records.get_checkin(diary, day)
    assert saved is not None and (saved.leg_pain, saved.side) == (6, "left")
