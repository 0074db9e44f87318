"""The pages work in a real Chromium under the Content-Security-Policy: no violation, charts drawn, the
check-in saved, and an injected inline script does not run."""

from __future__ import annotations

import datetime as dt

import pytest

PAGES = (
    "/",
    "/trends",
    "/activities",
    "/plan",
    "/insights",
    "/questionnaires",
    "/questionnaires/odi",
    "/red-flags",
    "/report",
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser(chromium):
    # the first chart page builds the Vega bundle: a longer wait
    page = chromium.page(console_errors=True, timeout_ms=120_000)
    return page, chromium.url, chromium.problems


def test_every_page_works_under_the_policy(transactional_db, browser):
    from strideback.domain.types import Activity, CheckIn, Reach, Sport
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    today = dt.date.today()
    for back in range(10, 0, -1):
        day = today - dt.timedelta(days=back)
        records.save_checkin(person, CheckIn(day, 2, 3, Reach.THIGH, note="<script>window.pwned=1</script>"))
        start = dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)
        records.add_activity(person, Activity(Sport.RUN, start, 1200.0, 3000.0, pain_during=2))
    page, base, problems = browser
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in PAGES:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
        if path == "/insights":
            page.wait_for_selector("#after-title")
    page.goto(base + "/trends")
    page.locator(".chart-canvas svg").nth(2).wait_for()  # a locator: wait_for_function would need eval
    assert not page.locator(".chart-error").count()
    page.goto(base + "/")
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('label[for="id_back_pain_1"]').click()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state()
    assert "Saved the check-in" in page.inner_text(".messages")
    # an inline script added to the page is refused by the policy
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.inlineRan === undefined && window.pwned === undefined")
    assert any("Content Security Policy" in v for v in violations)  # the refusal was the policy's
    assert [p for p in problems if "Content Security Policy" not in p] == []
    assert [v for v in violations if "inlineRan" not in v and "inline script" not in v.lower()] == []
