"""One-time costs paid when a server process starts, never by the first person to open a chart.

Unpacking the Vega scripts from vl-convert takes seconds the first time (then it is read from the home's
cache), the chart code brings in Altair and pandas (about a second each on this machine), and Altair
loads its schema on the first chart it draws. A server
process calls `warm()` once before it answers; a failure here is logged and the server still starts,
each cost then being paid on first use as before.
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

# What the chart pages import lazily; imported here so the first request finds them loaded.
CHART_MODULES = (
    "pandas",
    "altair",
    "strideback.charts",
    "strideback.services.activities",
    "strideback.services.checkins",
    "strideback.services.daily",
    "strideback.services.questionnaires",
)


def warm() -> None:
    from strideback.web.views.assets import vega_bundle

    try:
        vega_bundle()
        for name in CHART_MODULES:
            importlib.import_module(name)
        _draw_one_chart()
    except Exception:  # never stop a server from starting; the cost is then paid on first use
        log.warning("warming up the chart scripts failed; the first chart page will be slower", exc_info=True)


def _draw_one_chart() -> None:
    """Altair loads its schema and builds its validators on the first chart it turns into a spec."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"day": pd.to_datetime(["2026-01-01", "2026-01-02"]), "pain": [1, 2], "kind": "a"})
    base = alt.Chart(frame).encode(x="day:T", y=alt.Y("pain:Q", scale=alt.Scale(domain=[0, 10])))
    alt.layer(base.mark_line(), base.mark_point().encode(color="kind:N", tooltip=["pain:Q"])).to_dict()
