"""Tell what a file is from its first bytes (magic numbers, XML root, CSV header)."""

from __future__ import annotations

from xml.parsers import expat

from strideback.importers.spreadsheet_csv import csv_kind

ZIP, GZIP, FIT, GPX, TCX, APPLE_HEALTH = "zip", "gzip", "fit", "gpx", "tcx", "apple_health"
ACTIVITIES_CSV, CHECKINS_CSV, STRAVA_CSV = "activities_csv", "checkins_csv", "strava_csv"
TREATMENTS_CSV = "treatments_csv"
HEAD_BYTES = 64 * 1024  # enough to see past an Apple Health export's DTD

_XML_ROOTS = {"gpx": GPX, "TrainingCenterDatabase": TCX, "HealthData": APPLE_HEALTH}


def sniff(head: bytes) -> str | None:
    """The kind of file whose first bytes are `head`, or None when unknown."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ZIP
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return FIT
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.lstrip().startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return _xml_kind(text)  # UTF-8, or UTF-16 with or without its byte-order mark
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as error:  # the head may cut a character in two
        decoded = text[: error.start].decode("utf-8") if error.start > len(text) - 4 else ""
    return csv_kind(decoded) if decoded else None


class _RootFound(Exception):
    pass


def _xml_kind(text: bytes) -> str | None:
    """The root element's name, read by expat from the head: parsing stops at the first start tag.

    No entity is ever expanded here (the parse ends before any content); a head that ends inside a long
    DTD still names the root through its DOCTYPE.
    """
    names: list[str] = []

    def on_doctype(name: str, *_: object) -> None:
        names.append(name)

    def on_start(name: str, _attrs: object) -> None:
        names.append(name)
        raise _RootFound

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = on_doctype
    parser.StartElementHandler = on_start
    try:
        parser.Parse(text, False)
    except _RootFound:
        pass
    except expat.ExpatError:
        pass  # what was seen before the error still counts
    for name in reversed(names):  # the root element if reached, else the DOCTYPE's name
        kind = _XML_ROOTS.get(name.rpartition(":")[2])
        if kind is not None:
            return kind
    return None
