"""The report lays out any amount of text: notes up to the limit wrap, are cut with "…", continue on the
next page, and the report keeps its page budget. The CLI refuses a note above the limit."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from strideback.domain.types import Activity, CheckIn, Sport
from strideback.report import pdf_sections
from strideback.report.pdf import render_pdf
from strideback.services.report import build_report
from strideback.store import records

NOTES_BUDGET_PAGES = getattr(pdf_sections, "NOTES_BUDGET_PAGES", 4)  # the budget the layout promises
NOTE_MAX_CHARS = 2000  # the note limit of the form, the API and (domain/bounds.py) every door

TODAY = dt.date(2026, 3, 1)
WORDS = [
    "pain",
    "calf",
    "thigh",
    "easy",
    "tempo",
    "hills",
    "rest",
    "stretch",
    "walk",
    "knee",
    "numb",
    "tingling",
    "better",
    "worse",
    "same",
    "slept",
]


def note(rng: random.Random, length: int) -> str:
    """A note of exactly `length` characters: words, with now and then one very long unbroken word."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append("x" * 300 if rng.random() < 0.02 else rng.choice(WORDS))
    return " ".join(parts)[:length]


def pages(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return count, text


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
@pytest.mark.parametrize("days", [1, 20])
def test_ten_sessions_a_day_with_notes_at_the_limit(person, tmp_path, days):
    rng = random.Random(days)
    for back in range(days):
        day = TODAY - dt.timedelta(days=back)
        records.save_checkin(person, CheckIn(day, 2, 3, note=note(rng, NOTE_MAX_CHARS)))
        for hour in range(10):
            start = dt.datetime.combine(day, dt.time(6 + hour), tzinfo=dt.UTC)
            records.add_activity(person, Activity(Sport.WALK, start, 600.0, note=note(rng, NOTE_MAX_CHARS)))
    report = build_report(person, TODAY, TODAY - dt.timedelta(days=days - 1), TODAY)
    pdf = render_pdf(report, [], [])
    count, text = pages(pdf, tmp_path)
    assert "The person's notes" in text
    assert "…" in text  # long notes are cut, and say so
    without_notes = render_pdf(
        build_report(person, TODAY, TODAY - dt.timedelta(days=days - 1), TODAY).__class__(
            **{**report.__dict__, "notes": []}
        ),
        [],
        [],
    )
    assert count <= pages(without_notes, tmp_path)[0] + NOTES_BUDGET_PAGES
    if days > 1:
        assert "not shown here" in text


def test_the_cli_refuses_a_note_above_the_limit(cli, tmp_path):
    result = cli(tmp_path, "checkin", "--back", "1", "--leg", "2", "--note", "n" * (NOTE_MAX_CHARS + 1))
    assert result.returncode == 2
    assert f"at most {NOTE_MAX_CHARS} characters" in result.stderr.replace("\n", " ")
    result = cli(tmp_path, "log", "run", "--minutes", "20", "--note", "n" * (NOTE_MAX_CHARS + 1))
    assert result.returncode == 2
    assert "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" not in result.stderr
