"""The JSON API: every route, good and bad input, CSRF on writes, and a valid OpenAPI document."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from strideback.store import records

pytestmark = pytest.mark.django_db
TODAY = dt.date.today().isoformat()


def test_openapi_document_validates(client, db):
    from openapi_spec_validator import validate

    document = client.get("/api/openapi.json").json()
    validate(document)
    paths = set(document["paths"])
    assert {
        "/api/today",
        "/api/plan",
        "/api/checkins",
        "/api/activities",
        "/api/import",
        "/api/analyze",
        "/api/questionnaires",
        "/api/questionnaires/{instrument}",
        "/api/redflags",
    } <= paths


def test_the_document_states_every_answer_and_the_input_forms(client, db):
    """Every operation lists its errors in ErrorOut's shape (401 and 503 everywhere, 404 and 422 where an
    id or a value can be refused, 400 and 403 on writes, 409 on a check-in), the questionnaire names
    are the domain's registry and the Idempotency-Key's form is the domain's pattern."""
    from strideback.domain.bounds import IDEMPOTENCY_KEY_PATTERN
    from strideback.domain.instruments import INSTRUMENTS

    document = client.get("/api/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            expected = {"401", "503"} | ({"400", "403", "422"} if method in ("post", "put") else set())
            assert expected <= set(answers), (method, path, sorted(answers))
            for code in set(answers) - {"200", "201"}:
                assert answers[code]["content"]["application/json"]["schema"] == error, (method, path, code)
    assert "409" in document["paths"]["/api/checkins"]["post"]["responses"]
    assert "404" in document["paths"]["/api/activities/{activity_id}/pain"]["post"]["responses"]
    assert "404" in document["paths"]["/api/people/{person_id}/today"]["get"]["responses"]
    (name,) = document["paths"]["/api/questionnaires/{instrument}"]["post"]["parameters"]
    assert name["schema"]["enum"] == list(INSTRUMENTS)
    (key,) = document["paths"]["/api/checkins"]["post"]["parameters"]
    assert key["name"] == "Idempotency-Key"
    assert key["schema"]["anyOf"][0]["pattern"] == IDEMPOTENCY_KEY_PATTERN


def test_no_interactive_docs_page_from_a_cdn(client, db):
    assert client.get("/api/docs").status_code == 404


def test_today(client, diary):
    body = client.get("/api/today").json()
    assert body["light"] in ("green", "amber", "red", "stop")
    assert body["date"] == TODAY and isinstance(body["reasons"], list) and body["suggestion"]
    assert client.get("/api/today?date=not-a-date").status_code == 422


def test_plan(client, diary):
    body = client.get("/api/plan").json()
    assert 1 <= body["stage"] <= 10 and len(body["stages"]) == 10


def test_checkins_create_list_conflict_and_replace(client, person):
    payload = {"date": TODAY, "back_pain": 2, "leg_pain": 4, "reach": "knee", "red_flags": {"bladder": False}}
    created = client.post("/api/checkins", payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["checkin"]["reach"] == "knee" and created.json()["red_flags"]["level"] == "none"
    assert client.post("/api/checkins", payload, content_type="application/json").status_code == 409
    replaced = client.post(
        "/api/checkins", {**payload, "leg_pain": 5, "replace": True}, content_type="application/json"
    )
    assert replaced.status_code == 201 and replaced.json()["replaced"] is True
    listed = client.get(f"/api/checkins?since={TODAY}").json()["checkins"]
    assert [c["leg_pain"] for c in listed] == [5]


@pytest.mark.parametrize(
    "bad",
    [
        {"leg_pain": 11},
        {"back_pain": -1},
        {"reach": "hip"},
        {"date": "2999-01-01"},
        {"date": "soon"},
        {"date": 1764633600},  # a number is not a date (pydantic would read it as seconds since 1970)
        {"date": "1764633600"},
        {"date": "2026-12-01T08:00:00"},
        {"red_flags": {"headache": True}},
        {"sleep": 3.5},
    ],
)
def test_bad_checkins_are_refused_and_nothing_is_written(client, person, bad):
    payload = {"date": TODAY, "back_pain": 2, "leg_pain": 4, **bad}
    response = client.post("/api/checkins", payload, content_type="application/json")
    assert response.status_code == 422
    assert records.list_checkins(person) == []
    assert records.list_screenings(person) == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"leg_pain": 11}, "leg_pain"),
        ({"reach": "hip"}, "reach"),
        ({"date": 0}, "date"),
        ({"back_pain": None}, "back_pain"),
    ],
)
def test_a_refused_check_in_says_why_in_the_documented_shape(client, person, payload, field):
    """Every 422 has ErrorOut's shape: `detail` one sentence a phone can show (offline.js prints it), and
    `errors` per field. A schema's refusal answered `detail` as a list of objects ("[object Object]")."""
    response = client.post(
        "/api/checkins",
        {"date": TODAY, "back_pain": 2, "leg_pain": 4, **payload},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert isinstance(body["detail"], str) and field in body["detail"]
    assert [e["field"] for e in body["errors"]] == [field] and all(
        isinstance(e["message"], str) for e in body["errors"]
    )


def test_activities_create_and_list(client, person):
    payload = {"sport": "run", "date": TODAY, "minutes": 25, "km": 4, "rpe": 5, "pain_during": 2}
    created = client.post("/api/activities", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["distance_m"] == 4000
    listed = client.get("/api/activities").json()["activities"]
    assert [a["sport"] for a in listed] == ["run"]


@pytest.mark.parametrize(
    "bad",
    [
        {"sport": "skiing"},
        {"minutes": 0},
        {"km": 80},
        {"pain_after": 11},
        {"date": "2999-01-01"},
        {"date": 0},
    ],
)
def test_bad_activities_are_refused(client, person, bad):
    payload = {"sport": "run", "date": TODAY, "minutes": 25, **bad}
    response = client.post("/api/activities", payload, content_type="application/json")
    assert response.status_code == 422
    assert records.list_activities(person) == []


@pytest.mark.parametrize(
    "path", ["/api/checkins?since=0", "/api/activities?since=20261201", "/api/today?date=1764633600"]
)
def test_a_query_date_that_is_a_number_is_refused(client, person, path):
    """Not read as seconds since 1970: a date in a query is YYYY-MM-DD or a clear 422."""
    response = client.get(path)
    assert response.status_code == 422, response.content
    assert "YYYY-MM-DD" in response.content.decode()


def test_import_upload(client, person, shared_data):
    gpx = shared_data / "gpx" / "gpxpy__cerknicko-jezero.gpx"
    if not gpx.is_file():
        pytest.skip(f"{gpx} is absent")
    response = client.post("/api/import", {"files": [SimpleUploadedFile(gpx.name, gpx.read_bytes())]})
    assert response.status_code == 200
    assert response.json()["imported"] == 1
    assert client.post("/api/import", {}).status_code == 422


def test_analyze(client, diary):
    pytest.importorskip("strideback.services.analysis", reason="the evidence engine service is not there yet")
    body = client.get("/api/analyze").json()
    assert "effects" in body and "n_days" in body


def test_questionnaires(client, person):
    created = client.post("/api/questionnaires/odi", {"answers": [1] * 10}, content_type="application/json")
    assert created.status_code == 201 and created.json()["score"] == 20.0 and created.json()["change"] is None
    second = client.post("/api/questionnaires/ODI", {"answers": [3] * 10}, content_type="application/json")
    assert second.json()["change"]["meaningful"] is True
    listed = client.get("/api/questionnaires?instrument=odi").json()["responses"]
    assert [r["score"] for r in listed] == [20.0, 60.0]


@pytest.mark.parametrize(
    ("instrument", "answers"), [("odi", [1] * 9), ("odi", [6] * 10), ("nope", [1] * 10), ("rmdq", [2] * 24)]
)
def test_bad_questionnaires(client, person, instrument, answers):
    response = client.post(
        f"/api/questionnaires/{instrument}", {"answers": answers}, content_type="application/json"
    )
    assert response.status_code == 422
    assert records.list_questionnaires(person) == []
    assert client.get("/api/questionnaires?instrument=nope").status_code == 422


def test_redflags(client, person):
    created = client.post(
        "/api/redflags", {"answers": {"weight_loss": True}}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["level"] == "contact_clinician"
    body = client.get("/api/redflags").json()
    # Issue 11 changed this (unlisted keys were stored as "no"): only the questions answered are stored.
    assert body["screenings"][0]["answers"] == {"weight_loss": True}
    assert body["active_stop"] is None
    client.post("/api/redflags", {"answers": {"bowel": True}}, content_type="application/json")
    assert client.get("/api/redflags").json()["active_stop"]["level"] == "emergency"
    bad = client.post("/api/redflags", {"answers": {"bowels": True}}, content_type="application/json")
    assert bad.status_code == 422


def test_writes_need_the_csrf_token(person):
    strict = Client(enforce_csrf_checks=True)
    payload = {"date": TODAY, "back_pain": 2, "leg_pain": 4}
    assert strict.post("/api/checkins", payload, content_type="application/json").status_code == 403
    assert strict.post("/api/redflags", {"answers": {}}, content_type="application/json").status_code == 403
    assert records.list_checkins(person) == []
    strict.get("/")  # the page sets the csrftoken cookie
    token = strict.cookies["csrftoken"].value
    ok = strict.post("/api/checkins", payload, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 201
    assert strict.get("/api/checkins").status_code == 200  # reads need no token
