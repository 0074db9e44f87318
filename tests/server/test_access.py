"""Every route, tried as the wrong user: anonymous, another person, a clinician without consent, and the
clinician after the person revoked. Each is refused (sign-in redirect, 401, 403 or 404), and no response
body holds the other person's values. The routes come from the URL configuration itself, so a new route
is tried without anyone remembering to add it here."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import ANN_SECRET, signed_in

PUBLIC = (
    "/accounts/",
    "/static/",
    "/assets/",
    "/manifest.webmanifest",
    "/api/openapi.json",
    "/calendar/",  # a phone calendar's feed: its secret token is the key (a wrong one is a 404)
)  # no health data


def _routes(patterns=None, prefix: str = "") -> list[str]:
    found: list[str] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        text = str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _routes(entry.url_patterns, prefix + text)
        elif isinstance(entry, URLPattern):
            found.append(prefix + text)
    return found


def concrete(route: str, person: int, activity: int) -> str:
    """A request path for a route pattern, pointed at Ann's records wherever it takes an id."""
    path = route.lstrip("^").rstrip("$")
    path = path.replace("(?P<path>.+)", "strideback/app.css")
    path = re.sub(r"<(?:int:)?(person|person_id)>", str(person), path)
    path = re.sub(r"<int:[a-z_]+>", str(activity), path)
    path = re.sub(r"<(?:slug|str):key>", "odi", path)
    path = re.sub(r"<(?:slug|str|path)?:?[a-z_0-9]+>", "x", path)
    return "/" + path


@pytest.fixture
def paths(world) -> list[str]:
    from strideback.store import records

    activity = records.list_activities(world.ann.person_id)[0].id
    return sorted({concrete(r, world.ann.person_id, activity) for r in _routes()})


