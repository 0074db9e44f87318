"""Issue 16: one registry row per kind of file. A reader registered in a test, and nowhere else, is
detected, read, claimed in folder walks and ranked in de-duplication."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from strideback.domain.types import Activity, Sport
from strideback.importers import detect, registry
from strideback.importers.dispatch import claimed_suffixes, read_bytes
from strideback.importers.errors import UnreadableFile
from strideback.importers.head import Head
from strideback.importers.registry import READERS, Reader, source_rank
from strideback.importers.results import FileContent
from strideback.importers.sources import read_sources

TOY = b"TOYRUN\n2024-05-01T12:00:00+00:00,30,5.0\n"
SAME_SESSION_CSV = b"date,sport,minutes,km\n2024-05-01,run,30,5\n"  # noon UTC, a day-only date


def _is_toy(head: Head) -> bool:
    return head.data.startswith(b"TOYRUN\n")


def _read_toy(data: bytes, label: str, source: str | None) -> FileContent:
    try:
        start, minutes, km = data.decode().splitlines()[1].split(",")
        activity = Activity(
            Sport.RUN,
            dt.datetime.fromisoformat(start),
            float(minutes) * 60,
            distance_m=float(km) * 1000,
            source=source or "toy",
            fingerprint="toy:" + hashlib.sha256(data).hexdigest()[:32],
        )
    except (ValueError, IndexError):
        raise UnreadableFile(label, "not a toy run") from None
    return FileContent(activities=(activity,), records=1)


def _register_toy(monkeypatch: pytest.MonkeyPatch, rank: int) -> None:
    """The one row a new importer adds (here added for this test only)."""
    monkeypatch.setitem(READERS, "toy", Reader(_is_toy, _read_toy, rank, (".toy",), title="toy runs"))


def test_a_registered_reader_is_detected_and_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert detect.sniff(TOY) is None
    _register_toy(monkeypatch, rank=0)
    assert detect.sniff(TOY, "run.toy") == "toy"
    [result] = read_bytes(TOY, "anything.bin")  # by content, whatever the name
    assert result.kind == "toy" and not result.error
    [activity] = result.activities
    assert (activity.source, activity.duration_s, activity.distance_m) == ("toy", 1800.0, 5000.0)
    assert "toy runs" in read_bytes(b"\x00 nothing known", "x.bin")[0].error  # named in "it reads …"


def test_a_registered_reader_claims_its_suffix_in_a_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken.toy").write_bytes(b"a toy file gone wrong")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a run")
    (tmp_path / "run.toy").write_bytes(TOY)
    assert ".toy" not in claimed_suffixes()
    _register_toy(monkeypatch, rank=0)
    assert ".toy" in claimed_suffixes()
    results = {Path(r.path).name: r for r in read_sources([tmp_path], workers=1)}
    assert results["run.toy"].kind == "toy" and len(results["run.toy"].activities) == 1
    assert results["broken.toy"].error  # claimed by its name: an error, not a skip
    assert results["photo.jpg"].skipped and not results["photo.jpg"].error


@pytest.mark.parametrize(("rank", "shown_source"), [(0, "toy"), (99, "csv")])
def test_a_registered_reader_ranks_in_deduplication(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, person: int, rank: int, shown_source: str
) -> None:
    from strideback.services.importing import import_paths
    from strideback.store import records

    _register_toy(monkeypatch, rank)
    (tmp_path / "log.csv").write_bytes(SAME_SESSION_CSV)
    (tmp_path / "run.toy").write_bytes(TOY)
    first = import_paths(person, [tmp_path / "log.csv"], workers=1)
    second = import_paths(person, [tmp_path / "run.toy"], workers=1)
    assert (first.imported, second.imported, second.merged) == (1, 0, 1)
    [session] = records.list_activities(person)
    # equally rich records: the tie goes to the source its registry row ranks more detailed
    assert session.source == shown_source


def test_source_ranks_keep_the_order_of_detail() -> None:
    order = ["fit", "garmin", "tcx", "gpx", "strava", "apple_health", "csv", "manual"]
    assert sorted(order, key=source_rank) == order
    assert source_rank("manual") > max(r.source_rank for r in registry.READERS.values())
