"""The sections of the clinician PDF. Layout only: every value was computed by `services.report`."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fpdf.enums import XPos, YPos

from strideback.domain.dates import format_day
from strideback.domain.units import distance_label, to_unit
from strideback.report.pdf import LIGHT_RGB, MUTED, ReportPDF
from strideback.services.report import Note, Report, ScoreLine

WHAT_IT_IS = (
    "strideback is a self-tracking diary for a runner with sciatica: morning back and leg pain, how far "
    "the pain reaches, sessions with pain during and after, validated questionnaires and red-flag "
    "questions, all recorded by the person. It applies published rules (pain-monitoring model, "
    "walk-run plan, red-flag screen) to suggest what to do each day."
)
WHAT_IT_IS_NOT = (
    "It is not a medical device. It does not diagnose, examine or replace clinical judgement; its red-flag "
    "screen depends on the person's answers; its statistics describe one person's diary and carry "
    "uncertainty. Please verify anything important with the person."
)
LIGHT_WORDS = {
    "green": "GREEN - go ahead",
    "amber": "AMBER - go easier",
    "red": "RED - no running today",
    "stop": "STOP - seek care",
}
MAX_SESSIONS_LISTED = 40
# The notes: a row holds at most NOTE_ROW_CHARS (a row must fit on a page: fpdf refuses a taller one), and
# the section at most NOTES_BUDGET_CHARS (about NOTES_BUDGET_PAGES pages at 7.5 pt); older notes beyond
# that are counted, not printed. The person's export holds them all.
NOTE_ROW_CHARS = 600
NOTES_BUDGET_CHARS = 16_000
NOTES_BUDGET_PAGES = 4
ELLIPSIS = "…"
REPEATED_NOTE = 3  # a session note said this often is listed once, with its count


def _day(day: dt.date) -> str:
    """A date in a table: `14 Mar 2026` (the one date format, without the weekday to keep columns narrow)."""
    return format_day(day, weekday=False)


def period_text(report: Report) -> str:
    """`1 Sep 2025 to 28 Feb 2026`."""
    return f"{_day(report.start)} to {_day(report.end)}"


def _num(value: float | None, places: int = 1) -> str:
    return "-" if value is None else f"{value:.{places}f}"


def _signed(value: float | None, places: int = 1) -> str:
    return "-" if value is None else f"{value:+.{places}f}"


def summary_page(pdf: ReportPDF, report: Report) -> None:
    pdf.font(17, bold=True)
    pdf.cell(0, 9, pdf.clean(f"strideback report: {report.person_name}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(
        f"Period {period_text(report)} - made on {format_day(report.made_on)} "
        f"- {len(report.checkins)} morning check-ins, {len(report.activities)} sessions.",
        size=9,
        colour=MUTED,
    )
    pdf.paragraph(WHAT_IT_IS + " " + WHAT_IT_IS_NOT, size=7.5, colour=MUTED)
    _red_flags(pdf, report)
    _today(pdf, report)
    _pain(pdf, report)
    _scores(pdf, report)
    _load(pdf, report)


def _red_flags(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Red flags", size=11.5)
    if report.active_stop is not None:
        stop = report.active_stop
        pdf.set_fill_color(*LIGHT_RGB["red"])
        pdf.font(10, bold=True, colour=(255, 255, 255))
        pdf.multi_cell(
            0,
            5.5,
            pdf.clean(
                f"STANDING {stop.level.upper()} red flag since {format_day(stop.date)}: {', '.join(stop.signs)}. "
                "strideback has told the person to stop activity and seek care."
            ),
            fill=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(1)
    if not report.red_flags:
        pdf.paragraph(
            f"No red-flag sign reported in this period ({report.screenings_answered} screenings answered)."
        )
        return
    shown = sorted(report.red_flags, key=lambda line: line.date, reverse=True)[:6]
    rows = [["Date", "Level", "Signs reported by the person"]]
    rows += [[_day(line.date), line.level.replace("_", " "), ", ".join(line.signs)] for line in shown]
    pdf.table_rows(rows, (24, 32, 124))
    if len(report.red_flags) > len(shown):
        pdf.paragraph(f"{len(report.red_flags) - len(shown)} earlier positive screenings not shown.", size=8)


def _today(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Today and the walk-run plan", size=11.5)
    advice = report.advice
    if advice is None:
        pdf.paragraph("No advice yet.")
        return
    light = advice.light
    pdf.badge(LIGHT_WORDS.get(light, light), light)
    stage = advice.plan_stage
    pdf.font(10)
    pdf.cell(
        0,
        6.5,
        pdf.clean(
            f"   {format_day(advice.day)}   Walk-run plan stage: {stage if stage is not None else '-'}"
        ),
    )
    pdf.ln(7.5)
    for reason in advice.reasons[:2]:
        pdf.bullet(reason, size=8.5)
    if advice.suggestion.description:
        pdf.bullet(f"Suggested: {advice.suggestion.description}", size=8.5)


def _pain(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Pain and reach", size=11.5)
    rows = [["Morning pain (0-10)", "First 14 days", "Last 14 days", "Change", "Meaningful (2 pts or 30%)"]]
    for trend in report.pain:
        rows.append(
            [
                f"{trend.series.capitalize()} pain",
                _num(trend.earlier),
                _num(trend.later),
                _signed(trend.change),
                ("yes - " + ("worse" if (trend.change or 0) > 0 else "better")) if trend.meaningful else "no",
            ]
        )
    pdf.table_rows(rows, (44, 30, 30, 24, 52))
    weekly = report.weekly_pain
    reach = report.reach
    reach_text = {
        "centralizing": "moving toward the spine (centralizing)",
        "peripheralizing": "moving further down the leg (peripheralizing)",
        "unchanged": "unchanged",
        "unknown": "not enough check-ins to say",
    }[reach.direction]
    pdf.paragraph(
        f"Reach (furthest point): {reach.earlier.value if reach.earlier else '-'} in the first 14 days, "
        f"{reach.later.value if reach.later else '-'} in the last 14 days: {reach_text}. "
        f"This week's mean leg pain {_num(weekly.this_week)} vs last week's "
        f"{_num(weekly.last_week)} ({weekly.light}).",
        size=8.5,
    )


def _change_text(line: ScoreLine) -> str:
    if line.change is None:
        return "no earlier score in period"
    word = "meaningful" if line.change.meaningful else "not meaningful"
    since = _day(line.baseline_date) if line.baseline_date else "-"
    return f"{line.change.points:+g} since {since} ({word}, {line.change.direction})"


def _scores(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Questionnaires (latest)", size=11.5)
    if not report.scores:
        pdf.paragraph("No questionnaire answered yet.")
        return
    rows = [["Questionnaire", "Date", "Score", "Band", "Change"]]
    for line in report.scores:
        rows.append(
            [
                line.name,
                _day(line.date),
                f"{line.score:g} / {line.max_score:g}",
                line.band or "-",
                _change_text(line),
            ]
        )
    pdf.table_rows(rows, (52, 22, 20, 26, 60))


def _load(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Weekly load (last 6 weeks)", size=11.5)
    weeks = report.weeks[-6:]
    unit = distance_label(report.units)
    rows = [
        ["Week of", "Runs", "Run min", f"Run {unit}", "Run load", "Low-impact", "Low-impact min", "Other min"]
    ]
    for week in weeks:
        rows.append(
            [
                _day(week.week_start),
                str(week.run_sessions),
                f"{week.run_minutes:.0f}",
                f"{to_unit(week.run_km * 1000, report.units):.1f}",
                f"{week.run_load:.0f}",
                str(week.low_impact_sessions),
                f"{week.low_impact_minutes:.0f}",
                f"{week.other_minutes:.0f}",
            ]
        )
    pdf.table_rows(rows, (24, 14, 20, 18, 20, 24, 30, 20), align="RIGHT")
    counts = report.session_counts
    pdf.paragraph(
        f"Session responses in the period: {counts.get('green', 0)} green, {counts.get('amber', 0)} amber, "
        f"{counts.get('red', 0)} red (details after the charts).",
        size=8.5,
    )
    pdf.paragraph(
        "Load = RPE x minutes (Foster 2001); RPE is estimated per sport when not recorded. Low-impact: walk, cycle, swim.",
        size=7.5,
        colour=MUTED,
    )


def session_responses(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Session responses")
    counts = report.session_counts
    pdf.paragraph(
        "Each session judged by pain during it and the next morning against the morning before "
        "(pain-monitoring model, Silbernagel 2007, adapted for nerve pain): "
        + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("green", "amber", "red"))
        + ".",
        size=9,
    )
    shown = report.sessions[-MAX_SESSIONS_LISTED:]
    if not shown:
        return
    pdf.ln(1)
    rows = [["Date", "Sport", "Min", distance_label(report.units), "Response", "Why (main reason)"]]
    for session in reversed(shown):
        response = session.response
        rows.append(
            [
                _day(response.day),
                response.sport.value,
                f"{response.minutes:.0f}",
                "-" if session.km is None else f"{to_unit(session.km * 1000, report.units):.1f}",
                response.light + (" (provisional)" if response.provisional else ""),
                session.main_reason,
            ]
        )
    pdf.table_rows(rows, (18, 14, 9, 10, 29, 100), size=7.5)
    if len(report.sessions) > len(shown):
        pdf.paragraph(f"The {len(report.sessions) - len(shown)} earlier sessions are in the charts.", size=8)


def questionnaire_history(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("Questionnaire history")
    if not report.questionnaires:
        pdf.paragraph("No questionnaire in this period.")
        return
    rows = [["Date", "Questionnaire", "Score", "Band", "Scored"]]
    for response in reversed(report.questionnaires):
        rows.append(
            [
                _day(response.date),
                response.instrument.upper(),
                "-" if response.score is None else f"{response.score:g}",
                response.band or "-",
                "yes" if response.valid else "no (too many items missing)",
            ]
        )
    pdf.table_rows(rows, (26, 34, 22, 50, 48))


def treatments(pdf: ReportPDF, report: Report) -> None:
    """Treatments and medication in the period: days used per item, then each entry with its dose."""
    from strideback.domain.treatments import summary

    pdf.heading("Treatments and medication")
    if not report.treatments:
        pdf.paragraph("None logged in this period.")
        return
    rows = [["Treatment", "Days used", "Last used"]]
    rows += [[label, str(days), _day(last)] for label, days, last in summary(report.treatments)]
    pdf.table_rows(rows, (90, 40, 50))
    doses = [t for t in report.treatments if t.dose]
    if doses:
        pdf.paragraph(
            "Doses as logged: "
            + "; ".join(f"{_day(t.date)} {t.label} {t.dose}" for t in doses[-12:])
            + ("." if len(doses) <= 12 else f" (the last 12 of {len(doses)}).")
        )


def split_repeated_notes(notes: list[Note]) -> tuple[list[tuple[str, str, int]], list[Note]]:
    """Session notes said REPEATED_NOTE times or more (sport, text, count), and every other note.

    A note a person copies onto most sessions ("easy lengths") says the same thing once; check-in notes,
    the person's words about the morning, are always listed by day.
    """
    counts = Counter((n.where, n.text) for n in notes if n.where != "check-in")
    repeated = [
        (where.removesuffix(" session"), text, count)
        for (where, text), count in counts.most_common()
        if count >= REPEATED_NOTE
    ]
    kept = {(f"{where} session", text) for where, text, _ in repeated}
    return repeated, [n for n in notes if (n.where, n.text) not in kept]


def notes(pdf: ReportPDF, report: Report) -> None:
    pdf.heading("The person's notes")
    if not report.notes:
        pdf.paragraph("No notes in this period.")
        return
    repeated, listed = split_repeated_notes(report.notes)
    if repeated:
        pdf.paragraph(
            "Said on many sessions (not repeated below): "
            + "; ".join(f"{sport}: “{text}” ({count} sessions)" for sport, text, count in repeated)
            + ".",
            size=8,
        )
        pdf.ln(1)
    by_day: dict[dt.date, list[str]] = {}
    for note in listed:  # check-in notes first on each day, then the sessions'
        text = (
            note.text if note.where == "check-in" else f"{note.where.removesuffix(' session')}: {note.text}"
        )
        by_day.setdefault(note.date, []).append(text)
    if not by_day:
        return
    rows, left_out = note_rows([(_day(day), texts) for day, texts in sorted(by_day.items(), reverse=True)])
    pdf.table_rows([["Date", "Notes (morning check-in first, then sessions)"], *rows], (22, 158), size=7.5)
    if left_out:
        pdf.paragraph(
            f"{left_out} more note{'s' if left_out > 1 else ''} (older) are not shown here, to keep the "
            "report short; the person's own export (strideback export) holds every note in full.",
            size=8,
        )


def note_rows(days: list[tuple[str, list[str]]]) -> tuple[list[list[str]], int]:
    """Table rows of the notes, newest day first, within NOTES_BUDGET_CHARS, and how many were left out.

    Each note is a row of its own; a note longer than NOTE_ROW_CHARS continues in the next row ("…" at
    the cut and at the continuation), so no row is ever taller than a page and the table flows on to the
    next page. When the budget runs out, the note is cut with "…" and the rest is counted.
    """
    rows: list[list[str]] = []
    budget = NOTES_BUDGET_CHARS
    total = sum(len(texts) for _, texts in days)
    shown = 0
    for day, texts in days:
        first = True
        for text in texts:
            if budget <= 0:
                return rows, total - shown
            pieces = split_text(text[: max(budget, 1)] + (ELLIPSIS if len(text) > budget else ""))
            for index, piece in enumerate(pieces):
                lead = ELLIPSIS + " " if index else ""
                tail = " " + ELLIPSIS if index < len(pieces) - 1 else ""
                rows.append([day if first else "", lead + piece + tail])
                first = False
            budget -= len(text)
            shown += 1
    return rows, total - shown


def split_text(text: str, most: int = 0) -> list[str]:
    """`text` in pieces of at most `most` characters (NOTE_ROW_CHARS), cut at a space where there is one."""
    most = most or NOTE_ROW_CHARS
    pieces: list[str] = []
    while len(text) > most:
        cut = text.rfind(" ", most // 2, most)
        cut = cut if cut > 0 else most
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return pieces


def about(pdf: ReportPDF) -> None:
    pdf.heading("About this report")
    pdf.paragraph("What strideback is. " + WHAT_IT_IS, size=8.5)
    pdf.paragraph("What it is not. " + WHAT_IT_IS_NOT, size=8.5)
    pdf.paragraph(
        "Rules used: pain NRS meaningful change 2 points or 30% (Farrar, Pain 2001); ODI v2.1a (Fairbank & "
        "Pynsent, Spine 2000), meaningful change 10 points or 30% (Ostelo, Spine 2008); RMDQ 5 points or 30%; "
        "Sciatica Bothersomeness/Frequency Index (Patrick, Spine 1995); STarT Back (Hill, Arthritis Rheum 2008); "
        "red flags after BASS 2018, NICE CKS and Finucane (JOSPT 2020); pain-monitoring model (Silbernagel, "
        "Am J Sports Med 2007); session load (Foster 2001).",
        size=8,
        colour=MUTED,
    )
