"""Everything the clinician report shows, computed here; `report.pdf` only lays it out.

The summary answers in two minutes: any red flags (first), today's light and plan stage, how leg and
back pain and the pain's reach have moved, the latest questionnaire scores with meaningful changes,
and the weekly running and low-impact load.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

from strideback.domain.instruments import INSTRUMENTS, Change, meaningful_change, score
from strideback.domain.load import session_load
from strideback.domain.redflag_words import CLINICIAN_LABELS
from strideback.domain.response import SessionResponse, classify_sessions, is_meaningful_change
from strideback.domain.treatments import Treatment
from strideback.domain.types import LOW_IMPACT_SPORTS, Activity, CheckIn, QuestionnaireResponse, Reach
from strideback.domain.weekly import WeeklyTrend, weekly_trend
from strideback.services.report_analysis import ReportAnalysis, begin_analysis
from strideback.store import records

if TYPE_CHECKING:
    from strideback.domain.advice import Advice
    from strideback.domain.effects import Analysis

DEFAULT_DAYS = 182  # the last 26 weeks when no period is given
TREND_DAYS = 14  # pain and reach trends compare the first and the last 14 days of the period
MIN_TREND_MORNINGS = 3  # a 14-day window needs this many check-ins to give a mean
SUMMARY_WEEKS = 6  # weeks of load on the summary page
SUMMARY_INSTRUMENTS = ("odi", "rmdq", "sbi", "sfi", "startback")


@dataclass(frozen=True)
class RedFlagLine:
    date: dt.date
    level: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class PainTrend:
    series: str  # "leg" or "back"
    earlier: float | None  # mean of the first TREND_DAYS of the period
    later: float | None  # mean of the last TREND_DAYS
    meaningful: bool  # Farrar 2001: 2 points or 30%

    @property
    def change(self) -> float | None:
        return None if self.earlier is None or self.later is None else self.later - self.earlier


@dataclass(frozen=True)
class ReachTrend:
    earlier: Reach | None  # furthest reach in the first TREND_DAYS
    later: Reach | None  # furthest reach in the last TREND_DAYS
    direction: str  # centralizing | peripheralizing | unchanged | unknown


@dataclass(frozen=True)
class ScoreLine:
    instrument: str
    name: str
    date: dt.date
    score: float
    max_score: float
    band: str | None
    baseline_date: dt.date | None
    baseline_score: float | None
    change: Change | None


@dataclass(frozen=True)
class WeekLoad:
    week_start: dt.date
    run_sessions: int = 0
    run_minutes: float = 0.0
    run_km: float = 0.0
    run_load: float = 0.0
    low_impact_sessions: int = 0
    low_impact_minutes: float = 0.0
    low_impact_load: float = 0.0
    other_minutes: float = 0.0


@dataclass(frozen=True)
class Note:
    date: dt.date
    where: str
    text: str


@dataclass(frozen=True)
class SessionLine:
    """A session of the period and how the body answered it (the pain-monitoring model)."""

    response: SessionResponse
    km: float | None

    @property
    def main_reason(self) -> str:
        """What set its light, or else its first reason ('' when none)."""
        return next(iter(self.response.causes or self.response.reasons), "")


@dataclass(frozen=True)
class Report:
    person_name: str
    made_on: dt.date
    start: dt.date
    end: dt.date
    red_flags: list[RedFlagLine]
    screenings_answered: int
    active_stop: RedFlagLine | None
    advice: Advice | None
    pain: list[PainTrend]
    weekly_pain: WeeklyTrend
    reach: ReachTrend
    scores: list[ScoreLine]
    weeks: list[WeekLoad]
    sessions: list[SessionLine]
    session_counts: dict[str, int]  # light -> sessions
    analysis: Analysis | None  # the evidence engine's typed result (issue #16)
    analysis_note: str | None
    questionnaires: list[QuestionnaireResponse]
    notes: list[Note]
    checkins: list[CheckIn] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)  # taken or done in the period (issue 15)
    units: str = "metric"  # the person's units for distances (domain/units.py, issue 15)


def report_period(
    person_id: int, start: dt.date | None, end: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The period asked for, or the last DEFAULT_DAYS up to today."""
    end = end or today
    start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    return start, end


