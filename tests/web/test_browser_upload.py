"""The import page sends a big folder in parts, with one progress bar and one summary (real Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..cli.test_import_faults import _gpx
from .test_browser import browser_page  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_folder_of_more_than_100_files_imports_in_parts(transactional_db, browser_page, tmp_path):  # noqa: F811
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    page, base, problems = browser_page
    folder = tmp_path / "garmin"
    folder.mkdir()
    files = []
    for day in range(130):
        path = folder / f"run{day:04d}.gpx"
        path.write_bytes(_gpx(day, points=5))
        files.append(str(path))
    (folder / "Settings.txt").write_bytes(b"not an activity")
    files.append(str(folder / "Settings.txt"))
    page.goto(base + "/activities")
    page.set_input_files("#import-files", files)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-status")).to_contain_text("Imported 130", timeout=300_000)
    status = page.inner_text("#import-status")
    assert "Settings.txt" in status  # what was not imported is said, with its reason
    assert len(records.list_activities(person)) == 130
    assert not problems, problems
