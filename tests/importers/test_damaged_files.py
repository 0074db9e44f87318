"""A damaged file is the file's fault, not strideback's: the result says what is wrong with the file, never
the dispatcher's last resort for a reader's bug ("unexpected problem ... please report it"). Found by the
mutation fuzzer over real files run with 30,000 examples (session 5): a damaged deflate stream or a wrong
checksum in an entry that is streamed (an Apple Health export.xml), and an XML declaration naming an
encoding that does not exist, which the content sniffer met before any reader did."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from strideback.importers.dispatch import read_bytes

from .helpers import gpx_track, run_points

APPLE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">' + b" " * 4000 + b"</HealthData>\n"
)
ENTRIES = {
    "apple_health_export/export.xml": APPLE,  # sniffed and read as a stream
    "activities/run.gpx": None,  # read in memory
}


def _zipped(name: str) -> tuple[bytearray, zipfile.ZipInfo]:
    content = ENTRIES[name] or gpx_track(run_points())
    held = io.BytesIO()
    with zipfile.ZipFile(held, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    (info,) = zipfile.ZipFile(held).infolist()
    return bytearray(held.getvalue()), info


def _bad_deflate(name: str) -> bytes:
    """The first deflate block says it is of the reserved type 3: zlib refuses it at once."""
    data, info = _zipped(name)
    data[info.header_offset + 30 + len(info.filename.encode())] = 0b111
    return bytes(data)


def _wrong_checksum(name: str) -> bytes:
    """Every byte unpacks, but the CRC-32 (local header and central directory) does not match them."""
    data, info = _zipped(name)
    right, wrong = struct.pack("<I", info.CRC), struct.pack("<I", info.CRC ^ 1)
    assert data.count(right) == 2
    return bytes(data.replace(right, wrong))


@pytest.mark.parametrize("name", sorted(ENTRIES))
@pytest.mark.parametrize("damage", [_bad_deflate, _wrong_checksum])
def test_a_damaged_entry_says_the_archive_is_damaged(name, damage):
    (result,) = read_bytes(damage(name), "export.zip")
    assert result.error and "damaged" in result.error, result.error
    assert "unexpected" not in result.error


@pytest.mark.parametrize(
    ("encoding", "says"),
    [
        ("ATF-8", "encoding"),  # a damaged UTF-8: the reader names the encoding
        ("base64", "encoding"),  # a codec that is not a text encoding
        ("\x00TF-8", ""),  # a NUL is not XML at all: any clear refusal will do
    ],
)
@pytest.mark.parametrize(
    ("root", "label"),
    [(b"<TrainingCenterDatabase/>", "run.tcx"), (b"<gpx/>", "run.gpx"), (b"<HealthData/>", "export.xml")],
)
def test_a_file_declaring_an_encoding_that_cannot_be_read_says_what_is_wrong(encoding, says, root, label):
    data = b'<?xml version="1.0" encoding="' + encoding.encode("latin-1") + b'"?>' + root
    (result,) = read_bytes(data, label)
    assert result.error and says in result.error, result.error
    assert "unexpected" not in result.error


def test_an_archive_asking_for_a_zip_version_from_the_future_is_not_readable():
    data, _ = _zipped("activities/run.gpx")
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = struct.pack("<H", 245)  # "version 24.5 needed to extract"
    (result,) = read_bytes(bytes(data), "export.zip")
    assert result.error and "not a readable zip archive" in result.error, result.error


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_an_entry_whose_own_name_is_not_utf8_says_the_archive_is_damaged(name):
    """The directory says the names are UTF-8; the entry's own header holds a byte that is not."""
    data, info = _zipped(name)
    central = data.index(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0] | 0x800
    struct.pack_into("<H", data, central + 8, flags)
    data[info.header_offset + 30] = 0xFF
    (result,) = read_bytes(bytes(data), "export.zip")
    assert result.error and "damaged" in result.error, result.error
    assert "unexpected" not in result.error


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_an_entry_said_to_start_before_the_archive_says_the_archive_is_damaged(name):
    """The end record puts the directory 1,000 bytes later than it is, so every entry seems to start
    before the first byte (zipfile raised ValueError: negative seek value)."""
    data, _ = _zipped(name)
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 1000)
    (result,) = read_bytes(bytes(data), "export.zip")
    assert result.error and ("damaged" in result.error or "not a readable zip" in result.error), result.error
    assert "unexpected" not in result.error
