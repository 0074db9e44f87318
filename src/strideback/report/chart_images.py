"""The report's charts: the dashboard's own Vega-Lite specs (strideback.charts), rendered to PNG by vl-convert."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strideback.domain.effects.wording import outcome_words
from strideback.services.report import Report

if TYPE_CHECKING:
    from strideback.report.chart_worker import ChartWorker

CHART_WIDTH_PX = 640  # drawn at 2× for print sharpness, placed across the page's width
RENDER_SCALE = 2  # the CLI's report command starts its chart worker with this scale too


@dataclass(frozen=True)
class ChartImage:
    title: str
    caption: str
    png: bytes


def render_png(chart: dict[str, Any]) -> bytes:
    """One chart's Vega-Lite spec to PNG bytes (white background, so it prints on paper as on screen).

    Drawing takes a few tenths of a second a chart, so each image is kept in the home's cache under the
    hash of its spec: a report whose data changed redraws only the charts that changed."""
    return Drawing(None).add("", "", chart)()


class Drawing:
    """Charts drawn together: each is looked up in the cache by its spec's hash, and the others are sent to
    the chart worker (when there is one) at once, so that they are drawn while the caller does other work;
    calling the returned function waits for the image."""

    def __init__(self, worker: ChartWorker | None) -> None:
        self.worker = worker

    def add(self, title: str, caption: str, chart: dict[str, Any]) -> Callable[[], bytes]:
        from strideback.services.file_cache import keep, lookup

        spec = {**chart, "config": {**chart.get("config", {}), "background": "white"}}
        text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
        key = (hashlib.sha256(text.encode()).hexdigest(), RENDER_SCALE, _vl_version())
        png = lookup("chart", key)
        if png is not None:
            found: bytes = png
            return lambda: found
        number = self.worker.submit(spec) if self.worker is not None else None

        def finish() -> bytes:
            drawn = self.worker.result(number) if self.worker is not None and number is not None else None
            if drawn is None:
                import vl_convert

                drawn = vl_convert.vegalite_to_png(spec, scale=RENDER_SCALE)
            keep("chart", [key], drawn)
            return drawn

        return finish

    def image(self, title: str, caption: str, chart: dict[str, Any]) -> Callable[[], ChartImage]:
        png = self.add(title, caption, chart)
        return lambda: ChartImage(title, caption, png())


@functools.cache
def _vl_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vl-convert-python")
    except PackageNotFoundError:
        return ""


def report_charts(report: Report, worker: ChartWorker | None = None) -> Callable[[], Iterator[ChartImage]]:
    """The charts of the report, in reading order (sent for drawing now). Calling the result gives each
    image as soon as it is drawn, so the first is placed on the page while the next is still drawing."""
    from strideback import charts

    width = CHART_WIDTH_PX
    sessions = [line.response.to_json() for line in report.sessions]  # the chart's data rows (Vega JSON)
    drawing = Drawing(worker)
    images = [
        drawing.image(
            "Leg and back pain",
            "Morning pain 0-10 (dots) with a 7-day mean (lines); triangles mark each session's response "
            "(green, amber, red) judged by the pain-monitoring model.",
            charts.pain_chart(report.checkins, sessions, width=width, height=210),
        ),
        drawing.image(
            "How far down the leg the pain reaches",
            "Furthest point the pain reached each morning; lower on the chart is further down the leg "
            "(peripheralization), higher is toward the spine (centralization).",
            charts.reach_chart(report.checkins, width=width, height=150),
        ),
        drawing.image(
            "Weekly training load",
            "Session load = RPE x minutes (Foster 2001), running and low-impact stacked; weeks start on Monday.",
            charts.weekly_load_chart(report.activities, width=width, height=180),
        ),
    ]
    answered = list(dict.fromkeys(q.instrument for q in report.questionnaires if q.valid))
    for instrument in answered or ["odi"]:
        images.append(
            drawing.image(
                f"Questionnaire: {instrument.upper()}",
                "Scores over time (higher is worse); the grey band around the first score is the range of "
                "no meaningful change.",
                charts.questionnaire_chart(report.questionnaires, instrument, width=width, height=170),
            )
        )
    return lambda: (image() for image in images)


FINDING_WIDTH_PX = 230  # plot area; with its labels the image is ~400 px, placed in half the page's width
FINDING_ROW_PX = 24


def finding_charts(report: Report, worker: ChartWorker | None = None) -> Callable[[], list[ChartImage]]:
    """One small forest plot per outcome (the dashboard's Insights charts), in the engine's order."""
    from strideback.charts import outcome_chart

    if report.analysis is None:
        return list
    by_outcome: dict[str, list[dict[str, Any]]] = {}
    for effect in report.analysis.effects:  # the chart draws the engine's JSON rows (the edge)
        by_outcome.setdefault(effect.outcome, []).append(effect.to_json())
    drawing = Drawing(worker)
    images = []
    for outcome, effects in by_outcome.items():
        chart = outcome_chart(outcome, effects, width=FINDING_WIDTH_PX, row_height=FINDING_ROW_PX)
        if chart is not None:
            images.append(drawing.image(outcome_words(outcome).heading, "", chart))
    return lambda: [image() for image in images]
