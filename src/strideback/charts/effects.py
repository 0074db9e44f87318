"""The evidence engine's findings as small forest plots: one per outcome, each estimate with its 95% interval.

One plot per outcome (leg pain, back pain, reach the next morning; leg pain the following week) keeps the
labels short ("Run, per 30 min"), so the intervals keep their room on a 360 px phone and on the PDF page.
The dashboard's Insights page and the clinician PDF draw the same spec.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from strideback.charts._style import VERDICT_COLOURS, Width, finish, sized
from strideback.domain.effects.wording import EXPOSURE_WORDS, exposure_words, outcome_words

VERDICTS = ("worse", "better", "unclear", "insufficient_data")
EXPOSURE_LABELS = {w.name: w.label for w in EXPOSURE_WORDS}  # derived from the one wording table
LABEL_LIMIT_PX = 150  # the longest label above is ~120 px at the 12 px axis font


def exposure_label(exposure: str, lag_days: int = 1) -> str:
    label = exposure_words(exposure).label
    return label.replace(", per", " 2 days before, per") if lag_days == 2 else label


def finding_rows(effects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings that have an estimate and an interval (the rest are said in words, not drawn)."""
    return [
        {
            "exposure": exposure_label(e["exposure"], int(e.get("lag_days") or 1)),
            "estimate": e["estimate"],
            "ci_low": e["ci_low"],
            "ci_high": e["ci_high"],
            "verdict": e.get("verdict", "unclear"),
            "unit": e.get("unit", ""),
        }
        for e in effects
        if e.get("estimate") is not None and e.get("ci_low") is not None and e.get("ci_high") is not None
    ]


def outcome_chart(
    outcome: str, effects: Sequence[dict[str, Any]], width: Width = None, row_height: int = 30
) -> Any | None:
    """One outcome's findings: estimates (dots) with 95% intervals (bars) around a dashed zero line.

    `effects` are the engine's effect dicts for this outcome; None when none of them has an interval.
    Colour repeats the verdict (red worse, green better, grey unclear); the words beside the chart say it.
    """
    rows = finding_rows(effects)
    if not rows:
        return None
    verdicts = alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLOURS[v] for v in VERDICTS])
    axis_title = outcome_words(outcome).axis
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("exposure:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT_PX, grid=False)),
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
    return finish(sized(alt.layer(zero, interval, point), width, max(row_height * len(rows), 40)))
