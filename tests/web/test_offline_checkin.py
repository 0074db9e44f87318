"""The phone without a network (Playwright driving Debian's Chromium, local mode): the service worker keeps
Today; a check-in made offline is kept on the phone, says so, and arrives exactly once when the network
returns, even when the first answer is lost on the way back (the Idempotency-Key replay)."""

from __future__ import annotations

import pytest
from tests.outage_proxy import OutageProxy

PHONE = {"width": 360, "height": 780}
QUEUED = "Saved on this phone, will send"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def phone(chromium):
    # bypass_csp: the waits below evaluate JavaScript in the page, which the app's CSP rightly forbids;
    # the policy itself is tested in test_browser_csp.py
    page = chromium.page(
        viewport=PHONE, has_touch=True, is_mobile=True, service_workers="allow", bypass_csp=True
    )
    return page, page.context, chromium.url, chromium.problems


def _kept_by_the_worker(page) -> None:
    """Wait until the service worker controls the page and holds a copy of Today."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "caches.open('strideback-offline-v1').then(c => c.match('/')).then(r => !!r)", polling=200
    )


def _queued(page) -> int:
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open('strideback-phone', 1);
            open.onsuccess = () => {
                const all = open.result.transaction('outbox').objectStore('outbox').getAll();
                all.onsuccess = () => { open.result.close(); resolve(all.result.length); };
                all.onerror = () => reject(all.error);
            };
            open.onerror = () => reject(open.error);
        })"""
    )


def _fill_and_save(page, leg: int, back: int) -> None:
    page.locator(f'label[for="id_leg_pain_{leg}"]').click()
    page.locator(f'label[for="id_back_pain_{back}"]').click()
    page.locator('.leg-part[data-reach="calf"]').click()
    page.get_by_role("button", name="Save check-in").click()


@pytest.fixture
def proxy(phone):
    """A real proxy in front of the live server, which loses an answer below (Playwright's routing does
    not promise to see a page's requests while a service worker runs)."""
    with OutageProxy(phone[2]) as running:
        yield running


def test_a_check_in_made_offline_arrives_exactly_once(transactional_db, phone, proxy):
    from strideback.services.people import local_person_id
    from strideback.store import models, records

    page, context, _, problems = phone
    person = local_person_id()
    page.goto(proxy.url + "/")
    _kept_by_the_worker(page)

    # Offline: Today still opens (from the worker's copy) and the check-in is kept on the phone.
    context.set_offline(True)
    page.reload()
    assert page.locator("#checkin-form").is_visible()
    # ... and that page came from the worker's copy: the network itself is really gone.
    reached = "fetch('/api/today').then(() => 'reached').catch(() => 'offline')"
    assert page.evaluate(reached) == "offline"
    assert page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0")
    _fill_and_save(page, leg=6, back=3)
    page.wait_for_function(f"document.getElementById('offline-status').textContent.includes({QUEUED!r})")
    assert _queued(page) == 1
    assert records.list_checkins(person) == []

    # The first answer is lost on the way back: the server stored it, the phone does not know.
    proxy.failure = "answer_lost"
    context.set_offline(False)
    page.wait_for_function("() => window.navigator.onLine")
    page.wait_for_function(
        "document.getElementById('offline-status').textContent.includes('will send when the network is back')"
    )
    assert _queued(page) == 1 and len(records.list_checkins(person)) == 1  # stored, still queued

    proxy.failure = None
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the retry (a timer does it too)
    page.wait_for_function(
        "document.getElementById('offline-status').textContent.includes('Sent the check-in')"
    )
    # the queue's timer may have tried once more while the answer was being lost; one try got through
    attempts = [line.rsplit(" ", 1)[-1] for line in proxy.log if line.startswith("proxy: POST /api/checkins")]
    assert attempts[0] == "(answer_lost)" and attempts[-1] == "(passed)" and attempts.count("(passed)") == 1
    assert _queued(page) == 0
    saved = records.list_checkins(person)
    assert len(saved) == 1 and (saved[0].leg_pain, saved[0].back_pain, saved[0].reach.value) == (6, 3, "calf")
    assert models.IdempotentRequest.objects.filter(person_id=person).count() == 1
    assert models.RedFlagScreening.objects.filter(person_id=person).count() == 1  # the flags went with it

    # Online again, Today shows the check-in; nothing is left to send twice.
    page.reload()
    assert "Saved for today" in page.inner_text("#main")
    assert _queued(page) == 0 and len(records.list_checkins(person)) == 1
    assert problems == []


def test_the_worker_is_served_from_the_root(client, db):
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert answer["Cache-Control"] == "no-cache"
    blank = client.get("/offline/checkin")
    assert blank.status_code == 200 and b'id="checkin-form"' in blank.content


def test_on_a_later_day_offline_the_phone_offers_a_blank_check_in(transactional_db, phone):
    """Yesterday's copy of Today is not today's advice (and may hold no form): offline on a new day, the
    worker serves the blank check-in form, dated today on the phone, and it is sent once back online."""
    import datetime as dt

    from strideback.services.people import local_person_id
    from strideback.store import records

    page, context, base, problems = phone
    person = local_person_id()
    page.goto(base + "/")
    _kept_by_the_worker(page)
    page.wait_for_function(
        "caches.open('strideback-offline-v1').then(c => c.match('/offline/checkin')).then(r => !!r)",
        polling=200,
    )
    # Pretend the copy of Today was kept on an earlier day.
    page.evaluate(
        "caches.open('strideback-offline-v1').then(c => c.put('/offline/kept-on', new Response('2000-01-01')))"
    )
    context.set_offline(True)
    page.reload()
    assert page.locator("[data-offline-form]").count() == 1
    device_day = page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0'); })()"
    )
    assert page.input_value("#id_date") == device_day
    _fill_and_save(page, leg=2, back=1)
    page.wait_for_function(f"document.getElementById('offline-status').textContent.includes({QUEUED!r})")
    context.set_offline(False)
    page.wait_for_function(
        "document.getElementById('offline-status').textContent.includes('Sent the check-in')"
    )
    saved = records.list_checkins(person)
    assert [(c.date, c.leg_pain) for c in saved] == [(dt.date.fromisoformat(device_day), 2)]
    assert problems == []
