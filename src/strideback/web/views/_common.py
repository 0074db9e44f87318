"""What every page shares: whose data, which day, the navigation, and charts as embeddable specs."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

T = TypeVar("T")

NAV = (
    ("today", "Today"),
    ("trends", "Trends"),
    ("activities", "Activities"),
    ("plan", "Plan"),
    ("insights", "Insights"),
    ("questionnaires", "Questionnaires"),
    ("redflags", "Red flags"),
    ("report", "Report"),
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
    result newer than its key, never older. Templates use it too, to cache fragments (`{% cache %}`).
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
    context = {"nav": NAV, "active": active, "account": account, **context}
    return render(request, f"strideback/{template}", context, status=status)


class SpecCache:
    """A small thread-safe LRU of chart specs, keyed by chart name and a hash of the chart's inputs.

    Domain values are frozen dataclasses, so the inputs themselves make the key: a new or changed
    record changes the hash and the chart is rebuilt; unchanged data is served without Altair.
    """

    def __init__(self, size: int = 64) -> None:
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> str:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        spec = json.dumps(build().to_dict(validate=False), separators=(",", ":"))
        with self._lock:
            self._items[key] = spec
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return spec

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


chart_specs = SpecCache()


def chart_spec(name: str, build: Callable[[], Any], *inputs: Any) -> str:
    """The Vega-Lite JSON of a chart, built once per distinct input data."""
    key = (name, hash(tuple(tuple(x) if isinstance(x, list) else x for x in inputs)))
    return chart_specs.get_or_build(key, build)
