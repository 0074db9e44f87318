"""The PDF's evidence-engine section, laid out to be read in two minutes.

Clear findings first (one short line each, the exposure's unit said once), then the unclear and
too-little-data ones on a line or two, the engine's notes once, one small forest plot per outcome (the
dashboard's own chart), and the trends and day-type comparisons as compact tables. Every interval is
phrased by the engine's own `span`, and a direction is named only when the verdict is clear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fpdf.enums import XPos, YPos

from strideback.domain.effects.sentences import span
from strideback.domain.effects.wording import OutcomeWords, exposure_words, outcome_words
from strideback.report.pdf import LIGHT_RGB, MUTED, human_day

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis, Effect
    from strideback.domain.effects.long_term import DayTypeComparison, Difference, Restart, Trend
    from strideback.report.chart_images import ChartImage
    from strideback.report.pdf import ReportPDF
    from strideback.services.report import Report

CLEAR = ("worse", "better")
VERDICT_RGB = {"worse": LIGHT_RGB["red"], "better": LIGHT_RGB["green"]}
TREND_ROWS = (  # measure key, label, how the start and end values are taken
    ("leg_pain", "Leg pain (0–10)"),
    ("back_pain", "Back pain (0–10)"),
    ("odi", "ODI (0–100)"),
)
DAY_TYPES = ("run", "low_impact", "rest")


def _outcome(name: str) -> OutcomeWords:
    return outcome_words(name)


def _exposure(name: str) -> str:
    return exposure_words(name).noun


def _size(x: float) -> str:
    """A magnitude as the engine's sentences print it: one decimal, two when one would show 0.0."""
    return f"{abs(x):.2f}" if 0 < abs(x) < 0.05 else f"{abs(x):.1f}"


def _per(effect: Effect) -> str:
    """The amount the estimate is per, from the engine's unit: 'points (0–10) per 30 min of running'."""
    return effect.unit.partition(" per ")[2]


def clear_line(effect: Effect) -> str:
    """'0.8 points higher (95% interval 0.5 to 1.0 higher)': only for a clear verdict."""
    words = _outcome(effect.outcome)
    low, high, estimate = effect.ci_low, effect.ci_high, effect.estimate
    assert low is not None and high is not None and estimate is not None  # a clear verdict has them
    direction = words.brief_up if estimate > 0 else words.brief_down
    interval = span(low, high, words.brief_up, words.brief_down)
    return f"{_size(estimate)} {words.unit} {direction} (95% interval {interval})".replace("  ", " ")


def _joined(names: list[str]) -> str:
    return ", ".join(dict.fromkeys(names))


def unclear_summary(effects: list[Effect]) -> str | None:
    """'swimming, cycling → leg pain; running → back pain' for the findings whose interval spans zero."""
    by_outcome: dict[str, list[str]] = {}
    for effect in effects:
        if effect.verdict == "unclear":
            by_outcome.setdefault(effect.outcome, []).append(_exposure(effect.exposure))
    if not by_outcome:
        return None
    return "; ".join(f"{_joined(names)} → {_outcome(outcome).short}" for outcome, names in by_outcome.items())


def too_little_summary(effects: list[Effect]) -> str | None:
    """'a run-spike day → leg pain, back pain, reach (3 of the 6 needed)' for the findings without a verdict."""
    by_exposure: dict[str, list[Effect]] = {}
    for effect in effects:
        if effect.verdict not in (*CLEAR, "unclear"):
            by_exposure.setdefault(effect.exposure, []).append(effect)
    if not by_exposure:
        return None
    parts = []
    for exposure, group in by_exposure.items():
        outcomes = _joined([_outcome(e.outcome).short for e in group])
        reasons = {e.missing for e in group}
        reason = reasons.pop() if len(reasons) == 1 else ""
        parts.append(
            f"{_exposure(exposure)} → {outcomes}" + (f" ({reason[:1].lower()}{reason[1:]})" if reason else "")
        )
    return "; ".join(parts)


