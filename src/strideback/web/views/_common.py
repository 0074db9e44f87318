"""What every page shares: whose data, which day, the navigation, and charts as embeddable specs."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

NAV = (
    ("today", "Today"),
    ("trends", "Trends"),
    ("activities", "Activities"),
    ("plan", "Plan"),
    ("insights", "Insights"),
    ("questionnaires", "Questionnaires"),
    ("redflags", "Red flags"),
)


def person_id(request: HttpRequest) -> int:
    """Local mode: the one local person. (Server mode will resolve the signed-in person here.)"""
    from strideback.services.people import local_person_id

    return local_person_id()


def today() -> dt.date:
    return dt.date.today()


def page(
    request: HttpRequest, template: str, active: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {"nav": NAV, "active": active, **context}
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
