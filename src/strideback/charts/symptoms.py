"""Symptom charts: leg and back pain over time with session responses, and how far the pain reaches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from strideback.charts._style import (
    BACK_PAIN,
    DEFAULT_HEIGHT,
    LEG_PAIN,
    Width,
    date_axis,
    day_value,
    empty_chart,
    finish,
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
) -> alt.LayerChart | alt.Chart:
    """Leg and back pain (0–10) by morning, with a 7-day mean, and each session's response as a mark."""
    if not checkins:
        return finish(empty_chart("No check-ins yet: pain will show here.", width))
    series = alt.Scale(domain=["Leg pain", "Back pain"], range=[LEG_PAIN, BACK_PAIN])
    base = alt.Chart(alt.Data(values=pain_rows(checkins))).encode(
        x=alt.X("date:T", axis=date_axis()),
        color=alt.Color("series:N", scale=series, title=None),
    )
    y_scale = alt.Scale(domain=[0, 11], nice=False)
    y_axis = alt.Axis(values=list(range(0, 11, 2)), title="Pain (0–10)")
    daily = base.mark_point(size=14, opacity=0.4, filled=True).encode(
        y=alt.Y("pain:Q", scale=y_scale, axis=y_axis),
        tooltip=[
            alt.Tooltip("date:T", format="%a %d %b %Y"),
            alt.Tooltip("series:N"),
            alt.Tooltip("pain:Q", title="0–10"),
        ],
    )
    mean = (
        base.transform_window(
            mean_pain="mean(pain)",
            frame=[-(ROLLING_DAYS - 1), 0],
            groupby=["series"],
            sort=[{"field": "date"}],
        )
        .mark_line(strokeWidth=2.5, interpolate="monotone")
        .encode(y=alt.Y("mean_pain:Q", scale=y_scale, axis=y_axis))
    )
    layers: list[Any] = [daily, mean]
    if responses:
        marks = (
            alt.Chart(alt.Data(values=response_rows(responses)))
            .mark_point(shape="triangle-down", filled=True, size=70, opacity=0.9)
            .encode(
                x=alt.X("date:T"),
                y=alt.YDatum(RESPONSE_ROW),
                fill=alt.Fill("light:N", scale=light_scale(), title="Session response"),
                stroke=alt.StrokeValue("transparent"),
                tooltip=[
                    alt.Tooltip("date:T", format="%a %d %b %Y"),
                    alt.Tooltip("sport:N"),
                    alt.Tooltip("light:N"),
                    alt.Tooltip("why:N"),
                ],
            )
        )
        layers.append(marks)
    chart = alt.layer(*layers)
    return finish(sized(chart, width, height))


REACH_ORDER = [r.value for r in Reach]  # none (spine) … foot; McKenzie / Skytte 2005 ordering


def reach_chart(checkins: Sequence[CheckIn], width: Width = None, height: int = 150) -> alt.Chart:
    """How far down the leg the pain reaches, morning by morning (further down is lower on the chart)."""
    if not checkins:
        return finish(empty_chart("No check-ins yet: how far the pain reaches will show here.", width))
    rows = [{"date": day_value(c.date), "reach": c.reach.value, "level": c.reach.level} for c in checkins]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(
            interpolate="step-after",
            strokeWidth=2,
            color=LEG_PAIN,
            point={"size": 12, "filled": True, "color": LEG_PAIN},
        )
        .encode(
            x=alt.X("date:T", axis=date_axis()),
            y=alt.Y("reach:O", sort=REACH_ORDER, scale=alt.Scale(domain=REACH_ORDER), title="Pain reaches"),
            tooltip=[alt.Tooltip("date:T", format="%a %d %b %Y"), alt.Tooltip("reach:N")],
        )
    )
    return finish(sized(chart, width, height))
