"""Making the clinician PDF: its data, the analysis, the charts, then the pages (`report.pdf`), cached.

The steps are ordered so that nothing waits that need not (issue 17). The chart specs are plain dicts
(`strideback.charts`), made as soon as the report's data is read and sent at once to the chart worker (a
child process, `report.chart_worker`), findings included when the analysis is already stored; the PDF
library (~0.5 s to import) is loaded only then, while the worker draws. The analysis, when it is not
stored for the current data version, is computed in a child process of a one-shot process meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Progress = Callable[[str], None]  # told each step as it starts: "analysing", "drawing charts", …


def report_pdf(
    person_id: int,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The clinician report of a person (for the CLI and the dashboard's download): built once per state of
    their data, period and day, then served from the home's cache until any of these changes."""
    from strideback.services.file_cache import cached
    from strideback.services.report_file import report_key

    return cached(
        "report",
        lambda: report_key(person_id, today, start, end),
        lambda: _build_report_pdf(person_id, today, start, end, progress),
    )


def _build_report_pdf(
    person_id: int,
    today: dt.date,
    start: dt.date | None,
    end: dt.date | None,
    progress: Progress | None = None,
) -> bytes:
    from strideback.report.chart_images import RENDER_SCALE, finding_charts, report_charts
    from strideback.report.chart_worker import take as take_worker
    from strideback.services.report import build_report, with_analysis
    from strideback.services.report_analysis import ReportAnalysis, begin_analysis
    from strideback.services.report_file import STEPS

    step = progress or (lambda _: None)
    step(STEPS[0])
    worker = take_worker(RENDER_SCALE)  # its drawing engine starts while the data is read
    pending = begin_analysis(person_id, parallel=True)
    try:
        stored = pending.ready  # the analysis kept for this data version (else computed meanwhile)
        later = ReportAnalysis(None, None)
        report = build_report(person_id, today, start, end, pending.result() if stored else later)
        if not stored:
            step(STEPS[1])
        charts = report_charts(report, worker)  # sent now: drawn while the PDF library loads
        findings = finding_charts(report, worker) if stored else None
        from strideback.report.pdf import begin_pdf, finish_pdf  # fpdf, its fonts and images

        pdf = begin_pdf(report, charts)  # the pages that need no analysis, laid out meanwhile
        report = with_analysis(report, pending.result())
        step(STEPS[2])
        finding_images = (findings or finding_charts(report, worker))()
    finally:
        pending.close()
        if worker is not None:
            worker.close()
    step(STEPS[3])
    from strideback.report.pdf_trial import trial_for_report

    return finish_pdf(pdf, report, finding_images, trial_for_report(person_id, today))
