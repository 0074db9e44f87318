"""Shared look of every chart: colours that keep their meaning, sizes, and date handling.

The charts are Vega-Lite specs written as plain dicts (JSON data), the one spec the browser draws with
vega-embed and the PDF draws with vl-convert. No chart library is imported to make them: Altair cost the
report ~0.5 s of CPU to import and to build objects that were only turned into these dicts (issue 17).
The specs are validated against the Vega-Lite schema by tests/charts.

Colours follow the Okabe-Ito palette (distinguishable with common colour-vision deficiencies); the
traffic-light colours are used only together with a text label or a shape, never alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Spec = dict[str, Any]  # a Vega-Lite spec, or one of its parts (JSON data)

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
LEG_PAIN = "#d55e00"
BACK_PAIN = "#0072b2"
RUNNING = "#0072b2"
LOW_IMPACT = "#009e73"
OTHER_LOAD = "#999999"
# "incomplete": a session without its full evidence (issue 11), never shown as green
LIGHT_COLOURS = {
    "green": "#1b9e3e",
    "incomplete": "#9e9e9e",
    "amber": "#e69f00",
    "red": "#c8102e",
    "stop": "#6a0dad",
}
LIGHT_ORDER = ("green", "incomplete", "amber", "red", "stop")
VERDICT_COLOURS = {
    "better": "#1b9e3e",
    "worse": "#c8102e",
    "unclear": "#777777",
    "insufficient_data": "#bbbbbb",
}
DEFAULT_HEIGHT = 200
_TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal", "T": "temporal"}

Width = int | None  # None: as wide as the page's container (browser); a number for PNG/PDF


def day_value(day: dt.date) -> str:
    """A date as local midnight, so that Vega draws it on that calendar day in any timezone."""
    return f"{day.isoformat()}T00:00:00"


def field(shorthand: str, **options: Any) -> Spec:
    """An encoding channel from Vega-Lite's shorthand: "date:T", "pain:Q", "sum(load):Q", "high" (x2/y2)."""
    name, _, kind = shorthand.partition(":")
    channel: Spec = {}
    if name.endswith(")"):
        aggregate, _, name = name[:-1].partition("(")
        channel["aggregate"] = aggregate
    channel["field"] = name
    if kind:
        channel["type"] = _TYPES[kind]
    return {**channel, **options}


def chart(values: list[dict[str, Any]], mark: Spec, **encoding: Any) -> Spec:
    """One mark over inline data (the data travel with the spec: no file, no URL)."""
    return {"data": {"values": values}, "mark": mark, "encoding": encoding}


def layer(*layers: Spec) -> Spec:
    """Layers drawn over each other; data shared by all of them is given once, at the top."""
    data = [part.get("data") for part in layers]
    if data[0] is not None and all(d == data[0] for d in data):
        return {"data": data[0], "layer": [{k: v for k, v in part.items() if k != "data"} for part in layers]}
    return {"layer": list(layers)}


def sized(spec: Spec, width: Width, height: int) -> Spec:
    """Set the size: a fixed width for PNG/PDF, or the container's width in a browser."""
    return {**spec, "width": width if width is not None else "container", "height": height}


def finish(spec: Spec) -> Spec:
    """Common configuration: transparent background (light and dark pages), readable labels."""
    config = {
        "axis": {"grid": True, "gridOpacity": 0.4, "labelFontSize": 12, "titleFontSize": 12},
        "background": "transparent",
        "legend": {"labelFontSize": 12, "orient": "top", "titleFontSize": 12},
        "view": {"continuousHeight": 300, "continuousWidth": 300, "stroke": None},
    }
    return {"$schema": SCHEMA, "config": config, **spec}


def light_scale() -> Spec:
    return {"domain": list(LIGHT_ORDER), "range": [LIGHT_COLOURS[k] for k in LIGHT_ORDER]}


def date_axis(title: str | None = None) -> Spec:
    return {"format": "%b %Y", "labelOverlap": True, "tickCount": 6, "title": title}


def empty_chart(message: str, width: Width = None, height: int = 80) -> Spec:
    """A chart that says there is nothing to draw yet, in words."""
    text = chart(
        [{"message": message}], {"type": "text", "fontSize": 14, "color": "#777777"}, text=field("message:N")
    )
    return sized(text, width, height)
