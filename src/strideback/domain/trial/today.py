"""What the trial changes about today's suggestion. Safety and the plan's rules always win over the draw.

Pure: today's advice (light and suggestion, already judged by `domain.advice`) and the day's allocation
in; the suggestion to show and any deviation out. A run allocation is honoured only when the advice
itself offers a run today (so never on a red or stop day, never the day after a run, never on the
avoid list); otherwise the day is recorded as a deviation (CENT 2015 item 11: deviations reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from strideback.domain.suggestion import Option, Suggestion
from strideback.domain.trial import words
from strideback.domain.trial.design import LOW_IMPACT, RUN
from strideback.domain.types import Sport

# Low-impact sessions of a trial (issue 13: swim, cycle or brisk walk of similar time), in default order.
LOW_IMPACT_CHOICES = (Sport.WALK, Sport.CYCLE, Sport.SWIM)
LOW_IMPACT_TEXT = {
    Sport.WALK: "brisk walk",
    Sport.CYCLE: "cycling at an easy, steady effort",
    Sport.SWIM: "swimming, any comfortable stroke",
}
DEFAULT_MINUTES = 30
SAFETY_LIGHTS = ("red", "stop")


@dataclass(frozen=True)
class TrialDayStatus:
    """The trial's day as today's advice shows it: which day, the draw once revealed, any deviation."""

    day: int
    days_total: int
    allocation: str | None  # None until the draw is revealed (after the morning check-in)
    deviation_reason: str | None  # "safety", "rest_rule" or None

    @property
    def deviation(self) -> bool:
        return self.deviation_reason is not None

    @property
    def message(self) -> str:
        return words.today_message(self.day, self.days_total, self.allocation, self.deviation_reason)

    def to_json(self) -> dict[str, object]:
        """The `trial` section of `today --json` (DESIGN.md): the one place it becomes JSON."""
        return {
            "day": self.day,
            "days_total": self.days_total,
            "allocation": self.allocation,
            "deviation": self.deviation,
            "deviation_reason": self.deviation_reason,
            "message": self.message,
        }


@dataclass(frozen=True)
class TrialToday:
    suggestion: Suggestion
    deviation: str | None  # "safety", "rest_rule" or None


def low_impact_session(minutes: float | None, avoid: Sequence[Sport], pain_limit: int) -> Suggestion | None:
    """A low-impact session of about the run's time, or None when every choice is avoided."""
    allowed = [s for s in LOW_IMPACT_CHOICES if s not in avoid]
    if not allowed:
        return None
    length = round(minutes) if minutes else DEFAULT_MINUTES
    first, *others = allowed
    return Suggestion(
        sport=first.value,
        description=f"{LOW_IMPACT_TEXT[first]}, keeping leg pain at or below {pain_limit}/10 (trial low-impact day)",
        minutes=length,
        effort="easy",
        alternatives=tuple(Option(s.value, LOW_IMPACT_TEXT[s], length) for s in others),
    )


def apply_allocation(
    light: str,
    suggestion: Suggestion,
    allocation: str | None,
    run_minutes: float | None,
    avoid: Sequence[Sport],
    pain_limit: int,
    ran_today: bool = False,
) -> TrialToday:
    """The day's suggestion under the trial. `run_minutes`: the plan's session length (for similar time);
    `ran_today`: a run is already logged today (a run day done, not a deviation)."""
    offers_run = suggestion.is_run
    if allocation is None:
        return TrialToday(suggestion, None)
    if allocation == RUN:
        if offers_run or ran_today:
            return TrialToday(suggestion, None)
        reason = "safety" if light in SAFETY_LIGHTS or suggestion.seek_care is not None else "rest_rule"
        return TrialToday(suggestion, reason)
    assert allocation == LOW_IMPACT
    if not offers_run:
        return TrialToday(suggestion, None)  # already a low-impact or rest day: keep the advice's words
    session = low_impact_session(run_minutes, avoid, pain_limit)
    if session is None:
        session = Suggestion(sport="rest", description="Rest today (trial low-impact day).", minutes=0)
    return TrialToday(session, None)
