"""Small builders shared by the importer tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def gpx_track(points: list[tuple[float, float, str]], sport: str | None = "running") -> bytes:
    kind = f"<type>{sport}</type>" if sport else ""
    body = "".join(f'<trkpt lat="{lat}" lon="{lon}"><time>{t}</time></trkpt>' for lat, lon, t in points)
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk>{kind}<trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


def run_points(
    start_minute: int = 0, minutes: int = 30, step_deg: float = 0.0016
) -> list[tuple[float, float, str]]:
    """A straight-line run northwards at about 3 m/s, one point a minute."""
    return [
        (46.0 + i * step_deg, 14.0, f"2024-05-01T07:{(start_minute + i) % 60:02d}:00Z")
        for i in range(minutes)
    ]
