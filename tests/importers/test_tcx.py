"""TCX files: lap totals, GPS-less treadmill files, gzip."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET

import pytest

from strideback.domain.types import Sport
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.tcx import read_tcx

from .helpers import DATA

TCX_FILES = sorted((DATA / "tcx").glob("*.tcx")) if (DATA / "tcx").is_dir() else []
NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


@pytest.mark.skipif(not TCX_FILES, reason="shared TCX samples absent")
@pytest.mark.parametrize("path", TCX_FILES, ids=lambda p: p.name)
def test_tcx_totals_match_the_laps_and_track(path):
    root = ET.parse(path).getroot()
    laps = root.iter(f"{NS}Lap")
    timer = distance = 0.0
    for lap in laps:
        timer += float(lap.find(f"{NS}TotalTimeSeconds").text)
        distance += float(lap.find(f"{NS}DistanceMeters").text)
    times = sorted(p.text for p in root.iter(f"{NS}Time"))
    (activity,) = read_tcx(path.read_bytes(), path.name).activities
    assert activity.moving_s == pytest.approx(timer, rel=0.01)
    assert activity.distance_m == pytest.approx(distance, rel=0.01)
    first, last = _time(times[0]), _time(times[-1])
    assert activity.duration_s >= (last - first).total_seconds() * 0.99
    assert activity.laps


def _time(text):
    return dt.datetime.fromisoformat(text)


TREADMILL = b"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="Running"><Id>2024-03-01T18:00:00Z</Id>
  <Lap StartTime="2024-03-01T18:00:00Z"><TotalTimeSeconds>1800</TotalTimeSeconds>
   <DistanceMeters>5000</DistanceMeters><Track>
    <Trackpoint><Time>2024-03-01T18:00:00Z</Time><DistanceMeters>0</DistanceMeters>
     <HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
    <Trackpoint><Time>2024-03-01T18:30:00Z</Time><DistanceMeters>5000</DistanceMeters>
     <HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>
   </Track></Lap>
  <Creator><Name>Treadmill Watch</Name></Creator></Activity></Activities>
</TrainingCenterDatabase>"""


def test_gps_less_treadmill_file_imports():
    (run,) = read_tcx(TREADMILL, "treadmill.tcx").activities
    assert run.sport is Sport.RUN
    assert run.duration_s == 1800
    assert run.distance_m == 5000
    assert run.avg_hr == 135
    assert run.device == "Treadmill Watch"


def test_gzipped_tcx_and_detection_by_content_not_name():
    (result,) = read_bytes(gzip.compress(TREADMILL), "upload.bin.gz")
    assert result.kind == "tcx"
    assert result.activities[0].distance_m == 5000


def test_course_only_tcx_is_skipped():
    data = b'<TrainingCenterDatabase xmlns="x"><Courses><Course><Name>loop</Name></Course></Courses></TrainingCenterDatabase>'
    with pytest.raises(SkippedFile):
        read_tcx(data, "course.tcx")


def test_impossible_speed_is_a_per_file_error():
    bad = TREADMILL.replace(
        b"   <DistanceMeters>5000</DistanceMeters>", b"   <DistanceMeters>250000</DistanceMeters>"
    )
    with pytest.raises(UnreadableFile, match="km/h"):
        read_tcx(bad, "rocket.tcx")


def test_entity_bomb_and_external_entity_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<TrainingCenterDatabase xmlns="x"><Activities><Activity Sport="Running"><Id>&b;</Id>'
        b"</Activity></Activities></TrainingCenterDatabase>"
    )
    with pytest.raises(UnreadableFile, match="entit"):
        read_tcx(bomb, "bomb.tcx")
    external = bomb.replace(
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">', b'<!ENTITY b SYSTEM "file:///etc/passwd">'
    )
    with pytest.raises(UnreadableFile, match=r"entit|external"):
        read_tcx(external, "xxe.tcx")


def test_malformed_tcx_is_a_clear_error():
    with pytest.raises(UnreadableFile, match="malformed XML"):
        read_tcx(TREADMILL[:-40], "cut.tcx")
