"""Every kind of file strideback reads, one row each: how to recognise it, read it, and rank its sessions.

Detection (`detect.sniff`), reading (`dispatch`), the names a folder walk takes as a claim to be
readable (`claimed_suffixes`) and which source's record wins a tie between two records of one session
(`source_rank`, used by `domain.dedup` through the import service) all come from `READERS`. A new
importer is a module that turns bytes into domain types, plus one row here.

Rows are tried in order; the first whose `sniff` says yes names the kind. Containers (zip, gzip) are
not readers: `detect` opens them first and the entries inside go through the rows again.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from strideback.importers.apple_health import is_apple_health, read_apple_health
from strideback.importers.fit import is_fit, read_fit
from strideback.importers.garmin_export import is_garmin_summaries, read_garmin_summaries
from strideback.importers.gpx import is_gpx, read_gpx
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.spreadsheet_csv import (
    is_activities_csv,
    is_checkins_csv,
    is_treatments_csv,
    read_activities_csv,
    read_checkins_csv,
    read_treatments_csv,
)
from strideback.importers.strava_export import content_of_rows, is_strava_csv, parse_activities_csv
from strideback.importers.tcx import is_tcx, read_tcx
from strideback.importers.xml_stream import ByteSource

# (bytes, the name shown for the file, the source of the export it came in, or None) -> what it holds
ReadBytes = Callable[[bytes, str, "str | None"], FileContent]
ReadStream = Callable[[ByteSource, str], FileContent]


@dataclass(frozen=True)
class Reader:
    """One kind of file.

    `sniff` recognises the kind from the file's head; `read` turns its bytes into domain types (raising
    `UnreadableFile` or `SkippedFile`); `source_rank` orders sources from the most detailed (0) for
    ties between two records of one session; `suffixes` are names that claim the kind (an unreadable
    `.fit` is an error, an unknown `.jpg` met in a folder is skipped). `source` is the `Activity.source`
    its sessions carry (the kind when empty); `title` names it in "strideback reads …"; `stream`, when
    given, reads a large file without holding it; `unrecognised` is the error for a file with one of
    its suffixes whose content no row recognises.
    """

    sniff: Callable[[Head], bool]
    read: ReadBytes
    source_rank: int
    suffixes: tuple[str, ...]
    source: str = ""
    title: str = ""
    stream: ReadStream | None = None
    unrecognised: str = ""


def _any_source(read: Callable[[bytes, str], FileContent]) -> ReadBytes:
    """A reader whose sessions always carry its own source, wherever the file came from."""
    return lambda data, label, _source: read(data, label)


def _sourced(read: Callable[[bytes, str, str], FileContent], default: str) -> ReadBytes:
    """A reader whose sessions carry the source of the export the file came in (Strava), else `default`."""
    return lambda data, label, source: read(data, label, source or default)


def _strava_csv(data: bytes, label: str, _source: str | None) -> FileContent:
    return content_of_rows(parse_activities_csv(data, label)[0], label)


def _apple_health(data: bytes, label: str, _source: str | None) -> FileContent:
    return read_apple_health(io.BytesIO(data), label)


_CSV_HEADERS = (
    "a CSV whose header strideback does not recognise; activities need the columns date,sport,minutes "
    "and check-ins date,back_pain,leg_pain"
)

# Tried in this order. Columns: sniff, read, source_rank (0 = the most detailed), suffixes, then options.
READERS: dict[str, Reader] = {
    "fit": Reader(is_fit, _sourced(read_fit, "fit"), 0, (".fit",), title="FIT files"),
    "gpx": Reader(is_gpx, _sourced(read_gpx, "gpx"), 3, (".gpx",), title="GPX tracks"),
    "tcx": Reader(is_tcx, _sourced(read_tcx, "tcx"), 2, (".tcx",), title="TCX files"),
    "apple_health": Reader(is_apple_health, _apple_health, 5, (".xml",), title="Apple Health exports",
                           stream=read_apple_health),
    "strava_csv": Reader(is_strava_csv, _strava_csv, 4, (".csv",), source="strava", title="Strava exports"),
    "activities_csv": Reader(is_activities_csv, _any_source(read_activities_csv), 6, (".csv",), source="csv",
                             title="CSV files of activities", unrecognised=_CSV_HEADERS),
    "checkins_csv": Reader(is_checkins_csv, _any_source(read_checkins_csv), 6, (".csv",), source="csv",
                           title="CSV files of check-ins"),
    "treatments_csv": Reader(is_treatments_csv, _any_source(read_treatments_csv), 6, (".csv",), source="csv",
                             title="CSV files of treatments"),
    "garmin_json": Reader(is_garmin_summaries, _any_source(read_garmin_summaries), 1, (".json",),
                          source="garmin", title="Garmin account exports"),
}  # fmt: skip


def source_of(kind: str) -> str:
    """The `Activity.source` that a kind's sessions carry."""
    return READERS[kind].source or kind


def source_rank(source: str) -> int:
    """Where a source stands from the most detailed (0); sources no reader writes ("manual", typed by
    the person) come after every reader's."""
    ranks = [reader.source_rank for kind, reader in READERS.items() if source_of(kind) == source]
    return min(ranks) if ranks else 1 + max((r.source_rank for r in READERS.values()), default=0)


def claimed_suffixes() -> frozenset[str]:
    """File name endings that claim a kind strideback reads."""
    return frozenset(suffix for reader in READERS.values() for suffix in reader.suffixes)


def unrecognised(suffix: str) -> str | None:
    """The error for a file named `*<suffix>` whose content no reader recognises, if a reader names one."""
    return next((r.unrecognised for r in READERS.values() if r.unrecognised and suffix in r.suffixes), None)


def titles() -> list[str]:
    return [reader.title for reader in READERS.values() if reader.title]
