"""Treatments and medication over time: one row per item, a mark on each day it was used."""

from __future__ import annotations

from collections.abc import Sequence

from strideback.charts._style import (
    Spec,
    Width,
    chart,
    date_axis,
    day_value,
    empty_chart,
    field,
    finish,
    sized,
)
from strideback.domain.treatments import Treatment


def treatments_chart(treatments: Sequence[Treatment], width: Width = None) -> Spec:
    """Each day an item was taken or done, item by item (dose in the tooltip)."""
    if not treatments:
        return finish(empty_chart("No treatments logged yet: what you take or do will show here.", width))
    rows = [{"date": day_value(t.date), "item": t.label, "dose": t.dose or "–"} for t in treatments]
    items = sorted({row["item"] for row in rows})
    marks = chart(
        rows,
        {"type": "square", "size": 60, "color": "#1f5f8b"},
        x=field("date:T", axis=date_axis()),
        y=field("item:N", sort=items, title=None),
        tooltip=[field("date:T", format="%a %d %b %Y"), field("item:N"), field("dose:N")],
    )
    return finish(sized(marks, width, max(60, 26 * len(items))))
