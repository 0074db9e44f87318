"""Issue 15 in a real browser (Playwright, Debian's Chromium, a phone screen): making the clinician PDF
shows its steps, then offers the download; an unchanged report is offered at once."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser_page(live_server, settings, tmp_path, monkeypatch):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing on CI")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    settings.HOME = tmp_path
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, accept_downloads=True)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.set_default_timeout(60_000)
        yield page, live_server.url, problems
        browser.close()


@pytest.fixture
def background_thread(monkeypatch):
    """The report made in a thread, as in local mode, on the test database's shared connection; it waits
    for `go` so that the test sees the page while the report is being made."""
    from django.db import connections

    from strideback.report import background

    go = threading.Event()
    shared = connections["default"]
    shared.inc_thread_sharing()
    real = background.make_report
    threads: list[threading.Thread] = []

    def run(*args):
        connections["default"] = shared
        go.wait(60)
        real.call(*args)

    def enqueue(*args):
        thread = threading.Thread(target=run, args=args, daemon=True)
        threads.append(thread)
        thread.start()

    monkeypatch.setattr(background, "make_report", SimpleNamespace(enqueue=enqueue))
    yield go
    go.set()
    for thread in threads:
        thread.join(120)
    shared.dec_thread_sharing()


def test_the_report_shows_its_steps_then_offers_the_download(
    transactional_db, browser_page, background_thread
):
    from strideback.services.demo import create_demo
    from strideback.services.people import local_person_id

    person = local_person_id()
    create_demo(person, days=40, seed=3)
    page, base, problems = browser_page

    page.goto(base + "/report")
    assert page.locator("[data-report-ready]").count() == 0  # nothing made yet
    page.get_by_role("button", name="Download the report (PDF)").click()
    status = page.locator("[data-report-progress]")
    status.wait_for(state="visible")
    assert "Step 1 of 4: reading the diary" in status.inner_text()
    assert page.get_by_role("status").filter(has_text="reading the diary").count() == 1
    background_thread.set()  # let the background finish
    link = page.locator("[data-report-download]")
    link.wait_for(state="visible")
    assert "Ready." in status.inner_text()
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # Unchanged since: offered at once when the page opens, and at once when asked again.
    page.goto(base + "/report")
    assert page.locator("[data-report-ready]").is_visible()
    page.get_by_role("button", name="Download the report (PDF)").click()
    link.wait_for(state="visible")
    assert "Ready." in status.inner_text()
    assert not problems, problems
