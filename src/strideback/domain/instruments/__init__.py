"""Validated questionnaires: the registry, answer parsing, scoring and the change rule.

Every instrument lives in its own module with its items, scoring, bands and source.
"""

from __future__ import annotations

from collections.abc import Sequence

from strideback.domain.instruments import odi, rmdq, sbi, sfi, startback
from strideback.domain.instruments._base import (
    Change,
    ChangeRule,
    Instrument,
    InvalidAnswer,
    Item,
    Score,
    judge_change,
)

__all__ = [
    "INSTRUMENTS",
    "Change",
    "ChangeRule",
    "Instrument",
    "InvalidAnswer",
    "Item",
    "Score",
    "get_instrument",
    "meaningful_change",
    "parse_answers",
    "score",
]

INSTRUMENTS: dict[str, Instrument] = {
    module.INSTRUMENT.key: module.INSTRUMENT for module in (odi, rmdq, sbi, sfi, startback)
}

UNANSWERED = "-"


def get_instrument(key: str) -> Instrument:
    """The instrument for `key` (case-insensitive), or InvalidAnswer naming the known ones."""
    instrument = INSTRUMENTS.get(key.strip().lower()) if isinstance(key, str) else None
    if instrument is None:
        raise InvalidAnswer("instrument", key, "one of " + ", ".join(INSTRUMENTS))
    return instrument


def _check_answers(instrument: Instrument, answers: Sequence[int | None]) -> tuple[int | None, ...]:
    if len(answers) != len(instrument.items):
        raise InvalidAnswer(
            "answers",
            f"{len(answers)} answers",
            f"{len(instrument.items)} answers for {instrument.key}, in item order, - for an unanswered item",
        )
    for item, answer in zip(instrument.items, answers, strict=True):
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in item.values:
            raise InvalidAnswer(f"{instrument.key} item {item.number}", answer, item.allowed_text())
    return tuple(answers)


def parse_answers(instrument: str, text: str) -> list[int | None]:
    """Parse "a,b,c,..." in item order; "-" marks an unanswered item. Checks count and every value."""
    chosen = get_instrument(instrument)
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != len(chosen.items):
        raise InvalidAnswer(
            "answers",
            f"{len(parts)} answers",
            f"{len(chosen.items)} comma-separated answers for {chosen.key}, - for an unanswered item",
        )
    answers: list[int | None] = []
    for item, part in zip(chosen.items, parts, strict=True):
        if part == UNANSWERED:
            answers.append(None)
        elif part.isascii() and part.isdigit() and int(part) in item.values:
            answers.append(int(part))
        else:
            raise InvalidAnswer(f"{chosen.key} item {item.number}", part, item.allowed_text())
    return answers


def score(instrument: str, answers: Sequence[int | None]) -> Score:
    """Score one response; refuses (InvalidAnswer) a wrong count or a value off an item's scale."""
    chosen = get_instrument(instrument)
    return chosen.scorer(_check_answers(chosen, answers))


def meaningful_change(instrument: str, before: Score, after: Score) -> Change:
    """Whether `after` differs meaningfully from `before` under the instrument's published rule.

    Both scores must be valid and of this instrument (ValueError otherwise).
    """
    chosen = get_instrument(instrument)
    if before.instrument != chosen.key or after.instrument != chosen.key:
        raise ValueError(f"both scores must be {chosen.key} scores")
    return judge_change(chosen.change_rule, before, after)
