"""Issue 17: the clinician PDF answers an unchanged request from its cache without the heavy libraries,
and reuses the analysis the background already computed for the current data version (issue 12)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from django.conf import settings

from strideback.domain.types import CheckIn, Reach
from strideback.store import records

TODAY = dt.date(2026, 3, 1)
HEAVY = ("fpdf", "pandas", "vl_convert", "altair", "numpy", "scipy", "strideback.domain.effects.engine")


def _imported(stderr: str) -> set[str]:
    """Module names listed by `python -X importtime` on stderr."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_an_unchanged_report_imports_no_pdf_chart_or_analysis_library(tmp_path: Path) -> None:
    import os
    import subprocess

    home = tmp_path / "home"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }

    def run(*args: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
        flags = ["-X", "importtime"] if importtime else []
        return subprocess.run(
            [sys.executable, *flags, "-m", "strideback", *args, "--home", str(home)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )

    assert run("demo", "--days", "30", "--seed", "3").returncode == 0
    out = tmp_path / "report.pdf"
    first = run("report", "--out", str(out), importtime=True)
    assert first.returncode == 0, first.stderr
    # Made cold: the chart specs are plain dicts, so no chart library is loaded to make them.
    assert not _imported(first.stderr) & {"altair", "narwhals"}, "the cold report imported a chart library"
    made = out.read_bytes()
    if shutil.which("pdfimages"):  # the charts drawn by the worker process are all in it
        listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True)
        assert len([line for line in listing.stdout.splitlines()[2:] if " image " in line]) >= 4
    out.unlink()
    again = run("report", "--out", str(out), importtime=True)
    assert again.returncode == 0
    assert out.read_bytes() == made
    loaded = _imported(again.stderr)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_report_reuses_the_analysis_stored_for_the_current_data_version(person, monkeypatch) -> None:
    from strideback.services import analysis
    from strideback.services.daily import today as advise_today
    from strideback.services.report import build_report

    for back in range(5):
        records.save_checkin(
            person, CheckIn(TODAY - dt.timedelta(days=back), back_pain=2, leg_pain=3, reach=Reach.THIGH)
        )
    advise_today(person, TODAY)  # the first read starts the plan (a write); the person's usual state after
    stored = analysis.refresh_now(person)

    def no_new_analysis(*args, **kwargs):
        raise AssertionError("the report computed an analysis that was already stored")

    monkeypatch.setattr(analysis, "analyze_person", no_new_analysis)
    report = build_report(person, TODAY)
    assert report.analysis == stored


def test_a_stale_analysis_is_computed_once_and_kept_for_the_pages(person) -> None:
    from strideback.services.analysis import latest_analysis
    from strideback.services.report import build_report

    records.save_checkin(person, CheckIn(TODAY, back_pain=2, leg_pain=3, reach=Reach.THIGH))
    assert latest_analysis(person, refresh_if_stale=False).analysis is None
    report = build_report(person, TODAY)
    kept = latest_analysis(person, refresh_if_stale=False)
    assert kept.analysis == report.analysis and kept.analysis is not None and not kept.updating


@pytest.mark.parametrize("parallel", [True, False])
def test_the_analysis_made_in_a_child_process_is_the_one_made_here(person, parallel, monkeypatch) -> None:
    from strideback.services import report_analysis
    from strideback.services.analysis import analyze_person

    monkeypatch.setattr(settings, "DEBUG", False)
    for back in range(10):
        records.save_checkin(
            person,
            CheckIn(TODAY - dt.timedelta(days=back), back_pain=2, leg_pain=back % 4, reach=Reach.THIGH),
        )
    expected = analyze_person(person).to_json()
    monkeypatch.setattr(report_analysis, "can_fork", lambda: parallel)
    got = report_analysis.begin_analysis(person, parallel=True).result()
    assert got.analysis is not None and got.analysis.to_json() == expected and got.note is None
