"""Issue 17: the weekly rule reads its four weeks in one pass, the plan finds each run day's window by
bisection, and the green count reads a history already in date order without sorting it. The answers
must be those of the earlier code, kept here as the reference and compared on random inputs."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain import plan as p
from strideback.domain import weekly
from strideback.domain.plan_derive import _weekly_in, weekly_on
from strideback.domain.types import CheckIn, PlanCaps, PlanEvent, PlanState

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "300"))
DAY = dt.date(2024, 3, 31)


def reference_week_mean(checkins: Sequence[CheckIn], day: dt.date, weeks: int) -> float | None:
    """One pass per week, as before issue 17."""
    last = day - dt.timedelta(days=7 * weeks)
    values = [c.leg_pain for c in checkins if last - dt.timedelta(days=6) <= c.date <= last]
    return sum(values) / len(values) if len(values) >= weekly.MIN_MORNINGS_PER_WEEK else None


def reference_greens_in_a_row(state: PlanState) -> int:
    count = 0
    for event in reversed(sorted(state.history, key=lambda e: e.date)):
        if event.kind != p.HOLD:
            break
        count += 1
    return count


mornings = st.lists(
    st.builds(
        lambda back, leg: CheckIn(date=DAY - dt.timedelta(days=back), back_pain=0, leg_pain=leg),
        st.integers(-3, 35),
        st.integers(0, 10),
    ),
    max_size=40,
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(mornings)
def test_weekly_trend_is_that_of_a_pass_per_week(checkins: list[CheckIn]) -> None:
    trend = weekly.weekly_trend(checkins, DAY)
    assert trend.this_week == reference_week_mean(checkins, DAY, 0)
    assert trend.last_week == reference_week_mean(checkins, DAY, 1)
    this_week = trend.this_week
    earlier = [reference_week_mean(checkins, DAY, n) for n in weekly.SUSTAINED_WEEKS_BACK]
    known = [w for w in earlier if w is not None]
    if this_week is not None and (trend.last_week is not None or known):
        assert trend.sustained_rise == max((this_week - w for w in known), default=None)


@settings(max_examples=EXAMPLES, deadline=None)
@given(mornings, st.integers(-5, 40))
def test_the_window_by_bisection_is_the_window_by_day(checkins: list[CheckIn], back: int) -> None:
    by_day = {c.date: c for c in checkins}
    days = sorted(by_day)
    day = DAY - dt.timedelta(days=back)
    assert _weekly_in(days, [by_day[d] for d in days], day) == weekly_on(by_day, day)


events = st.builds(
    lambda back, kind: PlanEvent(DAY - dt.timedelta(days=back), 1, 1, kind),
    st.integers(0, 6),
    st.sampled_from([p.HOLD, p.HOLD, p.ADVANCE, p.REPEAT, p.START]),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(events, max_size=12), st.booleans())
def test_greens_in_a_row_reads_the_history_in_date_order(history: list[PlanEvent], in_order: bool) -> None:
    if in_order:
        history = sorted(history, key=lambda e: e.date)
    state = PlanState(stage=1, caps=PlanCaps(), history=tuple(history))
    assert p.greens_in_a_row(state) == reference_greens_in_a_row(state)
