"""A check-in sent twice with the same Idempotency-Key (a phone's offline queue retrying after a lost
answer) is stored once, and the replay gets the first answer back, in server mode with a token and with
the signed-in session (CSRF-checked)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _checkin(day: dt.date, leg: int = 4) -> dict:
    return {"date": day.isoformat(), "back_pain": 2, "leg_pain": leg, "reach": "knee"}


def _count(person_id: int, day: dt.date) -> int:
    from strideback.store import models

    return models.CheckIn.objects.filter(person_id=person_id, date=day).count()


def test_a_replayed_key_is_stored_once_and_answered_the_same(world):
    from strideback.services.accounts import create_token

    token = create_token(world.bob.email, "phone")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    day = dt.date.today() - dt.timedelta(days=1)
    key = str(uuid.uuid4())
    first = client.post(
        "/api/checkins", _checkin(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    again = client.post(
        "/api/checkins", _checkin(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first["Idempotent-Replayed"] == "false" and again["Idempotent-Replayed"] == "true"
    assert _count(world.bob.person_id, day) == 1
    # A different key for the same day is a new write: the usual conflict, nothing overwritten.
    other = client.post(
        "/api/checkins",
        _checkin(day, leg=9),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert other.status_code == 409
    assert _count(world.bob.person_id, day) == 1


def test_a_replayed_replace_does_not_undo_a_later_edit(world):
    """An old queued edit arriving again must not overwrite what the person changed since."""
    from strideback.services.accounts import create_token
    from strideback.store import records

    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.bob.email, 'phone')}")
    day = dt.date.today()  # Bob has a check-in today already (leg pain 1)
    key = str(uuid.uuid4())
    body = {**_checkin(day, leg=5), "replace": True}
    assert (
        client.post(
            "/api/checkins", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        ).status_code
        == 201
    )
    later = {**_checkin(day, leg=2), "replace": True}
    assert client.post("/api/checkins", later, content_type="application/json").status_code == 201
    replay = client.post("/api/checkins", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert records.get_checkin(world.bob.person_id, day).leg_pain == 2


def test_keys_belong_to_one_person(world):
    """Ann's key reused by Bob is Bob's own new write, never Ann's stored answer."""
    from strideback.services.accounts import create_token

    key = str(uuid.uuid4())
    day = dt.date.today() - dt.timedelta(days=10)
    ann = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.ann.email, 'phone')}")
    bob = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.bob.email, 'phone')}")
    assert (
        ann.post(
            "/api/checkins", _checkin(day, 7), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        ).status_code
        == 201
    )
    answer = bob.post(
        "/api/checkins", _checkin(day, 3), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert answer.status_code == 201 and answer["Idempotent-Replayed"] == "false"
    assert answer.json()["checkin"]["leg_pain"] == 3
    assert _count(world.ann.person_id, day) == _count(world.bob.person_id, day) == 1


def test_the_session_needs_csrf_and_then_replays_once(world):
    client = signed_in(Client(), world.bob)
    client.handler.enforce_csrf_checks = True  # from here on, as a browser: CSRF is checked
    client.get("/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    day = dt.date.today() - dt.timedelta(days=2)
    key = str(uuid.uuid4())
    refused = client.post(
        "/api/checkins", _checkin(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert refused.status_code == 403 and _count(world.bob.person_id, day) == 0
    for _ in range(3):
        sent = client.post(
            "/api/checkins",
            _checkin(day),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=key,
            HTTP_X_CSRFTOKEN=token,
        )
        assert sent.status_code == 201
    assert _count(world.bob.person_id, day) == 1


def test_a_bad_key_is_refused_by_name(world):
    from strideback.services.accounts import create_token

    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.bob.email, 'phone')}")
    day = dt.date.today() - dt.timedelta(days=3)
    answer = client.post(
        "/api/checkins", _checkin(day), content_type="application/json", HTTP_IDEMPOTENCY_KEY="x"
    )
    assert answer.status_code == 422 and "Idempotency-Key" in answer.json()["detail"]
    assert _count(world.bob.person_id, day) == 0


def test_signing_out_clears_what_the_phone_kept(world):
    """A shared phone: the worker's copy of Today and any queued check-ins go with the sign-out."""
    client = signed_in(Client(), world.bob)
    answer = client.post("/accounts/logout/")
    assert answer.status_code == 302
    assert answer["Clear-Site-Data"] == '"cache", "storage"'


def test_the_service_worker_needs_a_signed_in_person(world):
    assert Client().get("/sw.js").status_code == 302  # anonymous: to the sign-in page
    assert signed_in(Client(), world.bob).get("/sw.js").status_code == 200
    assert signed_in(Client(), world.bob).get("/offline/checkin").status_code == 200
