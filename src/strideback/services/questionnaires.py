"""Use cases for validated questionnaires: score and store a response, compare with the last one, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strideback.domain.instruments import Change, Score, get_instrument, meaningful_change, score
from strideback.domain.types import QuestionnaireResponse
from strideback.store import records

ODI_INTERVAL = dt.timedelta(weeks=4)  # issue 4: ODI every 4 weeks


def record_questionnaire(
    person_id: int, instrument: str, answers: Sequence[int | None], day: dt.date
) -> tuple[Score, Change | None]:
    """Score and store one response; the change is against the latest earlier valid response, if any.

    Raises InvalidAnswer (nothing stored) for an unknown instrument, a wrong count or a value off the scale.
    A response that cannot be scored (too many missing) is stored with valid false and no change.
    """
    key = get_instrument(instrument).key
    result = score(key, answers)
    previous = _latest_valid(person_id, key, on_or_before=day)
    change = meaningful_change(key, previous, result) if previous is not None and result.valid else None
    records.save_questionnaire(
        person_id,
        QuestionnaireResponse(
            instrument=key,
            date=day,
            answers=tuple(answers),
            score=result.score,
            valid=result.valid,
            band=result.band,
        ),
    )
    return result, change


def _latest_valid(person_id: int, key: str, on_or_before: dt.date) -> Score | None:
    """The newest valid earlier response, re-scored from its stored answers under today's rules."""
    for response in reversed(records.list_questionnaires(person_id, key)):
        if response.date > on_or_before or not response.valid:
            continue
        rescored = score(key, list(response.answers))
        if rescored.valid:
            return rescored
    return None


def odi_due(person_id: int, today: dt.date) -> bool:
    """The ODI is due when no valid one has been answered in the last 4 weeks."""
    dates = [r.date for r in records.list_questionnaires(person_id, "odi") if r.valid and r.date <= today]
    return not dates or today - max(dates) >= ODI_INTERVAL


def startback_due(person_id: int) -> bool:
    """STarT Back is offered at first use: due until a valid response is stored."""
    return not any(r.valid for r in records.list_questionnaires(person_id, "startback"))


def latest_scores(person_id: int) -> dict[str, tuple[dt.date, Score]]:
    """The newest response of each instrument answered, scored (for the dashboard and report)."""
    latest: dict[str, tuple[dt.date, Score]] = {}
    for response in records.list_questionnaires(person_id):
        latest[response.instrument] = (response.date, score(response.instrument, list(response.answers)))
    return latest


def list_questionnaires(person_id: int, instrument: str | None = None) -> list[QuestionnaireResponse]:
    """Stored responses, oldest first (all instruments, or one)."""
    return records.list_questionnaires(person_id, instrument)
