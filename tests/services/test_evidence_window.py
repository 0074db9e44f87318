"""The analysis window on an imported archive, and leg pain before the session from CSV (issue #12)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.services.analysis import analyze_person
from strideback.services.importing import import_paths
from strideback.store import records

RECENT = DiaryParameters(days=60, start=dt.date(2026, 3, 2), run_effect_leg=1.5, odi_every_days=None)


def _old_archive(tmp_path) -> None:
    """Ten years of imported runs, long before the first check-in."""
    lines = ["date,sport,minutes,km"]
    day = dt.date(2010, 1, 4)
    while day < dt.date(2020, 1, 1):
        lines.append(f"{day.isoformat()},run,40,7")
        day += dt.timedelta(days=3)
    (tmp_path / "archive.csv").write_text("\n".join(lines) + "\n")


def test_an_old_import_does_not_stretch_the_analysis_back_to_2010(person, tmp_path):
    _old_archive(tmp_path)
    report = import_paths(person, [tmp_path / "archive.csv"], workers=1)
    assert report.imported > 1000
    diary = simulate_diary(RECENT, seed=3)
    for activity in diary.activities:
        records.add_activity(person, activity)
    for checkin in diary.checkins:
        records.save_checkin(person, checkin)
    analysis = analyze_person(person)
    first_checkin = min(c.date for c in diary.checkins)
    assert analysis.first_day >= first_checkin - dt.timedelta(days=2)
    assert analysis.n_days <= 62
    assert analysis.checkin_days == len(diary.checkins)
    assert "Over the last" in analysis.bottom_line
    everything = analyze_person(person, everything=True)
    assert everything.first_day == analysis.first_day  # --all: every day with check-ins, still not 2010
    assert analyze_person(person, since=dt.date(2026, 4, 1)).first_day >= dt.date(2026, 4, 1)


def test_no_checkins_means_nothing_to_analyse_even_with_years_of_runs(person, tmp_path):
    _old_archive(tmp_path)
    import_paths(person, [tmp_path / "archive.csv"], workers=1)
    analysis = analyze_person(person)
    assert analysis.n_days == 0
    assert analysis.bottom_line.startswith("Not enough diary yet")


def test_the_default_window_is_the_last_twelve_months_of_checkins(person):
    diary = simulate_diary(replace(RECENT, days=500, start=dt.date(2024, 1, 1), run_effect_leg=0.0), seed=4)
    for checkin in diary.checkins:
        records.save_checkin(person, checkin)
    analysis = analyze_person(person)
    assert 355 <= analysis.n_days <= 365  # the frame starts at the first record inside the window
    assert analysis.last_day == max(c.date for c in diary.checkins)


def test_pain_before_column_from_csv(person, tmp_path):
    (tmp_path / "log.csv").write_text(
        "date,sport,minutes,pain_before,pain_during\n2024-05-01,run,30,3,4\n2024-05-03,run,20,,2\n"
    )
    report = import_paths(person, [tmp_path / "log.csv"], workers=1)
    assert report.imported == 2 and not report.failed
    first, second = sorted(records.list_activities(person), key=lambda a: a.start)
    assert (first.pain_before, second.pain_before) == (3, None)


def test_pain_before_out_of_range_is_refused_naming_the_field(person, tmp_path):
    (tmp_path / "bad.csv").write_text("date,sport,minutes,pain_before\n2024-05-01,run,30,11\n")
    report = import_paths(person, [tmp_path / "bad.csv"], workers=1)
    assert report.failed and "pain_before" in str(report.failed[0])
    assert records.list_activities(person) == []
