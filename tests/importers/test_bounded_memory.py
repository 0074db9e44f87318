"""Lying archives, gzip bombs and huge loose files: refused with memory bounded (peak RSS in a subprocess).

Each trial runs in its own Python process, which reads the file with strideback's readers and prints its
peak resident memory (VmHWM, else `resource.getrusage`), so one trial's memory cannot hide another's.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

PEAK_LIMIT_MB = 200
CHUNK = b"\0" * (8 * 1024**2)

_PROBE = """
import json, resource, sys
from strideback.importers.sources import read_sources
results = [(r.path, r.error, r.skipped, len(r.activities)) for r in read_sources(sys.argv[1:], workers=1)]
# VmHWM is this process's own high-water mark; ru_maxrss would carry over the forking parent's
with open("/proc/self/status") as status:
    hwm = [line for line in status if line.startswith("VmHWM:")]
peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak, "results": results}))
"""


def _probe(*paths: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _zeros_zip(path: Path, name: str, megabytes: int) -> None:
    """A real zip of one entry of `megabytes` of zeros, written in a stream (never whole in memory)."""
    info = zipfile.ZipInfo(name, (2024, 5, 1, 7, 0, 0))
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(info, "w", force_zip64=True) as entry,
    ):
        for _ in range(megabytes // 8):
            entry.write(CHUNK)


def _lie_about_compressed_size(path: Path, claimed: int) -> None:
    """Patch the local and central headers so the entry claims `claimed` compressed bytes (ratio ~1:1)."""
    import mmap

    handle = path.open("r+b")
    data = mmap.mmap(handle.fileno(), 0)
    central = data.rfind(b"PK\x01\x02")
    local = data.find(b"PK\x03\x04")
    # compressed size at offset 18 (local) and 20 (central); zip64 entries keep 0xFFFFFFFF there and the
    # real value in the zip64 extra field, so patch that too when present.
    for header, size_at in ((local, 18), (central, 20)):
        if struct.unpack_from("<I", data, header + size_at)[0] != 0xFFFFFFFF:
            struct.pack_into("<I", data, header + size_at, min(claimed, 0xFFFFFFFE))
    for header, name_len_at in ((local, 26), (central, 28)):
        name_len, extra_len = struct.unpack_from("<HH", data, header + name_len_at)
        extra = header + name_len_at + 4 + (16 if header == central else 0) + name_len
        end = extra + extra_len
        while extra + 4 <= end:
            tag, size = struct.unpack_from("<HH", data, extra)
            if tag == 0x0001:
                values = list(struct.unpack_from(f"<{size // 8}Q", data, extra + 4))
                fields = []
                if header == local or struct.unpack_from("<I", data, header + 24)[0] == 0xFFFFFFFF:
                    fields.append("file")
                if header == local or struct.unpack_from("<I", data, header + 20)[0] == 0xFFFFFFFF:
                    fields.append("compress")
                if "compress" in fields:
                    values[fields.index("compress")] = claimed
                struct.pack_into(f"<{len(values)}Q", data, extra + 4, *values)
            extra += 4 + size
    data.flush()
    data.close()
    handle.close()


def test_a_zip_lying_about_its_compressed_size_is_refused_in_bounded_memory(tmp_path):
    archive = tmp_path / "liar.zip"
    _zeros_zip(archive, "track.gpx", 600)
    _lie_about_compressed_size(archive, 500 * 1024**2)  # "hardly compressed": passes any header ratio check
    with zipfile.ZipFile(archive) as check:  # the lie is in place: the headers claim a 600:500 ratio
        info = check.infolist()[0]
        assert info.compress_size == 500 * 1024**2 and info.file_size == 600 * 1024**2
    probe = _probe(archive)
    ((_path, error, _skipped, activities),) = probe["results"]
    assert error and activities == 0, probe
    assert probe["peak_mb"] < PEAK_LIMIT_MB, probe


def test_a_gzip_bomb_is_refused_before_it_inflates(tmp_path):
    bomb = tmp_path / "track.gpx.gz"
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    with bomb.open("wb") as handle:
        handle.write(compressor.compress(b'<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>'))
        for _ in range(400 // 8):
            handle.write(compressor.compress(b" " * len(CHUNK)))
        handle.write(compressor.flush())
    assert bomb.stat().st_size < 2 * 1024**2
    probe = _probe(bomb)
    ((_path, error, _skipped, _n),) = probe["results"]
    assert error and "bomb" in error, probe
    assert probe["peak_mb"] < PEAK_LIMIT_MB, probe


def test_a_huge_loose_file_is_sniffed_from_its_first_bytes_not_read_whole(tmp_path):
    huge = tmp_path / "huge.gpx"
    with huge.open("wb") as handle:
        handle.write(b'<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>')
        handle.truncate(700 * 1024**2)  # sparse: costs no disk
    unknown = tmp_path / "folder"
    unknown.mkdir()
    with (unknown / "video.bin").open("wb") as handle:
        handle.truncate(700 * 1024**2)
    probe = _probe(huge, unknown)
    results = {os.path.basename(p): (e, s) for p, e, s, _n in probe["results"]}
    assert results["huge.gpx"][0] and "too large" in results["huge.gpx"][0], probe
    assert results["video.bin"][1], probe  # skipped, not read
    assert probe["peak_mb"] < PEAK_LIMIT_MB, probe


def test_a_nested_zip_bomb_is_refused_in_bounded_memory(tmp_path):
    inner = tmp_path / "inner.zip"
    _zeros_zip(inner, "a.fit", 300)
    _lie_about_compressed_size(inner, 200 * 1024**2)
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as archive:
        archive.write(inner, "inner.zip")
        archive.write(inner, "again.zip")
    probe = _probe(outer)
    assert probe["results"] and all(error for _p, error, _s, _n in probe["results"]), probe
    assert probe["peak_mb"] < PEAK_LIMIT_MB, probe
