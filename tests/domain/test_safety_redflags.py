"""Issue 11: which red-flag signs stand, in the order answers and assessments were recorded."""

from __future__ import annotations

import datetime as dt

from strideback.domain.redflags import Assessment, standing_signs
from strideback.domain.types import RedFlagScreening

DAY = dt.date(2026, 5, 20)


class Diary:
    """Events recorded one after another (a clock ticking a minute per entry)."""

    def __init__(self) -> None:
        self.clock = dt.datetime(2026, 5, 1)
        self.screenings: list[RedFlagScreening] = []
        self.assessments: list[Assessment] = []

    def _at(self) -> dt.datetime:
        self.clock += dt.timedelta(minutes=1)
        return self.clock

    def answer(self, back: int, line: bool = False, **answers: bool) -> None:
        day = DAY - dt.timedelta(days=back)
        self.screenings.append(RedFlagScreening(day, answers, recorded_at=self._at(), from_checkin=line))

    def assess(self, back: int) -> None:
        self.assessments.append(Assessment(DAY - dt.timedelta(days=back), recorded_at=self._at()))

    def stop(self, back: int = 0) -> list[str]:
        status = standing_signs(self.screenings, self.assessments, DAY - dt.timedelta(days=back))
        return [s.key for s in status.stop]


def test_a_back_dated_emergency_entered_later_stops_today() -> None:
    diary = Diary()
    diary.answer(1, fever=False, bladder=False)  # entered first, for yesterday
    diary.answer(3, bladder=True, bowel=True)  # entered later, for three days ago
    assert diary.stop() == ["bladder", "bowel"]
    assert diary.stop(back=3) == ["bladder", "bowel"] and diary.stop(back=4) == []


def test_unasked_questions_and_unrelated_answers_never_lift_a_stop() -> None:
    diary = Diary()
    diary.answer(2, line=True, bladder=True)
    diary.answer(1, fever=True)
    diary.answer(0, foot_drop=False)
    assert diary.stop() == ["bladder"]


def test_a_no_lifts_a_stop_only_after_an_assessment_and_not_from_the_checkin_line() -> None:
    diary = Diary()
    diary.answer(3, foot_drop=True)
    diary.answer(2, foot_drop=False)
    assert diary.stop() == ["foot_drop"]
    diary.assess(1)
    assert diary.stop() == ["foot_drop"]
    diary.answer(0, line=True, foot_drop=False)  # the check-in's line
    assert diary.stop() == ["foot_drop"]
    diary.answer(0, foot_drop=False)
    assert diary.stop() == [] and diary.stop(back=1) == ["foot_drop"]


def test_an_assessment_entered_before_a_report_does_not_cover_it() -> None:
    diary = Diary()
    diary.assess(0)
    diary.answer(2, weakness_one_leg=True)  # reported after the assessment was entered
    diary.answer(0, weakness_one_leg=False)
    assert diary.stop() == ["weakness_one_leg"]


def test_a_yes_after_the_assessment_needs_its_own() -> None:
    diary = Diary()
    diary.answer(3, bladder=True)
    diary.assess(2)
    diary.answer(1, bladder=True)
    diary.answer(0, bladder=False)
    assert diary.stop() == ["bladder"]
    diary.assess(0)
    diary.answer(0, bladder=False)
    assert diary.stop() == []


def test_clinician_soon_signs_stand_until_assessed_and_two_are_a_cluster() -> None:
    diary = Diary()
    diary.answer(1, fever=True)
    status = standing_signs(diary.screenings, diary.assessments, DAY)
    assert status.level == "contact_clinician" and not status.cluster
    diary.answer(0, cancer_history=True, weight_loss=True)
    status = standing_signs(diary.screenings, diary.assessments, DAY)
    assert status.cluster and "together" in status.contact_message()
    diary.assess(0)
    diary.answer(0, cancer_history=True)  # a history of cancer stays "yes": not raised again once assessed
    status = standing_signs(diary.screenings, diary.assessments, DAY)
    assert status.contact == () and status.level == "none"
