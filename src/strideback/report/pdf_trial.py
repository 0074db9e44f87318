"""The personal trial's pages of the clinician PDF: protocol (CENT 2015 items), days, deviations, answer.

Numbers and words come from services.trial (and domain.trial.words); nothing is computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strideback.domain.trial.answer import TrialAnswer
    from strideback.report.pdf import ReportPDF
    from strideback.services.trial import TrialStatus

ROW_NAMES = {
    ("leg_pain_next_morning", "as_allocated"): "Leg pain next morning, as drawn (primary)",
    ("leg_pain_next_morning", "as_done"): "Leg pain next morning, as done (not randomised)",
    ("back_pain_next_morning", "as_allocated"): "Back pain next morning, as drawn",
    ("reach_next_morning", "as_allocated"): "Reach next morning (steps), as drawn",
}
DEVIATION_WORDS = {
    "safety": "safety came first",
    "rest_rule": "rest day between runs",
    "not_followed": "not as drawn",
}


@dataclass(frozen=True)
class ReportTrial:
    """The latest trial as the report shows it: where it stands and its answer (typed, not JSON)."""

    status: TrialStatus
    answer: TrialAnswer


def trial_for_report(person_id: int, today: dt.date) -> ReportTrial | None:
    """The latest trial's status and answer for the report, or None when the person never started one."""
    from strideback.domain.trial.answer import NO_TRIAL
    from strideback.services.trial import analyze, status

    answer = analyze(person_id, today)
    if answer.state == NO_TRIAL:
        return None
    return ReportTrial(status(person_id, today), answer)


def _day(day: dt.date | None) -> str:
    from strideback.report.pdf import human_day

    return "None" if day is None else human_day(day)


def _number(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:+.{digits}f}"


def trial_pages(pdf: ReportPDF, trial: ReportTrial | None) -> None:
    """The trial's pages (nothing when no trial was ever started)."""
    if trial is None:
        return
    status, answer = trial.status, trial.answer
    pdf.add_page()
    pdf.heading("Personal trial (randomised N-of-1): run days against low-impact days")
    pdf.paragraph(
        f"State: {answer.state}. Period: {_day(status.start)} to {_day(status.end)} "
        f"({status.days_total} days planned)."
    )
    pdf.paragraph(answer.bottom_line, bold=True)
    rows = [["Outcome and analysis", "Difference", "95% interval", "p (randomisation)", "Verdict", "n"]]
    for estimate in [answer.primary, answer.as_done, *answer.secondary]:
        if estimate is None:
            continue
        low, high, p_value = estimate.ci_low, estimate.ci_high, estimate.p_randomization
        interval = "-" if low is None else f"{_number(low)} to {_number(high)}"
        p = "-" if p_value is None else f"{p_value:.3f}"
        rows.append([
            ROW_NAMES.get((estimate.outcome, estimate.analysis), estimate.outcome),
            _number(estimate.estimate),
            interval,
            p,
            estimate.verdict.replace("_", " "),
            str(estimate.n),
        ])  # fmt: skip
    pdf.table_rows(rows, (62, 20, 34, 24, 22, 10))
    adherence = "-" if answer.adherence is None else f"{answer.adherence:.0%}"
    pdf.paragraph(
        f"Allocated: {answer.allocated['run']} run days, {answer.allocated['low_impact']} low-impact days. "
        f"Done as drawn: {adherence}. Deviations: {answer.deviations['safety']} safety override(s), "
        f"{answer.deviations['not_followed']} not done as drawn (all analysed as allocated).",
        size=8.5,
    )
    pdf.subheading("Protocol and reporting items (CENT 2015)")
    for item in answer.cent:
        pdf.bullet(f"{item['item']}: {item['text']}", size=8.5)
    deviations = [d for d in status.days if d.deviation]
    if deviations:
        pdf.subheading("Days not done as drawn")
        table = [["Date", "Draw", "Ran", "Why"]]
        for day in deviations:
            table.append([
                _day(day.date),
                day.allocation.replace("_", "-"),
                "-" if day.ran is None else ("yes" if day.ran else "no"),
                DEVIATION_WORDS.get(day.deviation, day.deviation),
            ])  # fmt: skip
        pdf.table_rows(table, (30, 30, 20, 100))
