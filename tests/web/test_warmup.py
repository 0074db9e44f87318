"""A server process pays the chart set-up when it starts, not on the first chart request."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings


def test_warm_unpacks_the_vega_bundle_and_loads_the_chart_code(monkeypatch):
    from strideback.web import warmup
    from strideback.web.views import assets

    monkeypatch.setattr(assets, "_bundle", None)
    warmup.warm()
    assert assets._bundle is not None and b"vega" in assets._bundle[:100_000].lower()
    cached = Path(settings.HOME) / "cache" / f"vega-bundle-{assets.vega_version()}.js"
    assert cached.read_bytes() == assets._bundle
    for name in warmup.CHART_MODULES:
        assert name in sys.modules


def test_a_failed_warm_up_does_not_stop_the_server(monkeypatch, caplog):
    from strideback.web import warmup
    from strideback.web.views import assets

    def broken() -> bytes:
        raise OSError("no room")

    monkeypatch.setattr(assets, "vega_bundle", broken)
    warmup.warm()
    assert "warming up" in caplog.text


def test_warm_builds_the_first_trends_page_of_the_local_person(diary):
    """The first /trends after a start is served from what the warm-up built (issue 17: < 300 ms)."""
    from django.core.cache import cache
    from django.urls import get_resolver

    from strideback.web import warmup
    from strideback.web.views import trends
    from strideback.web.views._common import data_key, today

    warmup.warm()
    key = data_key(diary, today(), "trends", trends.DEFAULT_RANGE)
    built = cache.get(key)
    assert built is not None and built["n_checkins"] > 0
    assert "urlconf_module" in get_resolver().__dict__  # the routes (and django-ninja) imported already
    assert built == trends._charts(diary, today(), trends.DEFAULT_RANGE)  # the same page as a request builds
