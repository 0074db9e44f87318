"""Imported original files: kept byte for byte once per checksum, or recorded as too large to keep."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.store import models as m
from strideback.store import records


def original(content: bytes, name: str = "run.fit", kind: str = "fit") -> records.OriginalFile:
    return records.OriginalFile(hashlib.sha256(content).hexdigest(), name, len(content), kind)


def test_a_file_is_kept_byte_for_byte(person: int) -> None:
    content = b".FIT\x00\x01 some bytes \xff"
    assert records.add_original(person, original(content), content) is True
    assert records.original_content(person, original(content).sha256) == content
    (listed,) = records.list_originals(person)
    assert (listed.name, listed.size, listed.kind, listed.kept, listed.reason) == (
        "run.fit",
        len(content),
        "fit",
        True,
        "",
    )
    assert listed.imported_at is not None and listed.id is not None
    assert records.has_original(person, listed.sha256)


def test_the_same_file_twice_is_stored_once(person: int) -> None:
    content = b"<gpx/>"
    assert records.add_original(person, original(content, "a.gpx", "gpx"), content) is True
    version = records.data_version(person)
    assert records.add_original(person, original(content, "copy of a.gpx", "gpx"), content) is False
    assert records.data_version(person) == version  # nothing written, nothing bumped
    assert [o.name for o in records.list_originals(person)] == ["a.gpx"]


def test_people_keep_their_own_files(person: int) -> None:
    other = m.Person.objects.create(name="Other").pk
    content = b"shared bytes"
    assert records.add_original(person, original(content), content)
    assert records.add_original(other, original(content), content)
    assert records.original_content(other, original(content).sha256) == content
    assert len(records.list_originals(person)) == len(records.list_originals(other)) == 1
    assert records.original_content(person, "0" * 64) is None


def test_content_that_does_not_match_is_refused(person: int) -> None:
    content = b"the real bytes"
    with pytest.raises(ValueError, match="checksum"):
        records.add_original(person, original(content), content + b"!")
    with pytest.raises(ValueError, match="checksum"):
        records.add_original(person, original(content), b"")
    assert records.list_originals(person) == []


def test_a_file_too_large_to_keep_is_recorded_with_the_reason(person: int) -> None:
    big = records.OriginalFile("a" * 64, "export.xml", 3 * 1024**3, "xml", kept=False, reason="too large")
    assert records.add_original(person, big)
    (listed,) = records.list_originals(person)
    assert (listed.kept, listed.reason, listed.size) == (False, "too large", 3 * 1024**3)
    assert records.original_content(person, big.sha256) is None  # recorded, not kept
    with pytest.raises(ValueError, match="says why"):
        records.add_original(person, records.OriginalFile("b" * 64, "x.xml", 5, "xml", kept=False))
    with pytest.raises(ValueError, match="no content"):
        records.add_original(
            person, records.OriginalFile("c" * 64, "x.xml", 5, "xml", False, "big"), b"12345"
        )
    kept_but_big = records.OriginalFile("d" * 64, "x.zip", records.KEEP_LIMIT_BYTES + 1, "zip")
    with pytest.raises(ValueError):
        records.add_original(person, kept_but_big, b"")


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.binary(min_size=1, max_size=2000), max_size=5))
def test_whatever_is_kept_reads_back_the_same(files: list[bytes]) -> None:
    m.ImportedFile.objects.all().delete()
    person = records.get_or_create_local_person()
    for content in files:
        records.add_original(person, original(content), content)
    distinct = list(dict.fromkeys(files))
    assert [o.sha256 for o in records.list_originals(person)] == [original(c).sha256 for c in distinct]
    for content in distinct:
        assert records.original_content(person, original(content).sha256) == content
