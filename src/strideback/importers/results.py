"""What reading one file (or one entry of an archive) gave."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from strideback.domain.treatments import Treatment
from strideback.domain.types import Activity, CheckIn


@dataclass(frozen=True)
class FileContent:
    """What a reader found in one file: activities and/or check-ins.

    `pain_after` holds leg pain after activity by day, from check-in CSVs that carry it.
    `records` counts the low-level records decoded or skipped (FIT messages, XML elements),
    for throughput figures. `problems` lists entries of a many-activity file (a Garmin summary,
    a Strava CSV row) that could not be read, as `(where, reason)`; the rest still imports.
    """

    activities: tuple[Activity, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    pain_after: dict[dt.date, int] = field(default_factory=dict)
    records: int = 0
    treatments: tuple[Treatment, ...] = ()  # from a treatments CSV (`date,treatment[,dose,note]`)
    problems: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SourceResult:
    """The outcome for one file: its content, or why it was skipped, or why it failed.

    `path` names the file as the person knows it; entries of archives read
    `archive.zip/inner/name.fit`.
    """

    path: str
    kind: str
    size_bytes: int = 0
    content: FileContent = field(default_factory=FileContent)
    skipped: str | None = None
    error: str | None = None

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.content.activities

    @property
    def checkins(self) -> tuple[CheckIn, ...]:
        return self.content.checkins
