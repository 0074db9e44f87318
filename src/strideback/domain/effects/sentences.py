"""Plain-language sentences for each finding. They never claim more than the 95% interval allows:
a clear direction only when the whole interval is on one side of zero, and the interval always shown.
"""

from __future__ import annotations

from strideback.domain.effects.long_term import DayTypeComparison, Restart, Trend
from strideback.domain.effects.short_term import Effect, find_outcome
from strideback.domain.effects.wording import exposure_words, outcome_words

_DAY_TYPE_WORDS = {"run": "run days", "low_impact": "low-impact days", "rest": "rest days"}


def _n(x: float) -> str:
    """A magnitude to one decimal; two when one would print a non-zero value as 0.0."""
    return f"{abs(x):.2f}" if 0 < abs(x) < 0.05 else f"{abs(x):.1f}"


def span(low: float, high: float, up: str = "higher", down: str = "lower") -> str:
    """An interval in words: '0.2 to 1.0 higher', '0.3 lower to 0.5 higher'."""
    if low >= 0:
        return f"{_n(low)} to {_n(high)} {up}"
    if high <= 0:
        return f"{_n(high)} to {_n(low)} {down}"
    return f"{_n(low)} {down} to {_n(high)} {up}"


def _units(outcome: str) -> tuple[str, str, str]:
    """(unit word, up word, down word) for an outcome."""
    words = outcome_words(outcome)
    return words.unit, words.up, words.down


def effect_sentence(effect: Effect) -> str:
    if effect.exposure == "weekly_run_minutes":
        return weekly_sentence(effect)
    outcome = find_outcome(effect.outcome)
    after, per = exposure_words(effect.exposure).doing, exposure_words(effect.exposure).per_words
    morning = "next-morning" if effect.lag_days == 1 else "second-morning"
    subject = f"{after[0].upper()}{after[1:]} and {morning} {outcome.words}"
    if effect.verdict == "insufficient_data" or effect.estimate is None:
        return f"{subject}: {effect.missing or 'not enough data yet'}."
    assert effect.ci_low is not None and effect.ci_high is not None
    unit, up, down = _units(effect.outcome)
    what = "the pain reached" if effect.outcome.startswith("reach") else f"your {outcome.words} was"
    interval = span(effect.ci_low, effect.ci_high, up, down)
    if effect.verdict in ("worse", "better"):
        direction = up if effect.estimate > 0 else down
        return (
            f"On {'mornings' if effect.lag_days == 1 else 'the second morning'} after {after}, {what} on average {_n(effect.estimate)} {unit} {direction} "
            f"{per} (95% interval {interval}; {effect.days_used} mornings)."
        )
    if effect.ci_low > 0 or effect.ci_high < 0:  # clear alone, not once every link tested is allowed for
        return (
            f"{subject}: no clear link once every link tested is allowed for (Holm correction). On its own "
            f"the interval runs from {interval} {per} ({effect.days_used} mornings), a possible link to watch."
        )
    small = max(abs(effect.ci_low), abs(effect.ci_high))
    tail = f" Any effect is likely smaller than {small:.1f} {unit} either way." if small < 1.0 else ""
    return (
        f"{subject}: no clear link yet. The interval runs from {interval} {per}, "
        f"so your {effect.days_used} mornings fit no effect as well as a small one.{tail}"
    )


def weekly_sentence(effect: Effect) -> str:
    subject = "Weeks with more running and the week after"
    if effect.verdict == "insufficient_data" or effect.estimate is None:
        return f"{subject}: {effect.missing or 'not enough weeks yet'}."
    assert effect.ci_low is not None and effect.ci_high is not None
    interval = span(effect.ci_low, effect.ci_high)
    if effect.verdict in ("worse", "better"):
        direction = "higher" if effect.estimate > 0 else "lower"
        return (
            f"Weeks with more running were followed by weeks with average leg pain {_n(effect.estimate)} "
            f"points {direction} per extra hour of running (95% interval {interval}; "
            f"{effect.days_used} pairs of weeks)."
        )
    return (
        f"{subject}: no clear pattern. Per extra hour of running, the following week's average leg pain "
        f"was anywhere from {interval} ({effect.days_used} pairs of weeks)."
    )


