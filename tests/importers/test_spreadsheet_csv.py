"""CSV of activities and of check-ins, told apart by header."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.types import Reach, Sport
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import UnreadableFile
from strideback.importers.spreadsheet_csv import csv_kind, read_activities_csv, read_checkins_csv

ACTIVITIES = (
    b"date,sport,minutes,km,rpe,pain_during,note\n2024-05-01,run,30,5,4,2,easy\n2024-05-02,swim,45,,3,,\n"
)
CHECKINS = (
    b"date,back_pain,leg_pain,reach,numbness,tingling,weakness,stiffness_min,sleep,pain_after,note\n"
    b"2024-05-01,3,4,calf,yes,no,0,20,6,5,stiff\n2024-05-02,2,2,,,,,,,,\n"
)


def test_activities_csv():
    run, swim = read_activities_csv(ACTIVITIES, "a.csv").activities
    assert run.sport is Sport.RUN and run.duration_s == 1800 and run.distance_m == 5000
    assert run.rpe == 4 and run.pain_during == 2 and run.note == "easy"
    assert run.day == dt.date(2024, 5, 1)
    assert swim.distance_m is None
    assert run.fingerprint != swim.fingerprint


def test_checkins_csv_with_booleans_and_pain_after():
    content = read_checkins_csv(CHECKINS, "c.csv")
    first, second = content.checkins
    assert first.reach is Reach.CALF and first.numbness and not first.tingling and not first.weakness
    assert first.stiffness_min == 20 and first.sleep == 6
    assert second.reach is Reach.NONE
    assert content.pain_after == {dt.date(2024, 5, 1): 5}


def test_kind_is_detected_by_header_whatever_the_name():
    assert read_bytes(CHECKINS, "export.txt")[0].kind == "checkins_csv"
    assert read_bytes(ACTIVITIES, "log.txt")[0].kind == "activities_csv"
    assert csv_kind("name,value\n") is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (b"2024-05-01,run,-30", "duration_s"),
        (b"2024-05-01,run,30,500", "km/h"),
        (b"2024-05-01,rowing,30", "sport"),
        (b"01/05/2024,run,30", "date"),
    ],
)
def test_bad_activity_row_names_the_line(row, message):
    with pytest.raises(UnreadableFile, match=f"line 2.*{message}"):
        read_activities_csv(b"date,sport,minutes,km\n" + row + b"\n", "bad.csv")


def test_duplicate_checkin_day_is_refused():
    with pytest.raises(UnreadableFile, match="line 3"):
        read_checkins_csv(b"date,back_pain,leg_pain\n2024-05-01,1,1\n2024-05-01,2,2\n", "dup.csv")


def test_out_of_range_pain_is_refused():
    with pytest.raises(UnreadableFile, match="leg_pain"):
        read_checkins_csv(b"date,back_pain,leg_pain\n2024-05-01,1,11\n", "bad.csv")


@given(st.binary(max_size=300))
def test_random_bytes_after_a_header_give_only_the_typed_error(tail):
    for header in (b"date,sport,minutes,km,rpe\n", b"date,back_pain,leg_pain,reach,sleep\n"):
        reader = read_activities_csv if b"sport" in header else read_checkins_csv
        with contextlib.suppress(UnreadableFile):
            reader(header + tail, "x.csv")
