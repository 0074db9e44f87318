"""The demo person's PDF: it opens, page 1 is the summary, and it holds at least four charts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from strideback.report.build import report_pdf
from strideback.report.pdf import find_unicode_font
from strideback.services.demo import create_demo

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfimages") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdfimages, pdfinfo) not installed",
)
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def demo_pdf(person: int, tmp_path: Path) -> Path:
    create_demo(person, days=120, seed=3, end=TODAY)
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(person, TODAY))
    return path


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_opens_and_page_one_is_the_summary(demo_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(demo_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    page_one = text_of(demo_pdf, 1, 1)
    for heading in (
        "strideback report: Alex (demo)",
        "Red flags",
        "Today and the walk-run plan",
        "Pain and reach",
        "Questionnaires (latest)",
        "Weekly load (last 6 weeks)",
        "not a medical device",
    ):
        assert heading in page_one, heading
    assert page_one.index("Red flags") < page_one.index("Today and the walk-run plan")
    assert "Oswestry" in page_one and "Leg pain" in page_one


def test_pdf_holds_at_least_four_charts_and_the_later_sections(demo_pdf: Path) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(demo_pdf)], capture_output=True, text=True, check=True
    )
    images = [line for line in listing.stdout.splitlines()[2:] if line.strip() and " image " in line]
    assert len(images) >= 4
    everything = text_of(demo_pdf)
    for section in (
        "Charts",
        "Session responses",
        "What the diary suggests",
        "Questionnaire history",
        "The person's notes",
        "About this report",
    ):
        assert section in everything, section


def test_evidence_findings_read_in_short_lines(demo_pdf: Path) -> None:
    """Findings are summed up in lines, not a table that repeats each exposure's long unit on every row."""
    everything = " ".join(text_of(demo_pdf).split())
    evidence = everything[
        everything.index("What the diary suggests") : everything.index("Questionnaire history")
    ]
    assert "Clear links" in evidence and "No clear link" in evidence and "→ leg pain" in evidence
    assert "Over the whole diary" in evidence and "Leg pain (0–10)" in evidence
    assert "links were tested" in evidence  # the engine's multiple-testing note, said once
    assert evidence.count("links were tested") == 1
    assert "points (0–10) per" not in evidence


def test_unicode_font_is_used_when_installed(demo_pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(demo_pdf)], capture_output=True, text=True).stdout
    if find_unicode_font() is None:
        pytest.skip("DejaVu not installed: core fonts are used")
    assert "DejaVuSans" in fonts
    assert "•" in text_of(demo_pdf, 1, 1)  # a character outside Latin-1 survives


def test_core_fonts_fallback_still_renders(
    person: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import strideback.report.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "find_unicode_font", lambda: None)
    create_demo(person, days=40, seed=1, end=TODAY)
    path = tmp_path / "plain.pdf"
    path.write_bytes(report_pdf(person, TODAY))
    assert "Red flags" in text_of(path, 1, 1)
