"""analyze_person: the diary from the store through the evidence engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.services.analysis import analyze_person
from strideback.store import records

PARAMS = DiaryParameters(days=70, run_effect_leg=1.5, noise_sd=1.0, missing_share=0.1, odi_every_days=28)


def store(person: int, params: DiaryParameters = PARAMS, seed: int = 3):
    diary = simulate_diary(params, seed)
    for activity in diary.activities:
        records.add_activity(person, activity)
    for checkin in diary.checkins:
        records.save_checkin(person, checkin)
    for response in diary.questionnaires:
        records.save_questionnaire(person, response)
    return diary


def test_analysis_of_a_stored_diary(person):
    diary = store(person)
    analysis = analyze_person(person)
    assert analysis.n_days == 70
    assert analysis.checkin_days == len(diary.checkins)
    effect = analysis.effect("run_minutes", "leg_pain_next_morning")
    assert effect.verdict == "worse"
    assert effect.ci_low <= 1.5 <= effect.ci_high
    assert analysis.odi_trend.used == 3


def test_since_limits_the_window(person):
    store(person)
    since = PARAMS.start + dt.timedelta(days=50)
    analysis = analyze_person(person, since=since)
    assert analysis.first_day >= since
    assert analysis.odi_trend.used == 1  # only the day-56 ODI is in the window
    assert analysis.effect("run_minutes", "leg_pain_next_morning").verdict == "insufficient_data"


def test_another_persons_diary_is_not_mixed_in(person, db):
    from strideback.store import models

    other = models.Person.objects.create(name="Other").pk
    store(other, replace(PARAMS, days=40), seed=9)
    assert analyze_person(person).n_days == 0
    assert analyze_person(other).n_days == 40