def evidence_findings(pdf: ReportPDF, report: Report, charts: list[ChartImage]) -> None:
    pdf.heading("What the diary suggests (N-of-1 evidence engine)")
    analysis: Analysis | None = report.analysis
    if analysis is None:
        pdf.paragraph(report.analysis_note or "No analysis available.")
        return
    effects = list(analysis.effects)
    # the answer first, in one sentence with its certainty (issue #12)
    pdf.font(10, bold=True)
    pdf.multi_cell(0, 5, pdf.clean(analysis.bottom_line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(analysis.diary_limit, size=8.5)
    pdf.paragraph(
        f"{analysis.n_days} days of diary, {analysis.checkin_days} with a morning "
        "check-in. Each link is how the next morning (or week) went after a day of the exercise, allowing "
        "for the trend over time, with its 95% interval.",
        size=8.5,
    )
    _clear_findings(pdf, [e for e in effects if e.verdict in CLEAR])
    _summary_line(pdf, "No clear link (the interval includes no effect): ", unclear_summary(effects))
    _summary_line(pdf, "Too little data: ", too_little_summary(effects))
    for note in analysis.notes:
        pdf.bullet(note, size=7.5, colour=MUTED)
    if charts:
        pdf.ln(2)
        pdf.picture_grid(
            charts,
            "Dot: estimate; bar: 95% interval, per the amount in the label; dashed line: no effect. Red: clearly "
            "worse, green: clearly better, grey: unclear (the bar crosses the line). Links with too little "
            "data are not drawn.",
        )
    _trends(pdf, analysis)
    _day_types(pdf, list(analysis.day_types))


def _clear_findings(pdf: ReportPDF, clear: list[Effect]) -> None:
    pdf.subheading("Clear links (the whole 95% interval on one side of zero)")
    if not clear:
        pdf.paragraph("None: no link's 95% interval lies wholly on one side of zero.", size=8.5)
        return
    by_exposure: dict[str, list[Effect]] = {}
    for effect in clear:
        by_exposure.setdefault(effect.exposure, []).append(effect)
    for exposure, group in by_exposure.items():
        pdf.font(9, bold=True)
        head = f"After {_exposure(exposure)}"
        per = _per(group[0])
        pdf.write(4.6, pdf.clean(head))
        if per:
            pdf.font(8.5, colour=MUTED)
            pdf.write(4.6, pdf.clean(f" – per {per}"))
        pdf.ln(5)
        for effect in group:
            verdict = effect.verdict
            pdf.set_x(pdf.l_margin + 3)
            pdf.font(8.5, bold=True, colour=VERDICT_RGB[verdict])
            pdf.cell(14, 4.4, pdf.clean(verdict))
            pdf.font(8.5)
            words = _outcome(effect.outcome)
            pdf.multi_cell(
                0,
                4.4,
                pdf.clean(f"{words.heading}: {clear_line(effect)}"),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        pdf.ln(0.8)


def _summary_line(pdf: ReportPDF, lead: str, text: str | None) -> None:
    if not text:
        return
    pdf.font(8.5, bold=True)
    pdf.write(4.4, pdf.clean(lead))
    pdf.font(8.5)
    pdf.write(4.4, pdf.clean(text + "."))
    pdf.ln(5.4)


def trend_cells(trend: Trend) -> tuple[str, str]:
    """(estimate with interval per 4 weeks, verdict) in the engine's words."""
    verdict = trend.verdict or "insufficient_data"
    low, high, estimate = trend.ci_low, trend.ci_high, trend.estimate
    if verdict not in (*CLEAR, "unclear") or low is None or high is None or estimate is None:
        missing = trend.missing or "not enough data yet"
        return missing, "too little data"
    if verdict in CLEAR:
        direction = "higher" if estimate > 0 else "lower"
        return f"{_size(estimate)} {direction} per 4 weeks ({span(low, high)})", verdict
    return f"no clear trend ({span(low, high)} per 4 weeks)", verdict


def _start_end(trend: Trend, places: int) -> str:
    first, last = trend.first_value, trend.last_value
    if first is None or last is None:
        return "-"
    return f"{first:.{places}f} → {last:.{places}f}"


def _trends(pdf: ReportPDF, analysis: Analysis) -> None:
    pdf.subheading("Over the whole diary")
    rows = [["Measure", "Start → end", "Change (95% interval)", "Verdict"]]
    lines = {
        "leg_pain": analysis.leg_pain_trend,
        "back_pain": analysis.back_pain_trend,
        "odi": analysis.odi_trend,
    }
    for key, label in TREND_ROWS:
        line = lines[key]
        change, verdict = trend_cells(line)
        if key == "odi" and line.meaningful_change is not None:
            verdict += "; meaningful" if line.meaningful_change else "; not meaningful"
        rows.append([label, _start_end(line, 0 if key == "odi" else 1), change, verdict])
    restart = analysis.restart
    restart_words = ""
    rows.append(_restart_row(restart))
    if restart.mean_before is not None and restart.mean_after is not None:
        restart_words = (
            f", the {restart.days_before} mornings before and the {restart.days_after} after the restart"
        )
    pdf.table_rows(rows, (44, 32, 75, 29), size=7.5)
    pdf.paragraph(
        "Start → end: means of the first and last 7 days (pain), first and last score (ODI)"
        f"{restart_words}. An ODI change of 10 points or 30% counts as meaningful (Ostelo 2008).",
        size=7,
        colour=MUTED,
    )


def _restart_row(restart: Restart) -> list[str]:
    day = restart.restart_day
    label = (
        f"Leg pain at the running restart ({human_day(day)})" if day else "Leg pain at the running restart"
    )
    low, high, estimate = restart.ci_low, restart.ci_high, restart.estimate
    verdict = restart.verdict or "insufficient_data"
    if low is None or high is None or estimate is None or verdict not in (*CLEAR, "unclear"):
        return [label, "-", restart.missing or "not enough data yet", "too little data"]
    before, after = restart.mean_before, restart.mean_after
    means = f"{before:.1f} → {after:.1f}" if before is not None and after is not None else "-"
    if verdict in CLEAR:
        direction = "higher" if estimate > 0 else "lower"
        change = f"{_size(estimate)} {direction} beyond the trend ({span(low, high)})"
    else:
        change = f"no clear change beyond the trend ({span(low, high)})"
    return [label, means, change, verdict]


def _day_types(pdf: ReportPDF, comparisons: list[DayTypeComparison]) -> None:
    if not comparisons:
        return
    pdf.subheading("Next morning after run, low-impact and rest days")
    heads = ["Next morning", "After run days", "After low-impact", "After rest days", "Run vs rest"]
    rows = [[*heads, "Low-impact vs rest"]]
    for comparison in comparisons:
        means = {g.day_type: g for g in comparison.groups}
        differences = {d.day_type: d for d in comparison.differences}
        cells = [_outcome(comparison.outcome).short.capitalize()]
        for key in DAY_TYPES:
            group = means.get(key)
            cells.append("-" if not group or group.mean is None else f"{group.mean:.1f} ({group.days} d)")
        cells += [_difference(differences.get(key)) for key in ("run", "low_impact")]
        rows.append(cells)
    pdf.table_rows(rows, (22, 22, 24, 22, 45, 45), size=7.5)
    pdf.paragraph(
        "Raw means, with the number of mornings. The differences (95% interval) allow for the trend over "
        "time, so one can point the other way from the raw means.",
        size=7,
        colour=MUTED,
    )


def _difference(d: Difference | None) -> str:
    if d is None:
        return "-"
    low, high, estimate = d.ci_low, d.ci_high, d.estimate
    if low is None or high is None or estimate is None:
        return d.missing or "not enough data yet"
    if d.verdict in CLEAR:
        direction = "higher" if estimate > 0 else "lower"
        return f"{_size(estimate)} {direction} ({span(low, high)})"
    return f"no clear difference ({span(low, high)})"
