"""One-time costs paid when a server process starts, never by the first person to open a chart.

Unpacking the Vega scripts from vl-convert takes seconds the first time (then it is read from the home's
cache), and the evidence engine's pages bring in pandas (about a second on this machine). The chart specs
themselves are plain dicts (`strideback.charts`), with no chart library to load. The first request also
imported the routes (the API brings in django-ninja, about a second) and built the Trends page's charts.
A server process calls `warm()` once before it answers: in local mode (one person) it builds the default
Trends page into the page cache, under the same data-versioned key a request reads, so the first chart
page is served from it. A failure here is logged and the server still starts, each cost then being paid
on first use as before."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

# What the chart pages import lazily; imported here so the first request finds them loaded.
CHART_MODULES = (
    "pandas",
    "strideback.charts",
    "strideback.services.activities",
    "strideback.services.checkins",
    "strideback.services.daily",
    "strideback.services.questionnaires",
)


def warm() -> None:
    from strideback.web.views.assets import vega_bundle

    try:
        vega_bundle()
        for name in CHART_MODULES:
            importlib.import_module(name)
    except Exception:  # never stop a server from starting; the cost is then paid on first use
        log.warning("warming up the chart scripts failed; the first chart page will be slower", exc_info=True)
    try:
        _load_pages()
    except Exception:  # as above: the first page then builds what it needs
        log.warning("warming up the pages failed; the first chart page will be slower", exc_info=True)


def _load_pages() -> None:
    """Import the routes, compile the Trends template, and (local mode) build the default Trends page."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports urls.py, the API and django-ninja)
    get_template("strideback/trends.html")  # and the base template it extends, when it renders
    from strideback.web.server_access import server_mode

    if server_mode():
        return  # many people: each one's pages are built on their first visit
    from strideback.services.people import local_person_id
    from strideback.web.views import trends
    from strideback.web.views._common import today

    trends.page_data(local_person_id(), today(), trends.DEFAULT_RANGE)
