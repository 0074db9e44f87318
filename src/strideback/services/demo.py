"""Create the demo person in a home: what a newcomer sees first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from strideback.domain import demo
from strideback.domain.types import Person, QuestionnaireResponse
from strideback.services.activities import local_timezone
from strideback.store import records


class HomeHasRealData(Exception):
    """The home holds someone's own records; the demo never mixes with or replaces them."""


@dataclass(frozen=True)
class DemoSummary:
    person_id: int
    days: int
    activities: int
    checkins: int
    questionnaires: int
    first_day: dt.date
    last_day: dt.date
    sports: dict[str, int]


def create_demo(person_id: int, days: int = 180, seed: int = 7, end: dt.date | None = None) -> DemoSummary:
    """Fill the local person with the demo diary: one transaction; replaces an earlier demo, never real data."""
    if days < 1 or days > 3660:
        from strideback.domain.types import InvalidValue

        raise InvalidValue("days", days, "a whole number from 1 to 3660")
    if records.person_has_data(person_id) and not records.person_is_demo(person_id):
        raise HomeHasRealData(
            "this home already holds your own records; the demo will not mix with them. "
            "Use another folder, e.g. --home ~/strideback-demo."
        )
    end = end or dt.date.today()
    diary = demo.generate(days=days, seed=seed, end=end, tz=local_timezone())
    with records.atomic():
        records.clear_person_records(person_id)
        records.update_person(person_id, Person(name="Alex (demo)"), is_demo=True)
        records.add_activities(person_id, diary.activities)
        checkins = demo.with_diary_details(diary.checkins, seed)
        records.add_checkins(person_id, checkins)
        records.add_treatments(person_id, demo.demo_treatments(checkins, seed))
        for day, answers in diary.odi_answers:
            records.save_questionnaire(person_id, _odi_response(day, answers))
        for screening in diary.screenings:
            records.save_screening(person_id, screening)
    sports: dict[str, int] = {}
    for activity in diary.activities:
        sports[activity.sport.value] = sports.get(activity.sport.value, 0) + 1
    return DemoSummary(
        person_id=person_id,
        days=days,
        activities=len(diary.activities),
        checkins=len(diary.checkins),
        questionnaires=len(diary.odi_answers),
        first_day=end - dt.timedelta(days=days - 1),
        last_day=end,
        sports=sports,
    )


def demo_is_current(person_id: int, today: dt.date | None = None) -> bool:
    """The home holds the demo person and its diary reaches `today` (its last morning always has a
    check-in); otherwise `serve --demo` creates it again, ending today."""
    day = today or dt.date.today()
    return records.person_is_demo(person_id) and records.get_checkin(person_id, day) is not None


def _odi_response(day: dt.date, answers: tuple[int, ...]) -> QuestionnaireResponse:
    from strideback.domain.instruments import score

    result = score("odi", list(answers))
    return QuestionnaireResponse(
        instrument="odi", date=day, answers=answers, score=result.score, valid=result.valid, band=result.band
    )
