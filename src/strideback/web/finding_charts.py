"""Small forest plots for the Insights page: one per outcome, short labels, so they read on a 360 px phone.

The shared `charts.effects_chart` draws every finding in one plot with long labels (right for the PDF
page); on a phone that leaves no room for the intervals. Same colours and style, so a candidate to move
into `strideback.charts` later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from strideback.charts._style import VERDICT_COLOURS, finish, sized

VERDICTS = ("worse", "better", "unclear", "insufficient_data")
EXPOSURE_LABELS = {  # the exposure and the amount its estimate is per, in a few words
    "run_minutes": "Run, per 30 min",
    "run_load": "Run load, per 150",
    "swim_minutes": "Swim, per 30 min",
    "cycle_minutes": "Cycle, per 30 min",
    "walk_minutes": "Walk, per 30 min",
    "run_spike": "Run spike day",
    "weekly_run_minutes": "Run, per hour a week",
}
AXIS_TITLES = {
    "reach": "Levels further down (+) or up (−)",
    "pain": "Points higher (+) or lower (−)",
}


def exposure_label(exposure: str) -> str:
    return EXPOSURE_LABELS.get(exposure, exposure.replace("_", " ").capitalize())


def finding_rows(effects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "exposure": exposure_label(e["exposure"]),
            "estimate": e["estimate"],
            "ci_low": e["ci_low"],
            "ci_high": e["ci_high"],
            "verdict": e.get("verdict", "unclear"),
            "unit": e.get("unit", ""),
        }
        for e in effects
        if e.get("estimate") is not None and e.get("ci_low") is not None and e.get("ci_high") is not None
    ]


def outcome_chart(outcome: str, effects: Sequence[dict[str, Any]], row_height: int = 30) -> Any | None:
    """Estimates (dots) with 95% intervals (bars) around a dashed zero line; None when nothing to draw."""
    rows = finding_rows(effects)
    if not rows:
        return None
    verdicts = alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLOURS[v] for v in VERDICTS])
    axis_title = AXIS_TITLES["reach" if outcome.startswith("reach") else "pain"]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("exposure:N", title=None, sort=None, axis=alt.Axis(labelLimit=150, grid=False)),
        color=alt.Color("verdict:N", scale=verdicts, legend=None),
        tooltip=[
            alt.Tooltip("exposure:N", title="After"),
            alt.Tooltip("estimate:Q", title="Estimate"),
            alt.Tooltip("ci_low:Q", title="95% interval from"),
            alt.Tooltip("ci_high:Q", title="to"),
            alt.Tooltip("unit:N", title="Unit"),
            alt.Tooltip("verdict:N", title="Verdict"),
        ],
    )
    interval = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("ci_low:Q", title=axis_title, axis=alt.Axis(tickCount=5, titleFontWeight="normal")),
        x2="ci_high:Q",
    )
    point = base.mark_point(filled=True, size=80, opacity=1).encode(x="estimate:Q")
    zero = (
        alt.Chart(alt.Data(values=[{"zero": 0}]))
        .mark_rule(color="#777777", strokeDash=[4, 3])
        .encode(x="zero:Q")
    )
    return finish(sized(alt.layer(zero, interval, point), None, max(row_height * len(rows), 40)))
