"""Fixtures for the dashboard tests: a client, the local person, and a few days of diary."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from strideback.domain.types import Activity, CheckIn, Reach, Sport

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")  # Debian's Chromium, driven by Playwright in the browser tests
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: test databases reuse person ids and data versions."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def diary(person) -> int:
    """Two weeks of check-ins and a run every other day, ending yesterday (today is left for the test)."""
    from strideback.store import records

    today = dt.date.today()
    tz = dt.datetime.now().astimezone().tzinfo
    for back in range(14, 0, -1):
        day = today - dt.timedelta(days=back)
        records.save_checkin(person, CheckIn(date=day, back_pain=2, leg_pain=3, reach=Reach.THIGH))
        if back % 2 == 0:
            start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=tz)
            records.add_activity(
                person,
                Activity(
                    sport=Sport.RUN,
                    start=start,
                    duration_s=20 * 60,
                    distance_m=3000,
                    rpe=4,
                    pain_during=2,
                    pain_after=2,  # issue 11: complete evidence includes pain after
                ),
            )
    return person


@dataclass
class Chromium:
    """A launched Chromium, the live server's address, and the page errors seen (`problems`)."""

    browser: Browser
    url: str
    problems: list[str] = field(default_factory=list)

    def page(self, *, console_errors: bool = False, timeout_ms: int = 30_000, **context: Any) -> Page:
        """A page in a new browser context (`context`: Playwright's options, e.g. a phone's viewport).
        Uncaught page errors always land in `problems`; console errors too with `console_errors`."""
        page = self.browser.new_context(**context).new_page()
        if console_errors:
            page.on(
                "console",
                lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
            )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.set_default_timeout(timeout_ms)
        return page


@pytest.fixture
def chromium(live_server, settings, tmp_path, monkeypatch) -> Iterator[Chromium]:
    """Chromium on the live server (skipped where it is missing, a failure on CI)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing on CI")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    settings.HOME = tmp_path  # the vega script cache goes to a temporary home
    # Playwright's sync API runs an event loop in this thread; the test's own database reads are plain
    # synchronous calls, which Django would otherwise refuse there.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield Chromium(browser, live_server.url)
        browser.close()
