"""What every page shares: whose data, which day, the navigation, charts as embeddable specs, and the cache.

The web face has one cache: Django's cache, reached through `remembered(key, build)`. Keys come from
`data_key` (it carries the person's data version, so any write makes new keys) or, for a blank form's
HTML, from `form_key`. Page data, charts (built inside the page data) and HTML fragments
(`{% cached key "name" %}`, which calls `remembered`) all live there, nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

T = TypeVar("T")

NAV = (
    ("today", "Today"),
    ("trends", "Trends"),
    ("activities", "Activities"),
    ("history", "History"),
    ("treatments", "Treatments"),
    ("plan", "Plan"),
    ("insights", "Insights"),
    ("trial", "Trial"),
    ("questionnaires", "Questionnaires"),
    ("redflags", "Red flags"),
    ("report", "Report"),
    ("learn", "Learn"),
)


def person_id(request: HttpRequest) -> int:
    """Whose diary this page shows: the one local person, or in server mode the signed-in person."""
    known = getattr(request, "_strideback_person", None)
    if known is None:
        from strideback.web.server_access import page_person, server_mode

        if server_mode():
            known = page_person(request)
        else:
            from strideback.services.people import local_person_id

            known = local_person_id()
        request._strideback_person = known  # type: ignore[attr-defined]
    return known


def today() -> dt.date:
    return dt.date.today()


_MISSING = object()
_builds: dict[str, threading.Lock] = {}  # one lock per key being built
_builds_guard = threading.Lock()
CACHE_SECONDS = 24 * 3600


def data_key(person: int, day: dt.date, name: str, *parts: Hashable) -> str:
    """A cache key for something computed from the person's records as of `day`.

    It carries the person's data version, which changes with every write to their records: a result
    stored under it is never served for data that has changed since (stale health data would be a
    clinical bug). Read it before reading any data, so a write made meanwhile only makes the stored
    result newer than its key, never older. Templates use it too, to cache fragments (`{% cached %}`).
    """
    from strideback.services.people import data_version

    return ":".join(str(p) for p in ("strideback", name, person, data_version(person), day, *parts))


def remembered(key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, computed once per key (Django's cache, per process in local mode).

    Concurrent requests for the same key wait for one build instead of each doing it.
    """
    from django.core.cache import cache

    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    with _builds_guard:
        lock = _builds.setdefault(key, threading.Lock())
    try:
        with lock:
            value = cache.get(key, _MISSING)
            if value is _MISSING:
                value = build()
                cache.set(key, value, CACHE_SECONDS)
    finally:
        with _builds_guard:
            _builds.pop(key, None)
    return value  # type: ignore[return-value]


def form_key(form: Any) -> str:
    """A fragment-cache key for a blank form (its HTML depends only on the day), or "" for a filled one."""
    if form.is_bound or form.initial:
        return ""
    return f"{type(form).__name__}:{getattr(form, 'today', '')}"


def page(
    request: HttpRequest, template: str, active: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    from strideback.web.server_access import account_of, server_mode

    account = account_of(request) if server_mode() else None
    context = {
        "nav": NAV,
        "active": active,
        "account": account,
        **person_settings(request, active),
        **context,
    }
    if active in STOP_NOTICE_PAGES and "stop_notice" not in context:
        context["stop_notice"] = stop_notice(request)
    return render(request, f"strideback/{template}", context, status=status)


# Pages of a person's diary that show a standing red-flag stop at the top (issue 11: "stop everywhere");
# Today and Red flags say it in full themselves.
STOP_NOTICE_PAGES = frozenset(
    {"plan", "activities", "activity", "trends", "insights", "report", "questionnaires", "history", "trial"}
)


# Pages that show where a new person is in the first-start sequence (issue 15, `views/welcome.py`).
ONBOARDING_PAGES = frozenset({"today", "redflags", "questionnaires", "welcome", "profile"})
NOT_A_DIARY_PAGE = frozenset({"", "clinic", "sharing"})


def person_settings(request: HttpRequest, active: str) -> dict[str, Any]:
    """The person's units for every page, and on the sequence's pages their onboarding step."""
    from strideback.services.profile import page_settings

    if active in NOT_A_DIARY_PAGE:  # error pages, a clinician's pages: no person of one's own to ask
        return {"units": "metric", "onboarding": None}
    units, progress = page_settings(person_id(request), active in ONBOARDING_PAGES)
    return {"units": units, "onboarding": progress}


def stop_notice(request: HttpRequest) -> str | None:
    """The message of the emergency or urgent signs standing today, if any."""
    from strideback.services.screening import status

    flags = status(person_id(request), today())
    return flags.stop_message() if flags.stop else None


def chart_spec(spec: dict[str, Any]) -> str:
    """A chart's Vega-Lite spec (`strideback.charts`) as the JSON the page embeds. Not cached by itself:
    charts are made inside a `remembered` computation, so each is built once per data version with the
    rest of its page."""
    return json.dumps(spec, separators=(",", ":"))
