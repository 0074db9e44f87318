"""The evidence engine's findings as small forest plots: one per outcome, each estimate with its 95% interval.

One plot per outcome (leg pain, back pain, reach the next morning; leg pain the following week) keeps the
labels short ("Run, per 30 min"), so the intervals keep their room on a 360 px phone and on the PDF page.
The dashboard's Insights page and the clinician PDF draw the same spec.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strideback.charts._style import VERDICT_COLOURS, Spec, Width, chart, field, finish, layer, sized
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
) -> Spec | None:
    """One outcome's findings: estimates (dots) with 95% intervals (bars) around a dashed zero line.

    `effects` are the engine's effect dicts for this outcome; None when none of them has an interval.
    Colour repeats the verdict (red worse, green better, grey unclear); the words beside the chart say it.
    """
    rows = finding_rows(effects)
    if not rows:
        return None
    verdicts = {"domain": list(VERDICTS), "range": [VERDICT_COLOURS[v] for v in VERDICTS]}
    axis_title = outcome_words(outcome).axis
    shared = {
        "y": field("exposure:N", title=None, sort=None, axis={"labelLimit": LABEL_LIMIT_PX, "grid": False}),
        "color": field("verdict:N", scale=verdicts, legend=None),
        "tooltip": [
            field("exposure:N", title="After"),
            field("estimate:Q", title="Estimate"),
            field("ci_low:Q", title="95% interval from"),
            field("ci_high:Q", title="to"),
            field("unit:N", title="Unit"),
            field("verdict:N", title="Verdict"),
        ],
    }
    interval = chart(
        rows,
        {"type": "rule", "strokeWidth": 3},
        **shared,
        x=field("ci_low:Q", title=axis_title, axis={"tickCount": 5, "titleFontWeight": "normal"}),
        x2=field("ci_high"),
    )
    point = chart(
        rows, {"type": "point", "filled": True, "size": 80, "opacity": 1}, **shared, x=field("estimate:Q")
    )
    zero = chart([{"zero": 0}], {"type": "rule", "color": "#777777", "strokeDash": [4, 3]}, x=field("zero:Q"))
    return finish(sized(layer(zero, interval, point), width, max(row_height * len(rows), 40)))
