"""What the clinician report computes: red flags first, pain and reach trends, scores with changes, load."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.instruments import score
from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse, Reach, RedFlagScreening, Sport
from strideback.services.report import build_report, report_period
from strideback.store import records

END = dt.date(2025, 6, 29)  # a Sunday
START = END - dt.timedelta(days=41)  # six weeks, from a Monday


def odi(person: int, day: dt.date, answers: tuple[int | None, ...]) -> None:
    result = score("odi", list(answers))
    records.save_questionnaire(
        person, QuestionnaireResponse("odi", day, answers, result.score, result.valid, result.band)
    )


@pytest.fixture
def improving(person: int) -> int:
    """Leg pain 6 → 2 over six weeks, reach calf → buttock, ODI 40% → 20%, runs and swims weekly."""
    for offset in range(42):
        day = START + dt.timedelta(days=offset)
        early = offset < 14
        late = offset >= 28
        records.save_checkin(
            person,
            CheckIn(
                day,
                back_pain=3,
                leg_pain=6 if early else 2 if late else 4,
                reach=Reach.CALF if early else Reach.BUTTOCK if late else Reach.THIGH,
                note="slept badly" if offset == 3 else "",
            ),
        )
        if day.weekday() in (1, 4):
            start = dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)
            records.add_activity(person, Activity(Sport.RUN, start, 1200.0, 3000.0, rpe=5, pain_during=2))
        if day.weekday() == 2:
            start = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
            records.add_activity(person, Activity(Sport.SWIM, start, 1800.0, rpe=4, note="easy lengths"))
    odi(person, START, (4, 2, 2, 2, 2, 2, 2, 2, 1, 1))  # 20/50 = 40%
    odi(person, END, (2, 1, 1, 1, 1, 1, 1, 1, 1, 0))  # 10/50 = 20%
    records.save_screening(
        person,
        RedFlagScreening(START + dt.timedelta(days=5), {"fever": True}, "contact_clinician", ("fever",)),
    )
    records.save_screening(person, RedFlagScreening(END, {"fever": False}, "none", ()))
    return person


def test_period_defaults_to_26_weeks_up_to_today() -> None:
    assert report_period(1, None, None, END) == (END - dt.timedelta(days=181), END)
    assert report_period(1, START, None, END) == (START, END)


def test_pain_and_reach_trends(improving: int) -> None:
    report = build_report(improving, END, START, END)
    leg, back = report.pain
    assert (leg.series, leg.earlier, leg.later, leg.meaningful) == ("leg", 6.0, 2.0, True)
    assert leg.change == -4.0
    assert (back.earlier, back.later, back.meaningful) == (3.0, 3.0, False)
    assert (report.reach.earlier, report.reach.later, report.reach.direction) == (
        Reach.CALF,
        Reach.BUTTOCK,
        "centralizing",
    )


def test_latest_scores_with_meaningful_change(improving: int) -> None:
    report = build_report(improving, END, START, END)
    (line,) = report.scores
    assert (line.instrument, line.score, line.baseline_score, line.baseline_date) == (
        "odi",
        20.0,
        40.0,
        START,
    )
    assert line.change is not None and line.change.meaningful and line.change.direction == "better"
    assert [q.score for q in report.questionnaires] == [40.0, 20.0]


def test_red_flags_listed_with_dates(improving: int) -> None:
    report = build_report(improving, END, START, END)
    assert [(f.date, f.level, f.signs) for f in report.red_flags] == [
        (START + dt.timedelta(days=5), "contact_clinician", ("fever / unwell",))
    ]
    assert report.screenings_answered == 2
    assert report.active_stop is None


def test_a_standing_urgent_flag_is_reported(improving: int) -> None:
    records.save_screening(improving, RedFlagScreening(END, {"foot_drop": True}, "urgent", ("foot_drop",)))
    report = build_report(improving, END, START, END)
    assert report.active_stop is not None and report.active_stop.signs == ("foot drop",)
    assert report.advice is not None and report.advice.light == "stop"


def test_weekly_load_and_sessions(improving: int) -> None:
    report = build_report(improving, END, START, END)
    assert len(report.weeks) == 6
    week = report.weeks[0]
    assert (week.week_start, week.run_sessions, week.run_minutes, week.run_km) == (START, 2, 40.0, 6.0)
    assert (week.run_load, week.low_impact_sessions, week.low_impact_minutes) == (200.0, 1, 30.0)
    assert len(report.sessions) == 18
    assert sum(report.session_counts.values()) == 18
    assert [(n.date, n.text) for n in report.notes if n.where == "check-in"] == [
        (START + dt.timedelta(days=3), "slept badly")
    ]
    assert sum(n.where == "swim session" for n in report.notes) == 6


def test_period_limits_what_is_shown(improving: int) -> None:
    later = START + dt.timedelta(days=28)
    report = build_report(improving, END, later, END)
    assert min(c.date for c in report.checkins) == later
    assert report.red_flags == []
    assert report.scores[0].baseline_score is None  # the first ODI is before this period