def _red_flag_line(date: dt.date, level: str, reasons: tuple[str, ...]) -> RedFlagLine:
    return RedFlagLine(
        date, level, tuple(CLINICIAN_LABELS.get(key, key.replace("_", " ")) for key in reasons)
    )


def _pain_trends(checkins: list[CheckIn], start: dt.date, end: dt.date) -> list[PainTrend]:
    first_end = start + dt.timedelta(days=TREND_DAYS - 1)
    last_start = end - dt.timedelta(days=TREND_DAYS - 1)
    trends = []
    for series in ("leg", "back"):

        def mean(first: dt.date, last: dt.date, series: str = series) -> float | None:
            values = [getattr(c, f"{series}_pain") for c in checkins if first <= c.date <= last]
            return sum(values) / len(values) if len(values) >= MIN_TREND_MORNINGS else None

        earlier, later = mean(start, first_end), mean(last_start, end)
        meaningful = earlier is not None and later is not None and is_meaningful_change(earlier, later)
        trends.append(PainTrend(series, earlier, later, meaningful))
    return trends


def _reach_trend(checkins: list[CheckIn], start: dt.date, end: dt.date) -> ReachTrend:
    def furthest(first: dt.date, last: dt.date) -> Reach | None:
        reaches = [c.reach for c in checkins if first <= c.date <= last]
        return max(reaches, key=lambda r: r.level) if reaches else None

    earlier = furthest(start, start + dt.timedelta(days=TREND_DAYS - 1))
    later = furthest(end - dt.timedelta(days=TREND_DAYS - 1), end)
    if earlier is None or later is None:
        direction = "unknown"
    elif later.level < earlier.level:  # toward the spine (McKenzie; Skytte, Spine 2005)
        direction = "centralizing"
    elif later.level > earlier.level:
        direction = "peripheralizing"
    else:
        direction = "unchanged"
    return ReachTrend(earlier, later, direction)


def _score_lines(responses: list[QuestionnaireResponse], start: dt.date, end: dt.date) -> list[ScoreLine]:
    lines = []
    for key in SUMMARY_INSTRUMENTS:
        valid = [
            (r, score(key, list(r.answers)))
            for r in responses
            if r.instrument == key and r.date <= end and r.valid
        ]
        valid = [(r, s) for r, s in valid if s.valid and s.score is not None]
        if not valid:
            continue
        latest, latest_score = valid[-1]
        in_period = [(r, s) for r, s in valid if r.date >= start]
        baseline = in_period[0] if in_period and in_period[0][0] is not latest else None
        change = meaningful_change(key, baseline[1], latest_score) if baseline else None
        lines.append(
            ScoreLine(
                instrument=key,
                name=INSTRUMENTS[key].name,
                date=latest.date,
                score=float(latest_score.score or 0.0),
                max_score=INSTRUMENTS[key].max_score,
                band=latest_score.band,
                baseline_date=baseline[0].date if baseline else None,
                baseline_score=baseline[1].score if baseline else None,
                change=change,
            )
        )
    return lines


def _weeks(activities: list[Activity], start: dt.date, end: dt.date) -> list[WeekLoad]:
    first = start - dt.timedelta(days=start.weekday())
    totals: dict[dt.date, dict[str, float]] = {}
    monday = first
    while monday <= end:
        totals[monday] = cast("dict[str, float]", Counter())  # a Counter of float tallies (0 when absent)
        monday += dt.timedelta(days=7)
    for activity in activities:
        week = totals.get(activity.day - dt.timedelta(days=activity.day.weekday()))
        if week is None:
            continue
        load = session_load(activity)
        if activity.sport.is_running:
            week["run_sessions"] += 1
            week["run_minutes"] += activity.minutes
            week["run_km"] += (activity.distance_m or 0.0) / 1000
            week["run_load"] += load.load
        elif activity.sport in LOW_IMPACT_SPORTS:
            week["low_impact_sessions"] += 1
            week["low_impact_minutes"] += activity.minutes
            week["low_impact_load"] += load.load
        else:
            week["other_minutes"] += activity.minutes
    return [
        WeekLoad(
            week_start=monday,
            run_sessions=int(t["run_sessions"]),
            run_minutes=t["run_minutes"],
            run_km=t["run_km"],
            run_load=t["run_load"],
            low_impact_sessions=int(t["low_impact_sessions"]),
            low_impact_minutes=t["low_impact_minutes"],
            low_impact_load=t["low_impact_load"],
            other_minutes=t["other_minutes"],
        )
        for monday, t in totals.items()
    ]


