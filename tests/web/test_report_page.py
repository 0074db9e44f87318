"""The clinician report from the dashboard: the period form and the PDF download."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
DEFAULT_START = TODAY - dt.timedelta(days=89)


def test_report_page_offers_the_last_90_days(client, person):
    response = client.get("/report")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'action="/report.pdf"' in html and 'method="get"' in html
    assert f'name="from" value="{DEFAULT_START.isoformat()}"' in html
    assert f'name="to" value="{TODAY.isoformat()}"' in html
    assert 'for="id_from"' in html and 'for="id_to"' in html
    assert '<a href="/report" aria-current="page">Report</a>' in html
    assert f"/report.pdf?from={(TODAY - dt.timedelta(days=41)).isoformat()}&amp;to={TODAY}" in html


def test_every_page_links_to_the_report(client, person):
    assert '<a href="/report">Report</a>' in client.get("/plan").content.decode()


def test_download_is_a_pdf_attachment_never_cached(client, diary):
    start = TODAY - dt.timedelta(days=10)
    response = client.get("/report.pdf", {"from": start.isoformat(), "to": TODAY.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'attachment; filename="strideback-report-{start}-to-{TODAY}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"


def test_download_without_dates_takes_the_last_90_days(client, person):
    response = client.get("/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert f"strideback-report-{DEFAULT_START}-to-{TODAY}.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-40"}, "Enter a date like 2026-03-14."),
        ({"to": "last tuesday"}, "Enter a date like 2026-03-14."),
        ({"from": TODAY.isoformat(), "to": (TODAY - dt.timedelta(days=1)).isoformat()}, "is after"),
        ({"to": (TODAY + dt.timedelta(days=1)).isoformat()}, "is in the future"),
    ],
)
def test_bad_period_is_refused_with_a_clear_page(client, person, query, message):
    response = client.get("/report.pdf", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert message in html
    assert re.search(r'class="form-error" role="alert"', html)


def test_report_is_loopback_only_and_read_only(client, person):
    assert client.get("/report.pdf", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/report", HTTP_HOST="192.168.1.20").status_code == 400
    assert client.get("/report.pdf", HTTP_HOST="localhost").status_code == 200
    assert client.post("/report.pdf").status_code == 405
