"""Report: the clinician PDF for a chosen period, built on this computer and downloaded from the dashboard."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.forms import ReportPeriodForm
from strideback.web.views._common import page, person_id, today

# One-tap periods offered beside the form: (label, days back including today).
QUICK_PERIODS = (("Last 6 weeks", 42), ("Last 3 months", 90), ("Last 6 months", 182), ("Last year", 365))


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    day = today()
    return page(request, "report.html", "report", _context(ReportPeriodForm(today=day), day))


@require_GET
def report_download(request: HttpRequest) -> HttpResponse:
    """GET /report.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD (each defaults as on the form)."""
    day = today()
    form = ReportPeriodForm.from_query(request.GET, day)
    if not form.is_valid():
        return page(request, "report.html", "report", _context(form, day), status=400)
    from strideback.report.pdf import report_pdf

    start, end = form.period()
    pdf = report_pdf(person_id(request), day, start, end)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="strideback-report-{start}-to-{end}.pdf"'
    response["Cache-Control"] = "no-store"  # health data: never kept in the browser's cache
    return response


def _context(form: ReportPeriodForm, day: dt.date) -> dict:
    quick = [(label, day - dt.timedelta(days=days - 1), day) for label, days in QUICK_PERIODS]
    return {"form": form, "quick_periods": quick}