def trend_sentence(trend: Trend) -> str:
    name = {"leg_pain": "leg pain", "back_pain": "back pain", "odi": "your ODI score"}[trend.measure]
    unit = "points"
    if trend.verdict == "insufficient_data" or trend.estimate is None:
        lead = f"Trend in {name}: {trend.missing or 'not enough data yet'}."
        if trend.measure == "odi" and trend.used >= 2:
            lead += " " + odi_change(trend)
        return lead
    assert trend.ci_low is not None and trend.ci_high is not None
    interval = span(trend.ci_low, trend.ci_high)
    extra = ""
    if trend.measure == "odi" and trend.first_value is not None and trend.last_value is not None:
        extra = " " + odi_change(trend)
    if trend.verdict in ("worse", "better"):
        verb = "rose" if trend.estimate > 0 else "fell"
        return (
            f"Over your diary {name} {verb} by about {_n(trend.estimate)} {unit} every 4 weeks "
            f"(95% interval {interval}).{extra}"
        )
    return f"{name[0].upper()}{name[1:]} shows no clear trend: anywhere from {interval} every 4 weeks.{extra}"


def odi_change(trend: Trend) -> str:
    """First and last ODI score, with the size of change that counts as meaningful (Ostelo 2008)."""
    first, last = trend.first_value or 0.0, trend.last_value or 0.0
    return (
        f"It went from {first:.0f} to {last:.0f} (10 points or 30% is the smallest change that counts "
        "as meaningful, Ostelo 2008)."
    )


def restart_sentence(restart: Restart) -> str:
    subject = "Before and after running restarted"
    if restart.verdict == "insufficient_data" or restart.estimate is None:
        return f"{subject}: {restart.missing or 'not enough data yet'}."
    assert restart.ci_low is not None and restart.ci_high is not None
    assert restart.mean_before is not None and restart.mean_after is not None and restart.restart_day
    day = f"{restart.restart_day.day} {restart.restart_day:%B %Y}"
    means = (
        f"Since running restarted on {day}, morning leg pain averaged {restart.mean_after:.1f} "
        f"({restart.days_after} mornings), against {restart.mean_before:.1f} in the "
        f"{restart.days_before} mornings before."
    )
    interval = span(restart.ci_low, restart.ci_high)
    if restart.verdict in ("worse", "better"):
        direction = "higher" if restart.estimate > 0 else "lower"
        return (
            f"{means} Allowing for the trend already under way, leg pain was {_n(restart.estimate)} points "
            f"{direction} after the restart (95% interval {interval})."
        )
    return (
        f"{means} Allowing for the trend already under way, the change at the restart is not clear: "
        f"anywhere from {interval}."
    )


def day_type_sentence(comparison: DayTypeComparison) -> str:
    words = find_outcome(comparison.outcome).words
    groups = ", ".join(
        f"after {_DAY_TYPE_WORDS[g.day_type]} {g.mean:.1f} ({g.days} mornings)"
        for g in comparison.groups
        if g.mean is not None
    )
    parts = [f"Next-morning {words} on average: {groups}." if groups else f"No next-morning {words} yet."]
    for d in comparison.differences:
        label = _DAY_TYPE_WORDS[d.day_type]
        if d.estimate is None or d.ci_low is None or d.ci_high is None:
            if d.missing:
                parts.append(f"{label[0].upper()}{label[1:]} against rest days: {d.missing}.")
            continue
        interval = span(d.ci_low, d.ci_high)
        if d.verdict in ("worse", "better"):
            direction = "higher" if d.estimate > 0 else "lower"
            parts.append(
                f"Allowing for the trend, after {label} it was {_n(d.estimate)} points {direction} than "
                f"after rest days (95% interval {interval})."
            )
        else:
            parts.append(f"After {label} against rest days: no clear difference (anywhere from {interval}).")
    return " ".join(parts)