def _refused_or_clean(response, path: str, who: str, write: bool = False) -> None:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode("utf-8", "replace")
    assert ANN_SECRET not in body, f"{who} read Ann's note at {path}"
    if path.startswith("/api/people/") or (path.startswith("/clinic/") and path != "/clinic/"):
        refused = response.status_code in ((401, 403, 404, 405) if write else (401, 403, 404)) or (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
        assert refused, f"{who} got {response.status_code} at {path}"


def test_the_routes_are_found(paths):
    assert "/" in paths and "/api/checkins" in paths and any(p.startswith("/api/people/") for p in paths)
    assert len(paths) > 30


def test_ann_sees_her_own_diary(world):
    """The positive control: without it, every 'not in the body' below could pass for a wrong reason."""
    client = signed_in(Client(), world.ann)
    assert ANN_SECRET in client.get("/api/checkins").content.decode()
    assert ANN_SECRET in client.get("/api/activities").content.decode()
    assert client.get("/activities").wsgi_request._strideback_person == world.ann.person_id


def test_anonymous_is_sent_to_sign_in_or_refused(paths, world):
    client = Client()
    for path in paths:
        response = client.get(path)
        _refused_or_clean(response, path, "anonymous")
        if path.startswith(PUBLIC):
            continue
        if path.startswith("/api/"):
            assert response.status_code in (401, 404, 405), path
        elif not path.startswith(PUBLIC):
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


@pytest.mark.parametrize("who", ["bob", "other_doctor", "revoked_doctor"])
def test_the_wrong_user_gets_nothing_of_anns(paths, world, who):
    from strideback.services import consent

    if who == "revoked_doctor":
        consent.revoke(world.ann, world.doctor.email)
        account = world.doctor
    else:
        account = getattr(world, who)
    client = signed_in(Client(), account)
    for path in paths:
        response = client.get(path)
        _refused_or_clean(response, path, who)
        # a page that shows a diary shows the asker's own, never Ann's (pages do not print notes, so
        # the body check alone would not catch a page resolved to the wrong person)
        shown = getattr(response.wsgi_request, "_strideback_person", None)
        assert shown in (None, account.person_id), f"{who} was shown person {shown} at {path}"


def test_a_clinician_with_consent_reads_and_the_read_is_audited(world):
    from strideback.services import consent

    client = signed_in(Client(), world.doctor)
    people = client.get("/api/people").json()
    assert [p["email"] for p in people] == ["ann@example.org"]
    response = client.get(f"/api/people/{world.ann.person_id}/checkins")
    assert response.status_code == 200 and ANN_SECRET in response.content.decode()
    page = client.get(f"/clinic/{world.ann.person_id}/")
    assert page.status_code == 200 and ANN_SECRET in page.content.decode()
    bundle = client.get(f"/api/people/{world.ann.person_id}/fhir.json")
    assert bundle.status_code == 200 and bundle.json()["resourceType"] == "Bundle"
    reads = [entry.what for entry in consent.audit_log(world.ann)]
    assert {"check-ins (API)", "dashboard (read-only)", "FHIR bundle (API)"} <= set(reads)
    # the clinician never writes to the diary and keeps no diary of their own
    assert client.post("/api/checkins", {}, content_type="application/json").status_code in (401, 403, 404)
    assert client.get("/").status_code == 302


def test_tokens_reach_only_their_own_person(world):
    from strideback.services import accounts

    bob_token = accounts.create_token(world.bob.email, "phone")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {bob_token}")
    body = client.get("/api/checkins").content.decode()
    assert ANN_SECRET not in body and '"leg_pain": 1' in body.replace(":1", ": 1")
    assert client.get(f"/api/people/{world.ann.person_id}/checkins").status_code in (401, 404)
    accounts.revoke_tokens(world.bob.email)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {bob_token}").get("/api/checkins").status_code == 401
    doctor_token = accounts.create_token(world.doctor.email)
    doctor = Client(HTTP_AUTHORIZATION=f"Bearer {doctor_token}")
    assert doctor.get(f"/api/people/{world.ann.person_id}/today").status_code == 200
    assert doctor.get(f"/api/people/{world.bob.person_id}/today").status_code == 404


def test_a_token_posts_a_checkin_without_a_csrf_token(world):
    import datetime as dt

    from strideback.services import accounts

    token = accounts.create_token(world.bob.email)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        "/api/checkins", {"date": day, "back_pain": 2, "leg_pain": 2}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    # the session cookie, on the other hand, still needs CSRF for writes
    session = signed_in(Client(enforce_csrf_checks=True), world.bob)
    refused = session.post(
        "/api/checkins", {"date": day, "back_pain": 2, "leg_pain": 2}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_local_mode_has_no_account_pages(db):
    client = Client()
    for path in ("/accounts/login/", "/sharing", "/clinic/"):
        assert client.get(path).status_code == 404


def test_sign_in_is_throttled_after_five_failures(world):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": world.ann.email, "password": "wrong password 123"})
    locked = client.post(
        "/accounts/login/", {"username": world.ann.email, "password": "a long enough passphrase 42"}
    )
    assert locked.status_code == 429 and b"Too many attempts" in locked.content
    assert client.get("/").status_code == 302  # still signed out, even with the right password


def test_security_headers_on_every_page(world):
    response = signed_in(Client(), world.ann).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    session = response.wsgi_request.session
    assert session.get_expiry_age() <= 14 * 24 * 3600


def test_clinicians_need_their_second_factor_when_required(world, server):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    server.CLINICIAN_2FA = True
    client = signed_in(Client(), world.doctor)
    assert client.get("/clinic/")["Location"].startswith("/accounts/second-factor/")
    assert client.get(f"/api/people/{world.ann.person_id}/today").status_code == 403
    enrol = client.get("/accounts/second-factor/")
    assert b"authenticator app" in enrol.content
    device = TOTPDevice.objects.get(user__email=world.doctor.email)
    assert b"not right" in client.post("/accounts/second-factor/", {"token": "000000"}).content
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a wrong code; the test does not wait
    done = client.post("/accounts/second-factor/?next=/clinic/", {"token": f"{totp(device.bin_key):06d}"})
    assert done["Location"] == "/clinic/"
    assert client.get("/clinic/").status_code == 200
    # people are not asked
    assert signed_in(Client(), world.ann).get("/").status_code == 200


def test_a_person_signs_out_from_any_page(world):
    client = signed_in(Client(), world.ann)
    page = client.get("/").content.decode()
    assert "Signed in as ann@example.org" in page and 'href="/sharing"' in page
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("who", ["anonymous", "ann_herself", "bob", "other_doctor", "revoked_doctor"])
def test_the_wrong_user_writes_nothing_of_anns(paths, world, who):
    """Every route again, with a write (POST and PUT, form and JSON bodies that would set Ann's plan
    limits): Ann's data version (bumped by every write to her diary) does not move, and no clinician
    setting is recorded for her. Ann herself is here too: she may write her diary, but a write of hers
    must never pass for a clinician's setting (checked by the setting count, her version may move)."""
    from strideback.services import consent
    from strideback.services.clinician_limits import limit_setting
    from strideback.services.people import data_version

    if who == "revoked_doctor":
        consent.revoke(world.ann, world.doctor.email)
    account = {
        "anonymous": None,
        "ann_herself": world.ann,
        "bob": world.bob,
        "other_doctor": world.other_doctor,
        "revoked_doctor": world.doctor,
    }[who]
    client = signed_in(Client(), account) if account else Client()
    before = data_version(world.ann.person_id)
    limits = {"max_stage": 1, "pain_during_limit": 0, "avoid_sports": ["run"]}
    for path in paths:
        if path.startswith("/accounts/"):
            continue  # signing in and out is not a write to anyone's diary
        writes = (  # the API reads JSON bodies, pages read forms
            (client.post(path, limits, content_type="application/json"),)
            if path.startswith("/api/")
            else (client.post(path, limits),)
        )
        for response in (*writes, client.put(path, limits, content_type="application/json")):
            if who != "ann_herself":  # she may write (and read) her own diary
                _refused_or_clean(response, path, who, write=True)  # 405: the route takes no writes
        if who == "ann_herself":
            continue
        assert data_version(world.ann.person_id) == before, f"{who} wrote to Ann's diary at {path}"
    assert limit_setting(world.ann.person_id) is None, f"{who} set Ann's plan limits"
