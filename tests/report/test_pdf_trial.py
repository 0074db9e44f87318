"""The personal trial's pages in the clinician PDF: protocol items, the answer and every deviation."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from strideback.domain import redflags
from strideback.domain.types import CheckIn, Reach
from strideback.report.pdf import ReportPDF, find_unicode_font
from strideback.report.pdf_trial import trial_for_report, trial_pages

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
TODAY = dt.date(2026, 6, 1)


def test_trial_pages_show_protocol_answer_and_deviations(person, monkeypatch, tmp_path: Path):
    from strideback.services import trial
    from strideback.services.checkins import record_check_in
    from strideback.services.daily import today
    from strideback.services.screening import record_screening

    now = {"day": TODAY}
    monkeypatch.setattr(trial, "clock", lambda: now["day"])
    assert trial_for_report(person, TODAY) is None  # no trial: no pages
    record_screening(person, dict.fromkeys(redflags.KEYS, False), TODAY, full_screen=True)
    trial.start(person, TODAY, seed=3)
    for offset in range(7):
        day = TODAY + dt.timedelta(days=offset)
        now["day"] = day
        record_check_in(person, CheckIn(date=day, back_pain=2, leg_pain=3, reach=Reach.THIGH))
        today(person, day)  # reveals the day's draw; no run is logged, so run days are not followed
    now["day"] = TODAY + dt.timedelta(days=7)
    pdf = ReportPDF("Test", "period", find_unicode_font())
    pdf.add_page()
    trial_pages(pdf, trial_for_report(person, now["day"]))
    path = tmp_path / "trial.pdf"
    path.write_bytes(bytes(pdf.output()))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Personal trial" in text and "CENT 2015" in text
    assert "Allocation concealment" in text and "Too early to say" in text
    assert "Days not done as drawn" in text and "not as drawn" in text
