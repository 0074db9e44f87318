"""Issue 14, the phone: a check-in is kept on the phone not only when the browser knows it is offline
(`navigator.onLine` false, tests/web/test_offline_checkin.py) but also when the phone thinks it is online
and the request fails: the server unreachable (a network error), or the proxy answering 502/503/504 while
the app servers are down. It is sent later through the queue, with its Idempotency-Key, and stored once,
also when the first answer was lost after the server had stored it.

Playwright driving Debian's Chromium, local mode (the queue is the same in server mode), with the service
worker running as on a phone. The failures come from a real reverse proxy in front of the live server
(tests/outage_proxy.py), not from Playwright's request interception: Playwright does not promise to see a
page's requests while a service worker runs. A POST slipping past it would reach the server, which stores
the check-in and reloads Today with an empty status line: what CI saw twice with routing (not reproduced
here, so not proven to be the cause; a failed wait now prints the browser's and the proxy's log)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.outage_proxy import FAILURES, OutageProxy

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
]
QUEUED = "Saved on this phone, will send"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def phone(live_server, settings, tmp_path, monkeypatch):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing on CI")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    settings.HOME = tmp_path
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the test's own DB reads beside Playwright
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        # bypass_csp: the waits evaluate JavaScript, which the app's CSP rightly forbids
        context = browser.new_context(
            viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True, bypass_csp=True
        )
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.set_default_timeout(20_000)
        with OutageProxy(live_server.url) as proxy:
            _log_the_network(context, page, proxy.log)  # one log: the browser's view and the proxy's
            yield page, proxy, problems
        browser.close()


def _log_the_network(context, page, log: list[str]) -> None:
    """What the browser did, in the order the test hears of it, so that a failed wait says which requests went where (the page's
    own, or the service worker's) and what the page printed."""

    def request(kind: str):
        def record(r) -> None:
            status = ""
            if kind == "finished":
                response = r.response()
                status = f" {response.status if response else '?'}"
            elif kind == "failed":
                status = f" {r.failure}"
            origin = "worker" if r.service_worker else "page"
            log.append(f"{kind}{status}: {r.method} {r.url} ({origin}, {r.resource_type})")

        return record

    for kind in ("request", "finished", "failed"):
        context.on(kind if kind == "request" else f"request{kind}", request(kind))
    page.on("framenavigated", lambda f: log.append(f"navigated: {f.url}") if f == page.main_frame else None)
    page.on("console", lambda m: log.append(f"console {m.type}: {m.text}"))


def _queued(page) -> int:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open('strideback-phone', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'key' });
            open.onsuccess = () => {
                const all = open.result.transaction('outbox').objectStore('outbox').getAll();
                all.onsuccess = () => { open.result.close(); resolve(all.result.length); };
                all.onerror = () => reject(all.error);
            };
            open.onerror = () => reject(open.error);
        })"""
    )


def _status_says(page, words: str, problems: list[str], log: list[str]) -> None:
    """Wait for the status line to say `words`. It is polled on a timer, not on animation frames (which a
    busy or backgrounded browser may throttle), and a timeout names what the page said instead."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"(document.getElementById('offline-status') || {{textContent: ''}}).textContent.includes({words!r})",
            polling=100,
            timeout=30_000,
        )
    except PlaywrightTimeout:
        said = page.evaluate(
            "(document.getElementById('offline-status') || {textContent: '(no status line)'}).textContent"
        )
        events = "\n  ".join(log)
        raise AssertionError(
            f"waited for {words!r}; the page ({page.url}) says {said!r}; problems: {problems}; "
            f"what the browser did:\n  {events}"
        ) from None


def _choose(page, control_id: str) -> None:
    """Tap an answer's chip and make sure it took: a form sent without its pain scores is posted as is (the
    server's form names what is missing), which is not what these tests are about."""
    for _ in range(3):
        page.locator(f'label[for="{control_id}"]').click()
        if page.locator(f"#{control_id}").is_checked():
            return
    raise AssertionError(f"tapping {control_id} did not choose it")


@pytest.mark.parametrize("failure", FAILURES)
def test_a_check_in_whose_request_fails_is_queued_and_sent_once(transactional_db, phone, failure):
    from strideback.services.people import local_person_id
    from strideback.store import models, records

    page, proxy, problems = phone
    person = local_person_id()
    page.goto(proxy.url + "/")
    assert page.evaluate("navigator.onLine")  # the phone believes it is online throughout

    # The outage: the Today form's POST to /, and the queue's retries (its timer may fire meanwhile)
    proxy.failure = failure
    _choose(page, "id_leg_pain_4")
    _choose(page, "id_back_pain_2")
    page.get_by_role("button", name="Save check-in").click()
    _status_says(page, QUEUED, problems, proxy.log)
    assert _queued(page) == 1
    stored_by_the_failed_request = len(records.list_checkins(person))
    assert stored_by_the_failed_request == (1 if failure == "answer_lost" else 0)

    proxy.failure = None  # the app servers are back
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the retry (a timer does it too)
    _status_says(page, "already" if failure == "answer_lost" else "Sent the check-in", problems, proxy.log)
    assert _queued(page) == 0
    saved = records.list_checkins(person)
    assert len(saved) == 1 and (saved[0].leg_pain, saved[0].back_pain) == (4, 2)
    if failure != "answer_lost":  # sent by the queue, with its key
        assert models.IdempotentRequest.objects.filter(person_id=person).count() == 1
    page.reload()
    assert _queued(page) == 0 and len(records.list_checkins(person)) == 1
    assert problems == []


def test_an_ordinary_online_check_in_still_posts_the_form(transactional_db, phone):
    """Nothing fails: the form is answered as before (Today with its message), nothing is queued."""
    from strideback.services.people import local_person_id
    from strideback.store import records

    page, proxy, problems = phone  # through the proxy, which lets everything pass
    page.goto(proxy.url + "/")
    _choose(page, "id_leg_pain_2")
    _choose(page, "id_back_pain_1")
    page.get_by_role("button", name="Save check-in").click()
    page.locator(".messages", has_text="Saved the check-in").wait_for()
    assert _queued(page) == 0 and len(records.list_checkins(local_person_id())) == 1
    assert problems == []
