"""Issue 16: the report model is typed end to end (dataclasses built in services; JSON only at the edges),
and issue 15: the PDF's human text shows dates one way (`14 Mar 2026`), never ISO."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from strideback.domain.advice import Advice
from strideback.domain.weekly import WeeklyTrend
from strideback.services.demo import create_demo
from strideback.services.report import Report, build_report

TODAY = dt.date(2026, 3, 1)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def demo(person: int) -> int:
    create_demo(person, days=90, seed=5, end=TODAY)
    return person


def test_the_report_model_holds_typed_objects_not_dicts(demo: int) -> None:
    from strideback.services.report import SessionLine

    report = build_report(demo, TODAY)
    assert dataclasses.is_dataclass(report) and isinstance(report, Report)
    assert isinstance(report.advice, Advice)
    assert isinstance(report.weekly_pain, WeeklyTrend)
    assert report.sessions and all(isinstance(s, SessionLine) for s in report.sessions)
    for name, value in vars(report).items():
        if name in ("analysis", "session_counts"):  # the engine's document (its own typing), a tally
            continue
        assert not isinstance(value, dict), name
        if isinstance(value, list):
            assert not any(isinstance(v, dict) for v in value), name


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_no_iso_date_in_the_pdf_text(demo: int, tmp_path: Path) -> None:
    from strideback.report.build import report_pdf

    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(demo, TODAY))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)[:5]
    assert "1 Mar 2026" in text
