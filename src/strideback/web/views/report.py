"""Report: the clinician PDF for a chosen period, built on this computer and downloaded from the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from strideback.web.forms import ReportPeriodForm
from strideback.web.views._common import page, person_id, today

# One-tap periods offered beside the form: (label, days back including today).
QUICK_PERIODS = (("Last 6 weeks", 42), ("Last 3 months", 90), ("Last 6 months", 182), ("Last year", 365))


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    day = today()
    return page(
        request, "report.html", "report", _context(ReportPeriodForm(today=day), day, person_id(request))
    )


@require_GET
def report_download(request: HttpRequest) -> HttpResponse:
    """GET /report.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD (each defaults as on the form)."""
    day = today()
    form = ReportPeriodForm.from_query(request.GET, day)
    if not form.is_valid():
        return page(request, "report.html", "report", _context(form, day), status=400)
    from strideback.report.build import report_pdf

    start, end = form.period()
    pdf = report_pdf(person_id(request), day, start, end)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="strideback-report-{start}-to-{end}.pdf"'
    response["Cache-Control"] = "no-store"  # health data: never kept in the browser's cache
    return response


@require_POST
def report_make(request: HttpRequest) -> JsonResponse:
    """POST /report/make (from, to): start making the PDF in the background, or say it is ready at once."""
    from strideback.report.background import request_report

    day = today()
    form = ReportPeriodForm.from_query(request.POST, day)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    start, end = form.period()
    job, progress = request_report(person_id(request), day, start, end)
    return JsonResponse(_progress_json(job, progress, _download_url(start, end)))


@require_GET
def report_progress(request: HttpRequest, job: str) -> JsonResponse:
    """GET /report/progress/<job>: where the PDF being made stands (state, step), for the page to show."""
    from strideback.services.report_file import is_job_id, progress

    if not is_job_id(job):
        return JsonResponse({"error": "unknown report"}, status=404)
    return JsonResponse(_progress_json(job, progress(person_id(request), job), None))


def _progress_json(job: str, progress: Any, download: str | None) -> dict[str, object]:
    return {
        "job": job,
        **progress.to_json(),
        "progress_url": reverse("report_progress", args=[job]),
        "download_url": download,
    }


def _download_url(start: dt.date, end: dt.date) -> str:
    return reverse("report_pdf") + "?" + urlencode({"from": start.isoformat(), "to": end.isoformat()})


def _context(form: ReportPeriodForm, day: dt.date, person: int | None = None) -> dict:
    quick = [(label, day - dt.timedelta(days=days - 1), day) for label, days in QUICK_PERIODS]
    context: dict[str, object] = {"form": form, "quick_periods": quick, "ready": None}
    if person is not None:  # the default period's PDF, when it was made for this very state: offered at once
        from strideback.services.report_file import cached_report

        start, end = ReportPeriodForm.default_period(day)
        if cached_report(person, day, start, end) is not None:
            context["ready"] = {"url": _download_url(start, end), "start": start, "end": end}
    return context
