"""Issue 17: the report sends its charts to the chart worker before it loads the PDF library and lays out a
page, the findings' charts too when the analysis is stored, so the worker draws while this process works."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings

from strideback.services.demo import create_demo

TODAY = dt.date(2026, 3, 1)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 32), "white").save(out, format="PNG")
    return out.getvalue()


class RecordingWorker:
    """Stands for the chart process: keeps the specs it is sent, answers each with a small picture."""

    def __init__(self) -> None:
        self.specs: list[dict[str, Any]] = []
        self.png = _png()

    def submit(self, spec: dict[str, Any]) -> int:
        self.specs.append(spec)
        return len(self.specs) - 1

    def result(self, number: int) -> bytes:
        return self.png

    def close(self) -> None:
        pass


def _is_forest_plot(spec: dict[str, Any]) -> bool:
    return any(part.get("data", {}).get("values") == [{"zero": 0}] for part in spec.get("layer", []))


@pytest.fixture
def demo(person: int, monkeypatch: pytest.MonkeyPatch, tmp_path) -> int:
    from strideback.services.analysis import refresh_now

    monkeypatch.setattr(settings, "HOME", str(tmp_path))  # no chart image or report cached yet
    create_demo(person, days=90, seed=5, end=TODAY)
    refresh_now(person)  # the analysis stored for the current data version, as the background leaves it
    return person


def test_every_chart_is_sent_before_the_pages_are_laid_out(demo: int, monkeypatch) -> None:
    from strideback.report import build, chart_worker, pdf

    worker = RecordingWorker()
    monkeypatch.setattr(chart_worker, "take", lambda scale: worker)
    sent_before_pages = []
    real_begin = pdf.begin_pdf

    def begin(report, charts):
        sent_before_pages.append(len(worker.specs))
        return real_begin(report, charts)

    monkeypatch.setattr(pdf, "begin_pdf", begin)
    assert build.report_pdf(demo, TODAY).startswith(b"%PDF")
    assert any(_is_forest_plot(spec) for spec in worker.specs), "the demo's findings have charts"
    assert sent_before_pages == [len(worker.specs)]


def test_each_chart_is_placed_as_soon_as_it_is_drawn(demo: int) -> None:
    """The first chart goes on the page while the worker still draws the next ones."""
    from strideback.report.chart_images import report_charts
    from strideback.services.report import build_report

    worker = RecordingWorker()
    waited: list[int] = []
    real_result = worker.result

    def result(number: int) -> bytes:
        waited.append(number)
        return real_result(number)

    worker.result = result  # type: ignore[method-assign]
    images = iter(report_charts(build_report(demo, TODAY), worker)())  # type: ignore[arg-type]
    assert len(worker.specs) >= 4 and not waited  # all sent, none waited for yet
    first = next(images)
    assert first.title == "Leg and back pain" and waited == [0]
    assert len(list(images)) == len(worker.specs) - 1 and waited == list(range(len(worker.specs)))
