"""Treatments and medication over time: one row per item, a mark on each day it was used."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt

from strideback.charts._style import Width, date_axis, day_value, empty_chart, finish, sized
from strideback.domain.treatments import Treatment


def treatments_chart(treatments: Sequence[Treatment], width: Width = None) -> alt.Chart:
    """Each day an item was taken or done, item by item (dose in the tooltip)."""
    if not treatments:
        return finish(empty_chart("No treatments logged yet: what you take or do will show here.", width))
    rows = [{"date": day_value(t.date), "item": t.label, "dose": t.dose or "–"} for t in treatments]
    items = sorted({row["item"] for row in rows})
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_square(size=60, color="#1f5f8b")
        .encode(
            x=alt.X("date:T", axis=date_axis()),
            y=alt.Y("item:N", sort=items, title=None),
            tooltip=[alt.Tooltip("date:T", format="%a %d %b %Y"), "item:N", "dose:N"],
        )
    )
    return finish(sized(chart, width, max(60, 26 * len(items))))
