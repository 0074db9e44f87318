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
