"""Shared look of every chart: colours that keep their meaning, sizes, and date handling.

Colours follow the Okabe-Ito palette (distinguishable with common colour-vision deficiencies); the
traffic-light colours are used only together with a text label or a shape, never alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import altair as alt

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

Width = int | None  # None: as wide as the page's container (browser); a number for PNG/PDF


def day_value(day: dt.date) -> str:
    """A date as local midnight, so that Vega draws it on that calendar day in any timezone."""
    return f"{day.isoformat()}T00:00:00"


def sized(chart: Any, width: Width, height: int) -> Any:
    """Set the size: a fixed width for PNG/PDF, or the container's width in a browser."""
    return chart.properties(width=width if width is not None else "container", height=height)


def finish(chart: Any) -> Any:
    """Common configuration: transparent background (light and dark pages), readable labels."""
    return (
        chart.configure(background="transparent")
        .configure_axis(labelFontSize=12, titleFontSize=12, grid=True, gridOpacity=0.4)
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="top")
        .configure_view(stroke=None)
    )


def light_scale() -> alt.Scale:
    return alt.Scale(domain=list(LIGHT_ORDER), range=[LIGHT_COLOURS[k] for k in LIGHT_ORDER])


def date_axis(title: str | None = None) -> alt.Axis:
    return alt.Axis(title=title, format="%b %Y", labelOverlap=True, tickCount=6)


def empty_chart(message: str, width: Width = None, height: int = 80) -> alt.Chart:
    """A chart that says there is nothing to draw yet, in words."""
    text = (
        alt.Chart(alt.Data(values=[{"message": message}]))
        .mark_text(fontSize=14, color="#777777")
        .encode(text=alt.Text("message:N"))
    )
    return sized(text, width, height)


@contextlib.contextmanager
def quick() -> Iterator[None]:
    """Build charts without Altair validating each schema object as it is made (its debug mode, kept for
    better tracebacks): that cost ~0.3 s of CPU a page (issue 17). The specs are the same; the chart
    modules' tests validate them (tests/charts). A process-wide switch, set back on leaving: a thread
    building a chart meanwhile only validates less."""
    from altair.utils.schemapi import debug_mode

    with debug_mode(False):
        yield
