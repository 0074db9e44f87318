"""The shapes every questionnaire shares: items, the instrument, a score, a change, and a bad answer.

Each instrument module (odi, rmdq, sbi, sfi, startback) builds one `Instrument` from these parts.
On every instrument here a higher score means more disability, bother or risk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from strideback.domain.types import InvalidValue

Answers = tuple[int | None, ...]
_EPS = 1e-9


class InvalidAnswer(InvalidValue):
    """An answer the instrument does not allow: wrong count, value off the scale, unknown instrument."""


@dataclass(frozen=True)
class Item:
    """One question, in our own words, with its answer scale as (value, label) pairs."""

    number: int
    text: str
    options: tuple[tuple[int, str], ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _ in self.options)

    def allowed_text(self) -> str:
        values = ", ".join(str(v) for v in self.values)
        return f"one of {values}, or - if unanswered"


@dataclass(frozen=True)
class Score:
    """The result of scoring one response. `score` is None when the response cannot be scored."""

    instrument: str
    score: float | None
    max: float
    band: str | None
    interpretation: str
    answered: int
    valid: bool
    reason: str | None = None
    subscale: int | None = None  # STarT Back psychosocial subscale (items 5–9); None elsewhere

    def to_json(self) -> dict[str, object]:
        return {
            "instrument": self.instrument,
            "score": self.score,
            "max": self.max,
            "band": self.band,
            "interpretation": self.interpretation,
            "answered": self.answered,
            "valid": self.valid,
        }


Direction = Literal["better", "worse", "same"]


@dataclass(frozen=True)
class Change:
    """How a later response compares with an earlier one of the same instrument."""

    meaningful: bool
    direction: Direction
    points: float  # later minus earlier; negative is an improvement
    percent: float | None  # relative to the earlier score; None when the earlier score was 0
    rule: str

    def to_json(self) -> dict[str, object]:
        return {
            "meaningful": self.meaningful,
            "direction": self.direction,
            "points": self.points,
            "percent": self.percent,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class ChangeRule:
    """A change is meaningful when it reaches `points` or `percent` of the earlier score (either).

    `percent` None: only the points threshold applies. `by_band` True: no change threshold is
    published for the total, so a change of band is what counts (STarT Back).
    """

    description: str
    points: float | None = None
    percent: float | None = None
    by_band: bool = False
    band_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    items: tuple[Item, ...]
    source: str
    instructions: str
    max_score: float
    missing_rule: str
    change_rule: ChangeRule
    scorer: Callable[[Answers], Score]


def options(labels: Sequence[str], start: int = 0) -> tuple[tuple[int, str], ...]:
    """Number labels consecutively from `start`."""
    return tuple((start + i, label) for i, label in enumerate(labels))


def sum_of_all_items(instrument_key: str, answers: Answers, max_score: int, describe: str) -> Score:
    """Sum scoring that needs every item answered (no published rule for filling gaps)."""
    answered = sum(a is not None for a in answers)
    if answered < len(answers):
        missing = [str(i + 1) for i, a in enumerate(answers) if a is None]
        reason = f"item {', '.join(missing)} unanswered; every item is needed to score this questionnaire"
        return Score(instrument_key, None, max_score, None, f"Not scored: {reason}.", answered, False, reason)
    total = sum(a for a in answers if a is not None)
    return Score(
        instrument_key, float(total), max_score, None, describe.format(total=total), answered, True, None
    )


def judge_change(rule: ChangeRule, before: Score, after: Score) -> Change:
    """Compare two valid scores under `rule`; higher scores are worse on every instrument here."""
    if not (before.valid and after.valid) or before.score is None or after.score is None:
        raise ValueError("a change can only be judged between two valid scores")
    raw_points = after.score - before.score
    raw_percent = 100.0 * raw_points / before.score if before.score else None
    points = round(raw_points, 1)
    percent = round(raw_percent, 1) if raw_percent is not None else None
    direction: Direction = "better" if points < 0 else "worse" if points > 0 else "same"
    if rule.by_band:
        rank_before = rule.band_order.index(before.band or "")
        rank_after = rule.band_order.index(after.band or "")
        meaningful = rank_before != rank_after
        if meaningful:
            direction = "better" if rank_after < rank_before else "worse"
    else:
        # _EPS absorbs float noise so that exactly 10 points or exactly 30% counts as reaching the threshold.
        by_points = rule.points is not None and abs(raw_points) >= rule.points - _EPS
        by_percent = (
            rule.percent is not None and raw_percent is not None and abs(raw_percent) >= rule.percent - _EPS
        )
        meaningful = by_points or by_percent
    return Change(meaningful, direction, points, percent, rule.description)
