"""The dashboard's defences: trailing-dot hosts, query dates, CSP and no-store, stored rows that fail the
checks, and database failures answered in the person's words (JSON 503 on the API)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from strideback.store import models as m

pytestmark = pytest.mark.django_db
PAGES = ("/", "/trends", "/activities", "/plan", "/insights", "/questionnaires", "/red-flags", "/report")


@pytest.mark.parametrize(
    "host", ["LOCALHOST.", "localhost.", "localhost.:8000", "127.0.0.1.", "LOCALHOST.:80"]
)
@pytest.mark.parametrize(
    "path", ["/", "/report.pdf", "/api/today", "/api/checkins", "/static/strideback/app.css"]
)
def test_a_host_with_a_trailing_dot_is_refused_on_every_route(client, person, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 400


def test_the_plain_loopback_names_still_work(client, person):
    for host in ("localhost", "127.0.0.1", "LOCALHOST", "localhost:8000", "[::1]:8000"):
        assert client.get("/api/today", HTTP_HOST=host).status_code == 200, host


@pytest.mark.parametrize(
    "url",
    [
        "/api/today?date=0001-01-01",
        "/api/today?date=9999-12-31",
        "/api/checkins?since=0001-01-01",
        "/api/activities?since=0001-01-01",
        "/api/checkins?since=1899-12-31",
    ],
)
def test_query_dates_out_of_bounds_get_422_with_a_message(client, diary, url):
    response = client.get(url)
    assert response.status_code == 422
    body = response.json()
    assert "1900-01-01" in body["detail"]


def test_page_query_dates_out_of_bounds_never_give_a_500(client, diary):
    assert client.get("/activities?before=0001-01-01").status_code == 200
    response = client.get("/report.pdf?from=0001-01-01")
    assert response.status_code == 400
    assert "1900-01-01" in response.content.decode()


def test_every_page_has_a_strict_policy_and_no_inline_script(client, diary):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        script = re.search(r"script-src ([^;]*)", policy).group(1)
        assert "'unsafe-inline'" not in script and "http" not in script, path
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path  # no inline event handlers


def test_health_pages_and_the_api_are_never_cached(client, diary):
    for path in (*PAGES, "/api/today", "/api/checkins", "/report.pdf"):
        assert client.get(path)["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/static/strideback/app.css")["Cache-Control"]


def test_stored_rows_that_fail_the_checks_are_flagged_not_a_500(client, diary, caplog):
    from strideback.store.records.flagged import forget_flagged

    forget_flagged()
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    m.CheckIn.objects.create(
        person_id=diary, date=dt.date(1, 1, 1), back_pain=1, leg_pain=1, note="n0te-secret"
    )
    m.Activity.objects.create(
        person_id=diary, sport="run", start=start, duration_s=-5, pain_after=11, note="n0te-secret"
    )
    m.Person.objects.filter(pk=diary).update(data_version=m.models.F("data_version") + 1)
    for path in (*PAGES, "/report.pdf", "/api/today", "/api/checkins", "/api/activities", "/api/plan"):
        response = client.get(path)
        assert response.status_code == 200, path
    html = client.get("/activities").content.decode()
    assert "left out of every page" in html and "checkins #" in html and "activities #" in html
    assert "n0te-secret" not in caplog.text and "pain_after: 11" not in caplog.text


def _database_down(*args, **kwargs):
    from django.db import OperationalError

    raise OperationalError('connection to server at "127.0.0.1", port 5999 failed: Connection refused')


def _read_only(*args, **kwargs):
    from django.db import OperationalError

    raise OperationalError("attempt to write a readonly database")


def test_the_api_answers_json_503_when_the_database_is_down(client, person, monkeypatch):
    monkeypatch.setattr("strideback.services.people.local_person_id", _database_down)
    response = client.get("/api/today")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "cannot reach" in response.json()["detail"]
    assert response["Retry-After"]


def test_a_page_answers_503_in_words_when_the_database_is_read_only(client, person, monkeypatch):
    monkeypatch.setattr("strideback.services.checkins.record_check_in", _read_only)
    day = dt.date.today().isoformat()
    response = client.post(
        "/", {"date": day, "back_pain": "2", "leg_pain": "3", "reach": "none", "sleep": "7"}
    )
    assert response.status_code == 503
    text = response.content.decode()
    assert "read-only" in text and "Traceback" not in text and "not saved" in text


def test_a_refused_value_reaching_the_log_carries_no_value(client, person, monkeypatch):
    """A page that fails on a refused value logs the field and the rule, never the health value."""
    import io
    import logging

    from strideback.domain.types import InvalidValue

    def refuse(*args, **kwargs):
        raise InvalidValue("pain_after", 11, "a whole number from 0 to 10")

    monkeypatch.setattr("strideback.services.daily.plan_overview", refuse)
    stream = io.StringIO()
    handlers = [
        h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler)
    ]
    previous = [h.stream for h in handlers]  # swapped directly: setStream would flush a closed old stream
    for h in handlers:
        h.stream = stream
    try:
        client.raise_request_exception = False
        response = client.get("/plan")
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.stream = old
    assert response.status_code in (422, 500)
    log = stream.getvalue()
    assert "11" not in log.replace("0 to 10", "") and "Traceback" not in log
