"""The diary in a real browser on a 390×844 phone: the one-screen check-in within its tap budget, errors in
view, a session opened, edited and deleted, the check-in history and the Learn pages."""

from __future__ import annotations

import datetime as dt

import pytest

PHONE = {"width": 390, "height": 844}
TAP_BUDGET = 5  # issue 15: a usual morning in at most 5 taps

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def phone(chromium):
    page = chromium.page(viewport=PHONE, has_touch=True, is_mobile=True)
    return page, chromium.url, chromium.problems


def _bottom(page, selector: str) -> float:
    """The element's bottom edge in page coordinates (how far down the page one must scroll)."""
    return page.evaluate(
        f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect(); return r.bottom + window.scrollY; }})()"
    )


def _yesterday(person: int) -> None:
    from strideback.domain.types import CheckIn, Reach
    from strideback.store import records

    records.save_checkin(person, CheckIn(dt.date.today() - dt.timedelta(days=1), 2, 3, reach=Reach.THIGH))


def test_one_screen_checkin_within_the_tap_budget(transactional_db, phone):
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    _yesterday(person)
    page, base, problems = phone
    page.goto(base + "/")
    save_bottom = _bottom(page, "#checkin-form button[type=submit]")
    print(f"Save button bottom at y={save_bottom:.0f} px (two screens: {2 * PHONE['height']} px)")
    assert save_bottom <= 2 * PHONE["height"]

    taps = 0
    for selector in (
        'label[for="id_leg_pain_3"]',
        'label[for="id_back_pain_2"]',
        '.leg-part[data-reach="thigh"]',
    ):
        page.locator(selector).tap()
        taps += 1
    page.get_by_role("button", name="Save check-in").tap()
    taps += 1
    page.wait_for_load_state()
    assert taps <= TAP_BUDGET
    assert "Saved the check-in" in page.inner_text(".messages")
    saved = records.get_checkin(person, dt.date.today())
    assert saved is not None and (saved.leg_pain, saved.back_pain, saved.reach.value) == (3, 2, "thigh")
    assert (saved.sleep, saved.stiffness_min) == (None, None)  # nothing made up for what was not asked
    assert problems == []


def test_an_error_is_shown_next_to_its_field_in_view(transactional_db, phone):
    from strideback.services.people import local_person_id

    local_person_id()
    page, base, problems = phone
    page.goto(base + "/")
    page.locator('label[for="id_leg_pain_4"]').tap()  # back pain left out
    page.get_by_role("button", name="Save check-in").tap()
    page.wait_for_selector("#id_back_pain_error")
    box = page.locator("#id_back_pain_error").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    assert problems == []


def test_open_edit_and_delete_a_session(transactional_db, phone):
    from strideback.domain.types import Activity, Sport
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(9), tzinfo=dt.UTC)
    activity_id = records.add_activity(person, Activity(Sport.WALK, start, 223 * 60, 4100, source="gpx"))
    page, base, problems = phone
    page.goto(base + "/activities")
    page.locator(f'a[href="/activities/{activity_id}"]').tap()
    page.wait_for_selector("h1")
    assert "Walk" in page.inner_text("h1")
    page.get_by_role("link", name="Edit").tap()
    page.select_option("#id_sport", "cycle")
    page.fill("#id_km", "41")
    page.get_by_role("button", name="Save changes").tap()
    page.wait_for_selector(".messages")
    assert "Cycle" in page.inner_text("h1")
    edited = records.get_activity(person, activity_id)
    assert edited is not None and edited.sport is Sport.CYCLE and edited.distance_m == 41000
    page.get_by_role("link", name="Delete…").tap()
    page.get_by_role("button", name="Delete the session").tap()
    page.wait_for_selector(".messages")
    assert records.get_activity(person, activity_id) is None
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []


def test_history_and_learn_pages_on_a_phone(transactional_db, phone):
    from strideback.services.people import local_person_id

    person = local_person_id()
    _yesterday(person)
    page, base, problems = phone
    page.goto(base + "/history")
    page.wait_for_selector(".calendar .cal-day.light-green")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(base + "/learn")
    for name in ("Sciatica, and why staying active usually helps", "When to seek care: the red flags"):
        page.goto(base + "/learn")
        page.get_by_role("link", name=name).tap()
        page.wait_for_selector("text=Sources")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
