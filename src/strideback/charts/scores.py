"""Questionnaire scores over time, with the band inside which a change is not yet meaningful."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strideback.charts._style import (
    DEFAULT_HEIGHT,
    Spec,
    Width,
    chart,
    date_axis,
    day_value,
    empty_chart,
    field,
    finish,
    layer,
    sized,
)
from strideback.domain.instruments import get_instrument
from strideback.domain.types import QuestionnaireResponse

SCORE_COLOUR = "#5d3a9b"
SHORT_NAMES = {"odi": "ODI", "rmdq": "RMDQ", "sbi": "SBI", "sfi": "SFI", "startback": "STarT Back"}
BAND_COLOUR = "#999999"


def score_rows(responses: Sequence[QuestionnaireResponse]) -> list[dict[str, Any]]:
    return [
        {"date": day_value(r.date), "score": r.score, "band": r.band or ""}
        for r in responses
        if r.valid and r.score is not None
    ]


def no_change_band(instrument: str, baseline: float) -> tuple[float, float] | None:
    """Scores within this band of the first one are not a meaningful change under the instrument's rule.

    The rule counts a change as meaningful when it reaches either the points or the percent threshold
    (e.g. ODI: 10 points or 30%, Ostelo 2008), so the band's half-width is the smaller of the two.
    None when the instrument judges change by band (STarT Back) or publishes no threshold.
    """
    rule = get_instrument(instrument).change_rule
    widths = []
    if rule.points is not None:
        widths.append(rule.points)
    if rule.percent is not None and baseline > 0:
        widths.append(baseline * rule.percent / 100.0)
    if rule.by_band or not widths:
        return None
    half = min(widths)
    return baseline - half, baseline + half


def questionnaire_chart(
    responses: Sequence[QuestionnaireResponse],
    instrument: str | None = None,
    width: Width = None,
    height: int = DEFAULT_HEIGHT,
) -> Spec:
    """Scores of one instrument over time; the grey band around the first score is 'no meaningful change'."""
    key = get_instrument(instrument or (responses[0].instrument if responses else "odi")).key
    chosen = get_instrument(key)
    rows = score_rows([r for r in responses if r.instrument == key])
    if not rows:
        return finish(empty_chart(f"No {chosen.name} answered yet.", width))
    y_scale = {"domain": [0, chosen.max_score], "nice": False}
    line = chart(
        rows,
        {
            "type": "line",
            "color": SCORE_COLOUR,
            "strokeWidth": 2.5,
            "point": {"size": 60, "filled": True, "color": SCORE_COLOUR},
        },
        x=field("date:T", axis=date_axis()),
        y=field("score:Q", scale=y_scale, title=f"{SHORT_NAMES.get(key, chosen.name)} (higher is worse)"),
        tooltip=[field("date:T", format="%d %b %Y"), field("score:Q"), field("band:N")],
    )
    band = no_change_band(key, float(rows[0]["score"]))
    if band is None:
        return finish(sized(line, width, height))
    low, high = max(band[0], 0.0), min(band[1], chosen.max_score)
    shade = chart(
        [{"low": low, "high": high, "label": "no meaningful change from the first"}],
        {"type": "rect", "color": BAND_COLOUR, "opacity": 0.18},
        y=field("low:Q", scale=y_scale),
        y2=field("high"),
        tooltip=[field("label:N"), field("low:Q"), field("high:Q")],
    )
    return finish(sized(layer(shade, line), width, height))