def _notes(checkins: list[CheckIn], activities: list[Activity]) -> list[Note]:
    notes = [Note(c.date, "check-in", c.note.strip()) for c in checkins if c.note.strip()]
    notes += [Note(a.day, f"{a.sport.value} session", a.note.strip()) for a in activities if a.note.strip()]
    return sorted(notes, key=lambda n: (n.date, n.where != "check-in"))


def _advice(person_id: int, today: dt.date) -> tuple[Advice | None, RedFlagLine | None]:
    from strideback.services.daily import today as advise_today
    from strideback.services.screening import active_stop

    stop = active_stop(person_id, today)
    stop_line = _red_flag_line(stop.date, stop.level, stop.reasons) if stop else None
    return advise_today(person_id, today), stop_line


def with_analysis(report: Report, analysis: ReportAnalysis) -> Report:
    """The report with the evidence engine's result (built apart, so charts need not wait for it)."""
    return replace(report, analysis=analysis.analysis, analysis_note=analysis.note)


def build_report(
    person_id: int,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    analysis: ReportAnalysis | None = None,
) -> Report:
    """Compute the report for the period (default: the last 26 weeks). Today's light is as of `today`.

    `analysis` when the caller got it already (`report_analysis.begin_analysis`), else it is got here."""
    start, end = report_period(person_id, start, end, today)
    checkins = records.list_checkins(person_id, since=start, until=end)
    activities = records.list_activities(person_id, since=start, until=end)
    # Sessions need the mornings around them: one check-in before the period and one after.
    nearby = records.list_checkins(
        person_id, since=start - dt.timedelta(days=3), until=end + dt.timedelta(days=1)
    )
    plan = records.get_plan_state(person_id)
    limit = plan.caps.pain_during_limit if plan else 3
    responses = classify_sessions(activities, nearby, min(end, today), limit)
    km = {a.id: a.distance_m / 1000 if a.distance_m else None for a in activities}
    screenings = [s for s in records.list_screenings(person_id, since=start) if s.date <= end]
    questionnaires = [q for q in records.list_questionnaires(person_id) if q.date <= end]
    advice, stop = _advice(person_id, today)
    if analysis is None:
        analysis = begin_analysis(person_id).result()
    person = records.get_person(person_id)
    return Report(
        person_name=person.name,
        units=person.units,
        made_on=today,
        start=start,
        end=end,
        red_flags=[_red_flag_line(s.date, s.level, s.reasons) for s in screenings if s.level != "none"],
        screenings_answered=len(screenings),
        active_stop=stop,
        advice=advice,
        pain=_pain_trends(checkins, start, end),
        weekly_pain=weekly_trend(checkins, end),
        reach=_reach_trend(checkins, start, end),
        scores=_score_lines(questionnaires, start, end),
        weeks=_weeks(activities, start, end),
        sessions=[SessionLine(r, km.get(r.activity_id)) for r in responses],
        session_counts=dict(Counter(r.light for r in responses)),
        analysis=analysis.analysis,
        analysis_note=analysis.note,
        questionnaires=[q for q in questionnaires if q.date >= start],
        notes=_notes(checkins, activities),
        checkins=checkins,
        activities=activities,
        treatments=records.list_treatments(person_id, since=start, until=end),
    )
