"""CSV: exported cells cannot run as spreadsheet formulas (OWASP CSV injection), and imported CSV keeps
the same date bounds as every other face (issue 11.9)."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.types import Activity, CheckIn, Sport
from strideback.importers.errors import UnreadableFile
from strideback.importers.spreadsheet_csv import read_activities_csv, read_checkins_csv
from strideback.services.sharing import activities_csv, checkins_csv

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tindented=1",
    "\r=1",
    "=",
    "plain text",
    "'quoted already",
    "'=already guarded by hand",
    "''+1",
]


def _cells(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("note", HOSTILE)
def test_exported_notes_never_start_a_formula(note):
    start = dt.datetime(2025, 5, 1, 7, 30, tzinfo=dt.UTC)
    for text in (
        checkins_csv([CheckIn(dt.date(2025, 5, 1), 1, 2, note=note)]),
        activities_csv([Activity(Sport.RUN, start, 1800.0, note=note)]),
    ):
        for row in _cells(text)[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        note_cell = _cells(text)[1][-1]
        if note[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert note_cell.startswith("'")


@pytest.mark.parametrize("note", HOSTILE)
def test_a_round_trip_through_the_importer_gives_the_text_back(note):
    start = dt.datetime(2025, 5, 1, 7, 30, tzinfo=dt.UTC)
    checkin = CheckIn(dt.date(2025, 5, 1), 1, 2, note=note)
    [back] = read_checkins_csv(checkins_csv([checkin]).encode(), "c.csv").checkins
    assert back.note == note
    [activity] = read_activities_csv(
        activities_csv([Activity(Sport.RUN, start, 1800.0, note=note)]).encode(), "a.csv"
    ).activities
    assert activity.note == note


def test_csv_import_refuses_a_future_check_in_like_the_cli():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(UnreadableFile) as error:
        read_checkins_csv(f"date,back_pain,leg_pain\n{tomorrow},1,2\n".encode(), "c.csv")
    assert "line 2" in str(error.value) and "today" in str(error.value)


def test_csv_import_refuses_a_future_session_and_year_one():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for day in (tomorrow, "0001-01-01"):
        with pytest.raises(UnreadableFile):
            read_activities_csv(f"date,sport,minutes\n{day},run,30\n".encode(), "a.csv")
