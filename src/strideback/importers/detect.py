"""Tell what a file is from its first bytes (magic numbers, XML root, CSV header)."""

from __future__ import annotations

import re

from strideback.importers.spreadsheet_csv import csv_kind

ZIP, GZIP, FIT, GPX, TCX, APPLE_HEALTH = "zip", "gzip", "fit", "gpx", "tcx", "apple_health"
ACTIVITIES_CSV, CHECKINS_CSV, STRAVA_CSV = "activities_csv", "checkins_csv", "strava_csv"
HEAD_BYTES = 64 * 1024  # enough to see past an Apple Health export's DTD

_XML_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|\s)*", re.S)
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+([A-Za-z_][\w:.-]*)")
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
_XML_ROOTS = {b"gpx": GPX, b"TrainingCenterDatabase": TCX, b"HealthData": APPLE_HEALTH}


def sniff(head: bytes) -> str | None:
    """The kind of file whose first bytes are `head`, or None when unknown."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ZIP
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return FIT
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.lstrip().startswith(b"<"):
        return _xml_kind(text)
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as error:  # the head may cut a character in two
        decoded = text[: error.start].decode("utf-8") if error.start > len(text) - 4 else ""
    return csv_kind(decoded) if decoded else None


def _xml_kind(text: bytes) -> str | None:
    doctype = _DOCTYPE.search(text[:4096])
    if doctype and doctype.group(1) in _XML_ROOTS:
        return _XML_ROOTS[doctype.group(1)]
    body = text[_XML_PROLOGUE.match(text).end() :]
    if body.startswith(b"<!DOCTYPE"):
        end = body.find(b"]>") if b"[" in body[: body.find(b">")] else body.find(b">")
        body = body[end + 1 :].lstrip() if end >= 0 else b""
        body = body[_XML_PROLOGUE.match(body).end() :]
    root = _ROOT.match(body)
    if root is None:
        return None
    name = root.group(1).split(b":")[-1]
    return _XML_ROOTS.get(name)
