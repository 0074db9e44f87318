"""Kind detection from a file's first bytes (content, not extension)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.importers.detect import APPLE_HEALTH, FIT, GPX, GZIP, TCX, ZIP, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?>\n<gpx version="1.1" creator="x">', GPX),
        (b"\xef\xbb\xbf<?xml version='1.0'?><!-- a comment --><gpx:gpx xmlns:gpx='http://x'>", GPX),
        ('<?xml version="1.0" encoding="UTF-16"?><gpx>'.encode("utf-16"), GPX),
        (b'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/x">', TCX),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate)>\n'
            + b" " * 70000,
            APPLE_HEALTH,
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ATTLIST x y CDATA #IMPLIED>]><HealthData locale="en">',
            APPLE_HEALTH,
        ),
        (b"PK\x03\x04rest", ZIP),
        (b"\x1f\x8b\x08rest", GZIP),
        (b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT", FIT),
        (b'<?xml version="1.0"?><kml>', None),
        (b"<html><body>", None),
        (b"<<<<", None),
        (b"", None),
    ],
)
def test_sniff_reads_the_root_with_a_real_parser(head, kind):
    assert sniff(head[:65536]) == kind


def test_sniff_never_expands_entities():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;">' % (i, i - 1, i - 1, i - 1, i - 1, i - 1)
            if i
            else b""
            for i in range(1, 30)
        )
        + b"]><gpx>&a29;</gpx>"
    )
    assert sniff(bomb) == GPX  # the root is named; the bomb is left for the reader to refuse


@given(st.binary(max_size=300))
def test_sniff_never_crashes(data):
    assert sniff(data) in (
        None,
        ZIP,
        GZIP,
        FIT,
        GPX,
        TCX,
        APPLE_HEALTH,
        "activities_csv",
        "checkins_csv",
        "strava_csv",
    )
