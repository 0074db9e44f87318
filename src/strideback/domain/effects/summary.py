"""The bottom line: one plain sentence answering "is running helping or hurting my leg pain?" (issue #12).

It states the primary effect (running → leg pain over the next two mornings, per 30 minutes) with its 95%
interval in words, and never says more than the interval allows: a direction only when the whole interval
is on one side of zero, "about the same" only when the interval is narrow, otherwise "cannot tell yet".
"""

from __future__ import annotations

from strideback.domain.effects.primary import PrimaryEffect

# Below this many points per 30 minutes at both ends of the interval, "about the same" is a fair summary.
NARROW_POINTS = 1.0
DIARY_LIMIT = (
    "A diary shows what followed what. It cannot rule out that you tend to run on days you already feel "
    "good (or rest on bad ones), and a feeling you never record cannot be allowed for. To test running "
    "itself, try the personal trial, which picks run days and low-impact days for you at random."
)


def _n(x: float) -> str:
    return f"{abs(x):.1f}"


def bottom_line(primary: PrimaryEffect | None, days: int) -> str:
    over = f"Over the last {days} days" if days else "So far"
    if primary is None or primary.verdict == "insufficient_data" or primary.estimate is None:
        reason = (primary.missing if primary is not None else "") or "not enough days yet"
        return (
            "Not enough diary yet to say whether running helps or hurts your leg pain "
            f"({reason[:1].lower()}{reason[1:]})."
        )
    assert primary.ci_low is not None and primary.ci_high is not None
    low, high = primary.ci_low, primary.ci_high
    if primary.verdict == "worse":
        return (
            f"{over}, running was followed by more leg pain over the next two mornings: about "
            f"{_n(primary.estimate)} points worse per 30 minutes (95% interval {_n(low)} to {_n(high)} worse). "
            "Your runs seem to be hurting your leg at the moment."
        )
    if primary.verdict == "better":
        return (
            f"{over}, running was followed by less leg pain over the next two mornings: about "
            f"{_n(primary.estimate)} points better per 30 minutes (95% interval {_n(high)} to {_n(low)} better). "
            "Your runs seem to help your leg."
        )
    between = f"between {_n(low)} better and {_n(high)} worse per 30 minutes, 95% interval"
    if max(-low, high) < NARROW_POINTS:
        return (
            f"{over}, mornings after running were about the same as other mornings ({between}): "
            "no sign that your runs hurt."
        )
    return (
        f"{over}, the diary cannot yet tell whether running changes your leg pain: mornings after running "
        f"could be anywhere from better to worse ({between}). More mornings will narrow it."
    )
