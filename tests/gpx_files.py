"""GPX files written for tests: a track from a given app ("creator"), sport, start and length."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def write_gpx(
    path: Path,
    start: dt.datetime,
    minutes: float,
    kind: str = "running",
    creator: str = "Watch",
    step_m: float = 14.0,
) -> Path:
    """A track with a point every 5 s moving `step_m` metres north each time (about 10 km/h at 14 m)."""
    points = []
    for i in range(0, int(minutes * 60) + 1, 5):
        t = (start + dt.timedelta(seconds=i)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lat = 46.0 + (i / 5) * step_m / 111_000
        points.append(f'<trkpt lat="{lat:.6f}" lon="14.5"><time>{t}</time></trkpt>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx version="1.1" creator="{creator}" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>{kind}</type><trkseg>" + "".join(points) + "</trkseg></trk></gpx>"
    )
    return path
