"""The report's charts: the dashboard's own Altair specs (strideback.charts), rendered to PNG by vl-convert."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from strideback.domain.effects.wording import outcome_words
from strideback.services.report import Report

CHART_WIDTH_PX = 640  # drawn at 2× for print sharpness, placed across the page's width
RENDER_SCALE = 2


@dataclass(frozen=True)
class ChartImage:
    title: str
    caption: str
    png: bytes


def render_png(chart: Any) -> bytes:
    """One Altair chart to PNG bytes (white background, so it prints on paper as on screen).

    Drawing takes a few tenths of a second a chart, so each image is kept in the home's cache under the
    hash of its spec: a report whose data changed redraws only the charts that changed."""
    import json

    import vl_convert

    from strideback.services.file_cache import cached

    spec = chart.to_dict(validate=False)  # the chart modules' specs are validated by their tests
    spec.setdefault("config", {})["background"] = "white"
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = (hashlib.sha256(text.encode()).hexdigest(), RENDER_SCALE, getattr(vl_convert, "__version__", ""))
    return cached("chart", lambda: key, lambda: vl_convert.vegalite_to_png(spec, scale=RENDER_SCALE))


def report_charts(report: Report) -> list[ChartImage]:
    """The charts of the report, in reading order."""
    from strideback import charts

    width = CHART_WIDTH_PX
    images = [
        ChartImage(
            "Leg and back pain",
            "Morning pain 0-10 (dots) with a 7-day mean (lines); triangles mark each session's response "
            "(green, amber, red) judged by the pain-monitoring model.",
            render_png(charts.pain_chart(report.checkins, report.sessions, width=width, height=210)),
        ),
        ChartImage(
            "How far down the leg the pain reaches",
            "Furthest point the pain reached each morning; lower on the chart is further down the leg "
            "(peripheralization), higher is toward the spine (centralization).",
            render_png(charts.reach_chart(report.checkins, width=width, height=150)),
        ),
        ChartImage(
            "Weekly training load",
            "Session load = RPE x minutes (Foster 2001), running and low-impact stacked; weeks start on Monday.",
            render_png(charts.weekly_load_chart(report.activities, width=width, height=180)),
        ),
    ]
    answered = list(dict.fromkeys(q.instrument for q in report.questionnaires if q.valid))
    for instrument in answered or ["odi"]:
        images.append(
            ChartImage(
                f"Questionnaire: {instrument.upper()}",
                "Scores over time (higher is worse); the grey band around the first score is the range of "
                "no meaningful change.",
                render_png(
                    charts.questionnaire_chart(report.questionnaires, instrument, width=width, height=170)
                ),
            )
        )
    return images


FINDING_WIDTH_PX = 230  # plot area; with its labels the image is ~400 px, placed in half the page's width
FINDING_ROW_PX = 24


def finding_charts(report: Report) -> list[ChartImage]:
    """One small forest plot per outcome (the dashboard's Insights charts), in the engine's order."""
    from strideback.charts import outcome_chart

    if report.analysis is None:
        return []
    by_outcome: dict[str, list[dict[str, Any]]] = {}
    for effect in report.analysis.effects:  # the chart draws the engine's JSON rows (the edge)
        by_outcome.setdefault(effect.outcome, []).append(effect.to_json())
    images = []
    for outcome, effects in by_outcome.items():
        chart = outcome_chart(outcome, effects, width=FINDING_WIDTH_PX, row_height=FINDING_ROW_PX)
        if chart is not None:
            title = outcome_words(outcome).heading
            images.append(ChartImage(title, "", render_png(chart)))
    return images
