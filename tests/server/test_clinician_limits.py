"""Issue 14: a clinician sets a person's plan caps and pain limit (web form and API), only with live
consent, CSRF-checked, audited, recorded with who and when; the person sees it on their Plan page."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import signed_in


def _csrf_client(account, page: str) -> tuple[Client, str]:
    client = signed_in(Client(), account)
    client.handler.enforce_csrf_checks = True  # signed in; from here every write needs the token
    client.get(page)
    return client, client.cookies["csrftoken"].value


def _caps(person_id: int) -> dict:
    import datetime as dt

    from strideback.services.daily import plan_overview

    return plan_overview(person_id, dt.date.today()).to_json()["caps"]


def test_a_clinician_sets_limits_on_the_persons_page_and_the_person_sees_who_and_when(world):
    from strideback.services import consent

    ann = world.ann.person_id
    client, token = _csrf_client(world.doctor, f"/clinic/{ann}/")
    page = client.get(f"/clinic/{ann}/").content.decode()
    assert f'action="/clinic/{ann}/limits"' in page and "Save limits" in page
    response = client.post(
        f"/clinic/{ann}/limits",
        {"max_stage": "4", "pain_during_limit": "2", "avoid_sports": ["swim"], "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and response["Location"] == f"/clinic/{ann}/"
    assert _caps(ann) == {"max_stage": 4, "pain_during_limit": 2, "avoid_sports": ["swim"]}
    after = client.get(f"/clinic/{ann}/").content.decode()
    assert "Plan limits saved" in after and "Set by dr@example.org" in after
    assert any(e.what.startswith("set plan limits") for e in consent.audit_log(world.ann))
    plan = signed_in(Client(), world.ann).get("/plan").content.decode()
    assert "These limits were set by dr@example.org on" in plan
    assert "at or below 2/10" in plan


def test_the_form_needs_its_csrf_token(world):
    ann = world.ann.person_id
    client, _ = _csrf_client(world.doctor, f"/clinic/{ann}/")
    response = client.post(f"/clinic/{ann}/limits", {"max_stage": "2", "pain_during_limit": "1"})
    assert response.status_code == 403
    assert _caps(ann)["pain_during_limit"] == 3


def test_a_limit_that_would_loosen_the_green_band_is_refused_and_nothing_written(world):
    from strideback.services.clinician_limits import limit_setting

    ann = world.ann.person_id
    client = signed_in(Client(), world.doctor)
    response = client.post(f"/clinic/{ann}/limits", {"max_stage": "0", "pain_during_limit": "7"}, follow=True)
    assert "Nothing was changed" in response.content.decode() and "pain limit" in response.content.decode()
    assert _caps(ann)["pain_during_limit"] == 3 and limit_setting(ann) is None


def test_the_api_sets_limits_with_a_clinicians_token(world):
    from strideback.services import accounts

    ann = world.ann.person_id
    token = accounts.create_token(world.doctor.email, "clinic script")
    api = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api.put(f"/api/people/{ann}/limits", {"pain_during_limit": 1}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["pain_during_limit"] == 1 and body["set_by"] == "dr@example.org" and body["set_at"]
    assert api.get(f"/api/people/{ann}/limits").json()["set_by"] == "dr@example.org"
    bad = api.put(f"/api/people/{ann}/limits", {"pain_during_limit": 6}, content_type="application/json")
    assert bad.status_code == 422 and "pain limit" in bad.json()["detail"]
    assert _caps(ann)["pain_during_limit"] == 1


def test_the_api_session_needs_csrf_for_a_write(world):
    ann = world.ann.person_id
    client, token = _csrf_client(world.doctor, "/clinic/")
    path = f"/api/people/{ann}/limits"
    assert client.put(path, {"max_stage": 2}, content_type="application/json").status_code == 403
    ok = client.put(path, {"max_stage": 2}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200 and _caps(ann)["max_stage"] == 2


@pytest.mark.parametrize("who", ["other_doctor", "revoked_doctor"])
def test_no_consent_no_setting(world, who):
    from strideback.services import accounts, consent
    from strideback.services.clinician_limits import limit_setting

    ann = world.ann.person_id
    if who == "revoked_doctor":
        consent.revoke(world.ann, world.doctor.email)
    account = world.doctor if who == "revoked_doctor" else world.other_doctor
    web = signed_in(Client(), account)
    assert web.post(f"/clinic/{ann}/limits", {"max_stage": "1", "pain_during_limit": "0"}).status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Bearer {accounts.create_token(account.email)}")
    put = api.put(f"/api/people/{ann}/limits", {"pain_during_limit": 0}, content_type="application/json")
    assert put.status_code == 404
    assert limit_setting(ann) is None and _caps(ann) == {
        "max_stage": None,
        "pain_during_limit": 3,
        "avoid_sports": [],
    }


def test_a_person_cannot_pass_for_a_clinician(world):
    """Ann can read who set her limits, but no route of hers records a clinician's setting."""
    from strideback.services import accounts
    from strideback.services.clinician_limits import NotYourPerson, limit_setting, set_limits

    ann = world.ann.person_id
    web = signed_in(Client(), world.ann)
    assert web.post(f"/clinic/{ann}/limits", {"pain_during_limit": "0"}).status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Bearer {accounts.create_token(world.ann.email)}")
    put = api.put(f"/api/people/{ann}/limits", {"pain_during_limit": 0}, content_type="application/json")
    assert put.status_code in (401, 404)
    with pytest.raises(NotYourPerson):
        set_limits(world.ann, ann, __import__("datetime").date.today(), pain_during_limit=0)
    assert limit_setting(ann) is None


def test_the_attribution_goes_when_the_limits_change_since(world):
    import datetime as dt

    from strideback.services.clinician_limits import limit_setting, set_limits
    from strideback.services.daily import set_caps

    ann = world.ann.person_id
    set_limits(world.doctor, ann, dt.date.today(), pain_during_limit=2)
    assert limit_setting(ann).current
    set_caps(ann, dt.date.today(), pain_during_limit=1)  # the person's own `strideback plan caps`
    assert not limit_setting(ann).current
    plan = signed_in(Client(), world.ann).get("/plan").content.decode()
    assert "These limits were set by" not in plan
