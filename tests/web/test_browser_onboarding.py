"""Issue 15 in a real browser on a 390×844 phone: a new person's first start (name, units, first check-in,
the red-flag questions that are never skipped, STarT Back, a clinician's limits) and an import from the
chosen files to its own result page, with progress from the background."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from gpx_files import write_gpx

from .test_browser_diary import PHONE, phone  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_onboarding_of_a_new_person(transactional_db, phone):  # noqa: F811
    from strideback.domain.redflags import KEYS
    from strideback.services.people import local_person_id
    from strideback.services.profile import get_profile, onboarding_progress

    person = local_person_id()
    page, base, problems = phone
    page.goto(base + "/")
    banner = page.locator("#onboarding-banner")
    expect(banner).to_contain_text("step 1 of 5")
    banner.get_by_role("link", name="Start").tap()

    page.fill("#id_name", "Ana Novak")
    page.locator('label[for="id_units_1"]').tap()  # miles
    page.get_by_role("button", name="Save and continue").tap()
    page.wait_for_selector("#checkin-form")
    assert (get_profile(person).name, get_profile(person).units) == ("Ana Novak", "imperial")
    expect(page.locator("#onboarding-banner")).to_contain_text("step 2 of 5")

    page.locator('label[for="id_leg_pain_3"]').tap()
    page.locator('label[for="id_back_pain_2"]').tap()
    page.get_by_role("button", name="Save check-in").tap()
    expect(page.locator(".messages[role=status]")).to_contain_text("Saved the check-in")
    expect(page.locator("#onboarding-banner")).to_contain_text("step 3 of 5")

    page.locator("#onboarding-banner a").tap()
    expect(page.locator("#current-step")).to_have_attribute("data-step", "redflags")
    assert page.get_by_role("button", name="Skip for now").count() == 0  # never skipped
    page.get_by_role("link", name="Continue").tap()
    for key in KEYS:
        page.locator(f'label[for="id_{key}_0"]').tap()  # no
    page.get_by_role("button", name="Save answers").tap()
    expect(page.locator("#onboarding-banner")).to_contain_text("step 4 of 5")

    page.locator("#onboarding-banner a").tap()
    page.get_by_role("button", name="Skip for now").tap()  # STarT Back later
    expect(page.locator("#current-step")).to_have_attribute("data-step", "limits")
    page.select_option("#id_pain_limit", "2")
    page.get_by_role("button", name="Save the limits").tap()
    expect(page.locator(".messages[role=status]")).to_contain_text("You are set up")
    assert page.locator("#onboarding-banner").count() == 0
    assert onboarding_progress(person) is None
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []


def test_import_lists_the_chosen_files_then_shows_its_result_page(
    transactional_db,
    phone,  # noqa: F811
    settings,
    tmp_path,
    monkeypatch,
):
    import threading

    from strideback.services import importing
    from strideback.services.people import local_person_id
    from strideback.store import records

    gate = threading.Event()  # holds the background import until the page has shown it running
    real_import = importing.import_paths

    def held_import(*args, **kwargs):
        gate.wait(60)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(importing, "import_paths", held_import)

    settings.STRIDEBACK_IMPORT_IN_BACKGROUND = True  # as in the dashboard: a thread, and the page polls
    person = local_person_id()
    page, base, problems = phone
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(8)).astimezone()
    files = [
        write_gpx(tmp_path / f"run{i}.gpx", start - dt.timedelta(days=i), 30, "running", "Watch")
        for i in range(3)
    ]
    settings_file = tmp_path / "Settings.txt"
    settings_file.write_text("units=metric")
    page.goto(base + "/activities")
    page.set_input_files("#import-files", [str(p) for p in (*files, settings_file)])
    expect(page.locator("#import-chosen")).to_contain_text("4 files chosen")
    expect(page.locator("#import-chosen li").first).to_contain_text("run0.gpx")

    page.get_by_role("button", name="Import", exact=True).tap()
    page.wait_for_url("**/imports/*")
    expect(page.locator("#run-title")).to_have_text("Importing…")
    assert page.locator("#import-run-progress").count() == 1
    gate.set()  # the page asks for the progress and shows the result once the import has ended
    expect(page.locator("#import-status")).to_contain_text("Imported 3", timeout=120_000)
    # a file with nothing to import is listed with its reason (skipped in a folder, refused on its own)
    outcome = page.inner_text("#skipped-files, #failed-files")
    assert "Settings.txt" in outcome and "strideback reads" in outcome
    result_url = page.url
    ids = {a.id for a in records.list_activities(person)}
    assert len(ids) == 3
    page.locator("#imported-sessions a").first.tap()
    page.wait_for_selector("h1")
    assert int(page.url.rsplit("/", 1)[1]) in ids
    page.goto(result_url)  # the page stays
    expect(page.locator("#import-status")).to_contain_text("Imported 3")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []


def test_split_a_wrong_merge_on_a_phone(transactional_db, phone, tmp_path):  # noqa: F811
    from strideback.services.importing import import_paths
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(8)).astimezone()
    import_paths(person, [str(write_gpx(tmp_path / "watch_run.gpx", start, 30, "running", "Watch"))])
    walk = write_gpx(tmp_path / "phone_walk.gpx", start + dt.timedelta(minutes=2), 32, "walking", "Phone", 7)
    assert import_paths(person, [str(walk)]).merged == 1
    [session] = records.list_activities(person)
    page, base, problems = phone
    page.goto(f"{base}/activities/{session.id}")
    page.get_by_role("button", name="Split into 2 sessions").tap()
    expect(page.locator(".messages[role=status]")).to_contain_text("Split into 2 sessions")
    page.locator("#split-off a").first.tap()
    page.wait_for_selector("h1")
    assert "Walk" in page.inner_text("h1")
    assert len(records.list_activities(person)) == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
