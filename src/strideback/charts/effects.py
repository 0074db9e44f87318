"""The evidence engine's findings as a forest plot: each estimate with its 95% interval."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from strideback.charts._style import VERDICT_COLOURS, Width, empty_chart, finish, sized

VERDICTS = ("worse", "better", "unclear", "insufficient_data")


def effect_rows(analysis_json: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for effect in analysis_json.get("effects", []):
        if effect.get("estimate") is None:
            continue
        lag = effect.get("lag_days")
        rows.append(
            {
                "finding": f"{_words(effect['exposure'])} → {_words(effect['outcome'])}"
                + (f" (lag {lag} d)" if lag not in (None, 1) else ""),
                "estimate": effect["estimate"],
                "ci_low": effect.get("ci_low"),
                "ci_high": effect.get("ci_high"),
                "verdict": effect.get("verdict", "unclear"),
                "unit": effect.get("unit", ""),
            }
        )
    return rows


def _words(name: str) -> str:
    return str(name).replace("_", " ")


def effects_chart(analysis_json: Mapping[str, Any], width: Width = None, row_height: int = 34) -> Any:
    """Estimates (points) with 95% intervals (bars) and a zero line: an interval crossing zero is unclear."""
    rows = effect_rows(analysis_json)
    if not rows:
        return finish(empty_chart("Not enough days yet to estimate any effect.", width))
    verdicts = alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLOURS[v] for v in VERDICTS])
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("finding:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("verdict:N", scale=verdicts, title="Verdict"),
        tooltip=["finding:N", "estimate:Q", "ci_low:Q", "ci_high:Q", "unit:N", "verdict:N"],
    )
    interval = base.mark_rule(strokeWidth=3).encode(
        x=alt.X("ci_low:Q", title="Change in outcome per unit of exposure (95% interval)"), x2="ci_high:Q"
    )
    point = base.mark_point(filled=True, size=90).encode(x="estimate:Q")
    zero = (
        alt.Chart(alt.Data(values=[{"zero": 0}]))
        .mark_rule(color="#777777", strokeDash=[4, 3])
        .encode(x="zero:Q")
    )
    height = max(row_height * len(rows), 60)
    return finish(sized(alt.layer(zero, interval, point), width, height))
