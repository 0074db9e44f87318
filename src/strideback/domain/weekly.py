"""The weekly rule: the week's mean morning leg pain must not rise week to week (Silbernagel et al.,
Am J Sports Med 2007), with the meaningful-change test for pain (Farrar, Pain 2001).

Pure: takes check-ins, returns the trend with its light and its reason in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from strideback.domain.response import AMBER, GREEN, MEANINGFUL_POINTS, RED, is_meaningful_change, worst
from strideback.domain.types import CheckIn

# Weekly rule: a rise of the weekly mean by at least the next-morning amber step (1 point) is amber.
WEEKLY_AMBER_RISE = 1.0
# Sustained rise (Silbernagel 2007: the weekly level must not rise; Farrar 2001: 2 points is a
# meaningful change): this week's mean against the weeks two and three back, so that a climb of
# under a point a week, invisible week to week, still shows. ≥ 1 point above either: hold (amber);
# ≥ 2 points above either: red.
SUSTAINED_WEEKS_BACK = (2, 3)
SUSTAINED_AMBER_RISE = 1.0
SUSTAINED_RED_RISE = MEANINGFUL_POINTS
# A weekly mean needs at least this many mornings to be compared (half a week).
MIN_MORNINGS_PER_WEEK = 3
# Weeks the rule reads: this week and the weeks back to the furthest sustained one.
WEEKS_READ = max(SUSTAINED_WEEKS_BACK) + 1


@dataclass(frozen=True)
class WeeklyTrend:
    """This week's mean morning leg pain against last week's (the 7 days ending on `day`), and the
    largest rise against the weeks two and three back (`sustained_rise`, None without those weeks)."""

    day: dt.date
    this_week: float | None
    last_week: float | None
    light: str
    reason: str
    sustained_rise: float | None = None

    @property
    def change(self) -> float | None:
        if self.this_week is None or self.last_week is None:
            return None
        return self.this_week - self.last_week

    @property
    def holds(self) -> bool:
        """True when the weekly rule says the plan must not move forward."""
        return self.light != GREEN

    @property
    def advice(self) -> str:
        """What the rule means for the plan, in plain words (the one wording of it)."""
        if self.light == RED:
            return (
                self.reason + " The week's leg pain should not rise: the plan steps back and running pauses."
            )
        if self.light == AMBER:
            return self.reason + " The week's leg pain should not rise: hold the plan."
        return self.reason

    def to_json(self) -> dict[str, object]:
        change = self.change
        return {
            "this_week_leg_pain": None if self.this_week is None else round(self.this_week, 1),
            "last_week_leg_pain": None if self.last_week is None else round(self.last_week, 1),
            "change": None if change is None else round(change, 1),
            "sustained_rise": None if self.sustained_rise is None else round(self.sustained_rise, 1),
            "light": self.light,
            "reason": self.reason,
        }


def _week_means(checkins: Sequence[CheckIn], day: dt.date) -> list[float | None]:
    """The mean morning leg pain of the week ending on `day` and of each of the three weeks before
    (index = weeks back), None for a week with too few mornings. One pass over the check-ins
    (issue 17: the plan asks this on every run day of a decade); each week's values are summed in
    the order given, so the means are exactly those of a pass per week."""
    weeks: list[list[int]] = [[] for _ in range(WEEKS_READ)]
    for checkin in checkins:
        back = (day - checkin.date).days
        if 0 <= back < 7 * WEEKS_READ:
            weeks[back // 7].append(checkin.leg_pain)
    return [sum(values) / len(values) if len(values) >= MIN_MORNINGS_PER_WEEK else None for values in weeks]


def weekly_trend(checkins: Sequence[CheckIn], day: dt.date) -> WeeklyTrend:
    """Silbernagel 2007: the week's mean leg pain must not rise week to week.

    Week to week: a meaningful rise (Farrar 2001: 2 points or 30%) is red; a smaller rise of a whole
    point or more (the next-morning amber step) is amber. Sustained: this week's mean 1 point or more
    above the week two or three weeks back is amber, 2 points or more red (a climb too slow to show
    week to week). Otherwise green: smaller wobbles of a weekly mean of whole-number scores are noise.
    """
    means = _week_means(checkins, day)
    this_week, last_week = means[0], means[1]
    if this_week is None:
        return WeeklyTrend(day, this_week, last_week, GREEN, "Not enough check-ins to compare weeks yet.")
    earlier = [w for w in (means[n] for n in SUSTAINED_WEEKS_BACK) if w is not None]
    sustained = max((this_week - w for w in earlier), default=None)
    base = min(earlier, default=None)
    if last_week is None and sustained is None:
        return WeeklyTrend(day, this_week, last_week, GREEN, "Not enough check-ins to compare weeks yet.")
    change = None if last_week is None else this_week - last_week
    lights = [GREEN]
    reasons: list[str] = []
    if change is not None and last_week is not None:
        if change > 0 and is_meaningful_change(last_week, this_week):
            lights.append(RED)
            reasons.append(
                f"This week's leg pain ({this_week:.1f}) rose clearly from last week's ({last_week:.1f})."
            )
        elif change >= WEEKLY_AMBER_RISE:
            lights.append(AMBER)
            reasons.append(
                f"This week's leg pain ({this_week:.1f}) is a little higher than last week's ({last_week:.1f})."
            )
    if sustained is not None and base is not None and sustained >= SUSTAINED_AMBER_RISE:
        light = RED if sustained >= SUSTAINED_RED_RISE else AMBER
        lights.append(light)
        reasons.append(
            f"Leg pain has been climbing: this week's ({this_week:.1f}) is {sustained:.1f} points above "
            f"two to three weeks ago ({base:.1f})."
        )
    light = worst(*lights)
    if reasons:
        return WeeklyTrend(day, this_week, last_week, light, " ".join(reasons), sustained)
    if change is None or last_week is None:
        reason = f"This week's leg pain ({this_week:.1f}) has not risen from the weeks before."
    elif change < 0 and is_meaningful_change(last_week, this_week):
        reason = (
            f"This week's leg pain ({this_week:.1f}) is clearly lower than last week's ({last_week:.1f})."
        )
    else:
        reason = f"This week's leg pain ({this_week:.1f}) has not risen from last week's ({last_week:.1f})."
    return WeeklyTrend(day, this_week, last_week, GREEN, reason, sustained)
