"""The clinician PDF is drawn once per state of the data, period and day, then served from the cache."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from django.conf import settings

from strideback.domain.types import CheckIn, Reach
from strideback.report import build
from strideback.services import file_cache
from strideback.store import records

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def builds(monkeypatch, tmp_path):
    """Count the real builds; each test gets its own cache folder."""
    monkeypatch.setattr(settings, "HOME", str(tmp_path))
    calls: list[tuple] = []
    real = build._build_report_pdf

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(build, "_build_report_pdf", counting)
    return calls


def _checkin(person: int, day: dt.date, leg: int) -> None:
    records.save_checkin(person, CheckIn(date=day, back_pain=2, leg_pain=leg, reach=Reach.THIGH))


def test_an_unchanged_report_is_served_from_the_cache(person, builds):
    _checkin(person, TODAY, 3)
    first = build.report_pdf(person, TODAY)
    again = build.report_pdf(person, TODAY)
    assert again == first and first.startswith(b"%PDF")
    assert len(builds) == 1


def test_a_write_a_new_period_or_a_new_day_draws_it_again(person, builds):
    _checkin(person, TODAY - dt.timedelta(days=1), 3)
    build.report_pdf(person, TODAY)
    _checkin(person, TODAY, 6)  # the data version moves
    build.report_pdf(person, TODAY)
    build.report_pdf(person, TODAY, TODAY - dt.timedelta(days=30), TODAY)
    build.report_pdf(person, TODAY + dt.timedelta(days=1))
    assert len(builds) == 4


def test_cached_files_are_private_and_few(person, builds, monkeypatch):
    monkeypatch.setitem(file_cache.KEEP, "report", 2)
    _checkin(person, TODAY, 3)
    for back in range(4):
        build.report_pdf(person, TODAY, TODAY - dt.timedelta(days=10 + back), TODAY)
    kept = list((Path(settings.HOME) / "cache" / "report").glob("*.bin"))
    assert len(kept) <= 2
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((Path(settings.HOME) / "cache" / "report").stat().st_mode) == 0o700


def test_chart_images_are_drawn_once_per_spec(person, monkeypatch, tmp_path):
    import vl_convert

    from strideback.report.chart_images import render_png

    monkeypatch.setattr(settings, "HOME", str(tmp_path))
    drawn = []
    real = vl_convert.vegalite_to_png

    def counting(spec, **kwargs):
        drawn.append(1)
        return real(spec, **kwargs)

    monkeypatch.setattr(vl_convert, "vegalite_to_png", counting)
    chart = {
        "data": {"values": [{"a": 1}]},
        "mark": "point",
        "encoding": {"x": {"field": "a", "type": "quantitative"}},
    }
    assert render_png(chart) == render_png(chart)
    render_png({**chart, "width": 120})
    assert len(drawn) == 2
