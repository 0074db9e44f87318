"""Symptom charts: leg and back pain over time with session responses, and how far the pain reaches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from strideback.charts._style import (
    BACK_PAIN,
    DEFAULT_HEIGHT,
    LEG_PAIN,
    Spec,
    Width,
    chart,
    date_axis,
    day_value,
    empty_chart,
    field,
    finish,
    layer,
    light_scale,
    sized,
)
from strideback.domain.types import CheckIn, Reach

RESPONSE_ROW = 10.8  # session marks sit in a strip above the 0–10 pain scale
ROLLING_DAYS = 7


def pain_rows(checkins: Sequence[CheckIn]) -> list[dict[str, Any]]:
    rows = []
    for checkin in checkins:
        day = day_value(checkin.date)
        rows.append({"date": day, "series": "Leg pain", "pain": checkin.leg_pain})
        rows.append({"date": day, "series": "Back pain", "pain": checkin.back_pain})
    return rows


def response_rows(responses: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Session responses as JSON-like mappings: date (ISO), sport, light and reasons (as in to_json())."""
    rows = []
    for response in responses:
        reasons = response.get("reasons") or []
        rows.append(
            {
                "date": f"{response['date']}T00:00:00",
                "sport": response.get("sport", ""),
                "light": response["light"],
                "why": reasons[0] if reasons else "",
            }
        )
    return rows


def pain_chart(
    checkins: Sequence[CheckIn],
    responses: Sequence[Mapping[str, Any]] = (),
    width: Width = None,
    height: int = DEFAULT_HEIGHT,
) -> Spec:
    """Leg and back pain (0–10) by morning, with a 7-day mean, and each session's response as a mark."""
    if not checkins:
        return finish(empty_chart("No check-ins yet: pain will show here.", width))
    rows = pain_rows(checkins)
    series = {"domain": ["Leg pain", "Back pain"], "range": [LEG_PAIN, BACK_PAIN]}
    x = field("date:T", axis=date_axis())
    colour = field("series:N", scale=series, title=None)
    y_scale = {"domain": [0, 11], "nice": False}
    y_axis = {"values": list(range(0, 11, 2)), "title": "Pain (0–10)"}
    daily = chart(
        rows,
        {"type": "point", "size": 14, "opacity": 0.4, "filled": True},
        x=x,
        color=colour,
        y=field("pain:Q", scale=y_scale, axis=y_axis),
        tooltip=[
            field("date:T", format="%a %d %b %Y"),
            field("series:N"),
            field("pain:Q", title="0–10"),
        ],
    )
    mean = chart(
        rows,
        {"type": "line", "strokeWidth": 2.5, "interpolate": "monotone"},
        x=x,
        color=colour,
        y=field("mean_pain:Q", scale=y_scale, axis=y_axis),
    )
    mean["transform"] = [
        {
            "window": [{"op": "mean", "field": "pain", "as": "mean_pain"}],
            "frame": [-(ROLLING_DAYS - 1), 0],
            "groupby": ["series"],
            "sort": [{"field": "date"}],
        }
    ]
    layers = [daily, mean]
    if responses:
        marks = chart(
            response_rows(responses),
            {"type": "point", "shape": "triangle-down", "filled": True, "size": 70, "opacity": 0.9},
            x=field("date:T"),
            y={"datum": RESPONSE_ROW},
            fill=field("light:N", scale=light_scale(), title="Session response"),
            stroke={"value": "transparent"},
            tooltip=[
                field("date:T", format="%a %d %b %Y"),
                field("sport:N"),
                field("light:N"),
                field("why:N"),
            ],
        )
        layers.append(marks)
    return finish(sized(layer(*layers), width, height))


REACH_ORDER = [r.value for r in Reach]  # none (spine) … foot; McKenzie / Skytte 2005 ordering


def reach_chart(checkins: Sequence[CheckIn], width: Width = None, height: int = 150) -> Spec:
    """How far down the leg the pain reaches, morning by morning (further down is lower on the chart)."""
    if not checkins:
        return finish(empty_chart("No check-ins yet: how far the pain reaches will show here.", width))
    rows = [{"date": day_value(c.date), "reach": c.reach.value, "level": c.reach.level} for c in checkins]
    line = chart(
        rows,
        {
            "type": "line",
            "interpolate": "step-after",
            "strokeWidth": 2,
            "color": LEG_PAIN,
            "point": {"size": 12, "filled": True, "color": LEG_PAIN},
        },
        x=field("date:T", axis=date_axis()),
        y=field("reach:O", sort=REACH_ORDER, scale={"domain": REACH_ORDER}, title="Pain reaches"),
        tooltip=[field("date:T", format="%a %d %b %Y"), field("reach:N")],
    )
    return finish(sized(line, width, height))
