"""Issue 17: the clinician PDF lays out its first pages (summary, charts, sessions) while the analysis is
still being computed. Those pages never read the analysis, so the PDF is the one laid out in one go."""

from __future__ import annotations

import datetime as dt
import re

from strideback.domain.types import Activity, CheckIn, Reach, Sport
from strideback.report.pdf import begin_pdf, finish_pdf, render_pdf
from strideback.services.analysis import analyze_person
from strideback.services.report import build_report, with_analysis
from strideback.services.report_analysis import ReportAnalysis
from strideback.store import records

TODAY = dt.date(2026, 3, 1)


def _without_dates(pdf: bytes) -> bytes:
    """The document without its creation date and the file id made from it."""
    return re.sub(rb"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", b"/ID", re.sub(rb"\(D:[0-9Z+\-']+\)", b"(D:)", pdf))


def test_the_pages_laid_out_before_the_analysis_give_the_same_pdf(person) -> None:
    tz = dt.datetime.now().astimezone().tzinfo
    for back in range(60, 0, -1):
        day = TODAY - dt.timedelta(days=back)
        records.save_checkin(person, CheckIn(date=day, back_pain=2, leg_pain=3 + back % 3, reach=Reach.THIGH))
        if back % 2 == 0:
            start = dt.datetime.combine(day, dt.time(18, 0), tzinfo=tz)
            records.add_activity(
                person, Activity(sport=Sport.RUN, start=start, duration_s=1200 + 60 * (back % 5), rpe=4)
            )
    analysis = ReportAnalysis(analyze_person(person), None)
    without = build_report(person, TODAY, analysis=ReportAnalysis(None, None))
    complete = with_analysis(without, analysis)
    assert complete.analysis is not None

    in_one_go = render_pdf(complete, [], [])
    in_two_steps = finish_pdf(begin_pdf(without, list), complete, [])
    assert _without_dates(in_two_steps) == _without_dates(in_one_go)
