"""The clinician PDF made in the background for the dashboard (issue 15): a thread in local mode, the
database worker in server mode (`django-tasks`, as the analysis is), with its step kept where the page
can ask for it (`services.report_file.progress`)."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from strideback.services import report_file

log = logging.getLogger(__name__)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@task()
def make_report(person_id: int, today: str, start: str | None, end: str | None, job: str) -> None:
    """Make (and cache) the PDF, marking each step under `job`; arguments are JSON for the task queue."""
    from strideback.report.build import report_pdf

    def step(name: str) -> None:
        report_file.mark(person_id, job, report_file.WORKING, name)

    try:
        report_pdf(person_id, dt.date.fromisoformat(today), _day(start), _day(end), step)
    except Exception:
        log.warning("the clinician report could not be made", exc_info=False)  # no health data in logs
        report_file.mark(person_id, job, report_file.FAILED)
        raise
    report_file.mark(person_id, job, report_file.READY)


def request_report(
    person_id: int, today: dt.date, start: dt.date | None, end: dt.date | None
) -> tuple[str, report_file.Progress]:
    """Start making the report for this state unless it is made already; its job name and where it stands."""
    job = report_file.job_id(person_id, today, start, end)
    if report_file.cached_report(person_id, today, start, end) is not None:
        return job, report_file.Progress(report_file.READY)
    known = report_file.progress(person_id, job)
    if known.state == report_file.WORKING:
        return job, known  # already being made (a second tap, another tab)
    report_file.mark(person_id, job, report_file.WORKING, report_file.STEPS[0])
    try:
        make_report.enqueue(
            person_id,
            today.isoformat(),
            start.isoformat() if start else None,
            end.isoformat() if end else None,
            job,
        )
    except Exception:
        log.warning("could not queue the clinician report", exc_info=False)
        report_file.mark(person_id, job, report_file.FAILED)
    return job, report_file.progress(person_id, job)
