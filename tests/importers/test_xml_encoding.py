"""An XML file that declares a text encoding Python does not know ("U-F-8", a mangled "UTF-8", found by
the mutation fuzzer in tests/importers/test_properties.py) is an unreadable file with a clear reason, never
a LookupError that escapes the reader; the same for bytes the declared encoding cannot decode."""

from __future__ import annotations

import io

import pytest

from strideback.importers.apple_health import read_apple_health
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.gpx import read_gpx
from strideback.importers.tcx import read_tcx

READERS = {
    "gpx": (read_gpx, b"<gpx/>"),
    "tcx": (read_tcx, b"<TrainingCenterDatabase/>"),
    "apple": (lambda data, path: read_apple_health(io.BytesIO(data), path), b"<HealthData/>"),
}


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize(
    "encoding",
    [
        "U-F-8",
        "x-mac-nonsense",
        "utf-32",
        "\x00TF-8",  # a NUL in the name: the codec lookup raised ValueError (the fuzzer, session 5)
        "\xffTF-8",
        "base64",  # codecs Python knows that are not text encodings: LookupError from bytes.decode
        "rot13",
        "hex",
        "zlib",
    ],
)
def test_an_encoding_python_cannot_read_is_an_unreadable_file(kind, encoding):
    reader, root = READERS[kind]
    data = b'<?xml version="1.0" encoding="' + encoding.encode("latin-1") + b'"?>' + root
    with pytest.raises(UnreadableFile) as refused:
        reader(data, "export.xml")
    assert "encoding" in str(refused.value) and "export.xml" in str(refused.value)


@pytest.mark.parametrize("encoding", ["UTF-8", "utf8", "ISO-8859-1", "US-ASCII", "windows-1252"])
def test_an_encoding_it_can_read_still_reads(encoding):
    data = b'<?xml version="1.0" encoding="' + encoding.encode() + b'"?><TrainingCenterDatabase/>'
    with pytest.raises(SkippedFile, match="no timed activity"):  # read, and judged by its (empty) content
        read_tcx(data, "x.tcx")
