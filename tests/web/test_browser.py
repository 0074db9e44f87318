"""A full morning in a real browser (Playwright driving Debian's Chromium) on a 360 px phone screen."""

from __future__ import annotations

import pytest

PHONE = {"width": 360, "height": 780}
GPX = "gpxpy__cerknicko-jezero.gpx"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser_page(chromium):
    page = chromium.page(viewport=PHONE, has_touch=True, is_mobile=True, console_errors=True)
    return page, chromium.url, chromium.problems


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_full_morning_on_a_phone(transactional_db, browser_page, shared_data):
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    page, base, problems = browser_page

    # Today, before the check-in: cautious without this morning's answers.
    page.goto(base + "/")
    before = page.get_attribute("[data-light]", "data-light")
    assert before == "amber"
    assert fits_the_phone(page)

    # The check-in: tap 2 for leg pain, 1 for back pain, the thigh on the leg drawing.
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('label[for="id_back_pain_1"]').click()
    page.locator('.leg-part[data-reach="thigh"]').click()
    assert page.is_checked("#id_reach_2")  # the drawing chose the radio button underneath
    assert "on" in (page.get_attribute('.leg-part[data-reach="buttock"]', "class") or "")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state()
    assert "Saved the check-in" in page.inner_text(".messages")
    after = page.get_attribute("[data-light]", "data-light")
    assert after != before and after == "green"
    saved = records.list_checkins(person)[-1]
    assert (saved.leg_pain, saved.back_pain, saved.reach.value) == (2, 1, "thigh")

    # Import a GPX by upload, with progress, then see it in the list.
    gpx = shared_data / "gpx" / GPX
    if not gpx.is_file():
        pytest.skip(f"{gpx} is absent")
    page.goto(base + "/activities")
    page.set_input_files("#import-files", str(gpx))
    page.get_by_role("button", name="Import", exact=True).click()
    # a locator, not wait_for_function: the page's CSP refuses the eval Playwright's predicate needs
    page.locator("#import-status", has_text="Imported 1").wait_for()
    (imported,) = records.list_activities(person)
    page.goto(f"{base}/activities?before={imported.day.isoformat()}")  # the list pages by date
    page.wait_for_selector("table tbody tr")
    assert fits_the_phone(page)

    # Trends: the charts are drawn (SVG) by the locally served vega-embed.
    page.goto(base + "/trends")
    page.wait_for_selector("#main .chart-canvas svg")
    page.locator(".chart-canvas svg").nth(2).wait_for()  # at least three charts drawn
    assert not page.locator(".chart-error").count()
    assert fits_the_phone(page)

    for path in ("/plan", "/insights", "/questionnaires", "/questionnaires/odi", "/red-flags", "/report"):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        if path == "/insights":  # the first analysis takes a few seconds: wait for its findings
            page.wait_for_selector("#after-title")
        assert fits_the_phone(page), path
    assert problems == []


def test_keyboard_reaches_the_checkin_form(transactional_db, browser_page):
    from strideback.services.people import local_person_id

    local_person_id()
    page, base, problems = browser_page
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "leg_pain":
            break
    else:
        pytest.fail("the leg-pain scale is not reachable by keyboard")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "1"
    assert problems == []
