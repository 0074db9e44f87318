"""Issue 15: the PDF shows distances in the person's units and the person's name from the profile."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from strideback.report.build import report_pdf
from strideback.services.demo import create_demo
from strideback.services.profile import set_profile

from .test_pdf import text_of

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
TODAY = dt.date(2026, 3, 1)


def test_the_report_speaks_miles_for_a_person_who_reads_miles(person: int, tmp_path: Path) -> None:
    create_demo(person, days=60, seed=3, end=TODAY)
    set_profile(person, name="Ana Novak", units="miles")
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(person, TODAY))
    text = text_of(path)
    assert "strideback report: Ana Novak" in text
    assert "Run mi" in text and "Run km" not in text
