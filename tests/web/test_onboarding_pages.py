"""Issue 15: the first start of a person's own diary (name, units, check-in, red flags, STarT Back,
limits), the profile page, and the units on every page."""

from __future__ import annotations

import datetime as dt

from strideback.domain.redflags import KEYS
from strideback.services.profile import get_profile, onboarding_progress
from strideback.store import records


def _checkin(client) -> None:
    response = client.post(
        "/", {"date": dt.date.today().isoformat(), "back_pain": "2", "leg_pain": "3", "reach": "thigh"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def test_a_new_diary_is_guided_through_the_steps(client, person):
    today = client.get("/").content.decode()
    assert 'id="onboarding-banner"' in today and "step 1 of 5" in today
    assert 'id="checkin-form"' in today  # the check-in is still there for whoever wants it at once

    welcome = client.get("/welcome").content.decode()
    assert 'data-step="profile"' in welcome
    bad = client.post("/welcome", {"name": "", "units": "furlongs"})
    assert bad.status_code == 400 and "has-error" in bad.content.decode()
    response = client.post("/welcome", {"name": "Ana Novak", "units": "miles"})
    assert response.status_code == 302 and response["Location"].startswith("/")
    assert get_profile(person).units == "imperial" and get_profile(person).name == "Ana Novak"
    assert onboarding_progress(person).step == "checkin"

    _checkin(client)
    assert onboarding_progress(person).step == "redflags"
    # the red flags cannot be skipped, by the button or otherwise
    skipped = client.post("/welcome/skip", {"step": "redflags"}, follow=True)
    assert "never skipped" in skipped.content.decode()
    assert onboarding_progress(person).step == "redflags"
    assert "Skip for now" not in client.get("/welcome").content.decode()

    answers = {key: "no" for key in KEYS}
    assert client.post("/red-flags", answers).status_code == 302
    assert onboarding_progress(person).step == "startback"
    page = client.get("/red-flags").content.decode()
    assert "step 4 of 5" in page

    skip = client.post("/welcome/skip", {"step": "startback"})
    assert skip.status_code == 302 and skip["Location"] == "/welcome"
    assert onboarding_progress(person).step == "limits"
    limits = client.post("/welcome", {"max_stage": "3", "pain_limit": "2", "avoid": ["swim"]})
    assert limits.status_code == 302
    assert onboarding_progress(person) is None
    done = client.get(limits["Location"], follow=True).content.decode()
    assert "You are set up" in done and 'id="onboarding-banner"' not in done
    from strideback.services.daily import plan_overview

    caps = plan_overview(person, dt.date.today()).to_json()["caps"]
    assert (caps["max_stage"], caps["pain_during_limit"], caps["avoid_sports"]) == (3, 2, ["swim"])


def test_the_demo_and_a_diary_set_up_before_are_never_onboarded(client, diary):
    assert 'id="onboarding-banner"' not in client.get("/").content.decode()
    assert onboarding_progress(diary) is None
    assert client.get("/welcome")["Location"] == "/"


def test_the_demo_person_is_not_onboarded(client, person):
    from strideback.domain.types import Person

    records.update_person(person, Person(name="Demo"), is_demo=True)
    assert 'id="onboarding-banner"' not in client.get("/").content.decode()


def test_profile_page_changes_the_units_everywhere(client, diary):
    [activity] = records.list_activities(diary)[-1:]
    assert "3.00 km" in client.get(f"/activities/{activity.id}").content.decode()
    response = client.post("/profile", {"name": "Ana", "units": "miles"}, follow=True)
    assert "shown in miles" in response.content.decode()
    page = client.get(f"/activities/{activity.id}").content.decode()
    assert "1.86 mi" in page and "/mi" in page and "3.00 km" not in page
    assert "1.86 mi" in client.get("/activities").content.decode()
    edit = client.get(f"/activities/{activity.id}/edit").content.decode()
    assert "Distance (miles)" in edit and 'value="1.864"' in edit
    bad = client.post("/profile", {"name": "", "units": "km"})
    assert bad.status_code == 400
    assert get_profile(diary).units == "imperial"


def test_todays_suggestion_names_no_cli_command(client, person):
    html = client.get("/").content.decode()
    assert "strideback checkin" not in html and "strideback pain" not in html
