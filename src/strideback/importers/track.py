"""Totals of a recorded track: distance, elapsed and moving time, climb, heart rate."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000.0
MOVING_SPEED_M_S = 0.3  # slower than this between two points counts as standing still
LONG_PAUSE_S = 60.0  # a gap longer than this between points with no position counts as a pause
CLIMB_STEP_M = 2.0  # elevation changes smaller than this are treated as sensor noise


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class TrackTotals:
    """Accumulates points one by one (so a huge track never sits in memory)."""

    points: int = 0
    first_time: dt.datetime | None = None
    last_time: dt.datetime | None = None
    distance_m: float = 0.0
    moving_s: float = 0.0
    climb_m: float = 0.0
    heart_rate_sum: float = 0.0
    heart_rate_count: int = 0
    heart_rate_max: float | None = None
    cadence_sum: float = 0.0
    cadence_count: int = 0
    _prev_position: tuple[float, float] | None = None
    _prev_time: dt.datetime | None = None
    _prev_elevation: float | None = None

    def new_segment(self) -> None:
        self._prev_position = None
        self._prev_time = None
        self._prev_elevation = None

    def add(
        self,
        lat: float | None,
        lon: float | None,
        time: dt.datetime | None,
        elevation: float | None = None,
        heart_rate: float | None = None,
        cadence: float | None = None,
    ) -> None:
        self.points += 1
        position = (lat, lon) if lat is not None and lon is not None else None
        step = 0.0
        if position and self._prev_position:
            step = haversine_m(*self._prev_position, *position)
            self.distance_m += step
        if time is not None:
            if self.first_time is None or time < self.first_time:
                self.first_time = time
            if self.last_time is None or time > self.last_time:
                self.last_time = time
            if self._prev_time is not None:
                gap = (time - self._prev_time).total_seconds()
                if gap > 0 and (
                    (position and self._prev_position and step / gap >= MOVING_SPEED_M_S)
                    or (not position and gap <= LONG_PAUSE_S)
                ):
                    self.moving_s += gap
            self._prev_time = time
        if elevation is not None:
            reference = self._prev_elevation
            if reference is None or reference - elevation > CLIMB_STEP_M:
                self._prev_elevation = elevation
            elif elevation - reference > CLIMB_STEP_M:
                self.climb_m += elevation - reference
                self._prev_elevation = elevation
        if position:
            self._prev_position = position
        if heart_rate:
            self.heart_rate_sum += heart_rate
            self.heart_rate_count += 1
            if self.heart_rate_max is None or heart_rate > self.heart_rate_max:
                self.heart_rate_max = heart_rate
        if cadence:
            self.cadence_sum += cadence
            self.cadence_count += 1

    def merge(self, other: TrackTotals) -> None:
        """Add another piece of the same outing (a later track)."""
        self.points += other.points
        for moment in (other.first_time, other.last_time):
            if moment is not None:
                self.first_time = moment if self.first_time is None else min(self.first_time, moment)
                self.last_time = moment if self.last_time is None else max(self.last_time, moment)
        self.distance_m += other.distance_m
        self.moving_s += other.moving_s
        self.climb_m += other.climb_m
        self.heart_rate_sum += other.heart_rate_sum
        self.heart_rate_count += other.heart_rate_count
        if other.heart_rate_max is not None:
            self.heart_rate_max = max(self.heart_rate_max or 0, other.heart_rate_max)
        self.cadence_sum += other.cadence_sum
        self.cadence_count += other.cadence_count

    @property
    def elapsed_s(self) -> float | None:
        if self.first_time is None or self.last_time is None:
            return None
        return (self.last_time - self.first_time).total_seconds()

    @property
    def avg_hr(self) -> float | None:
        return self.heart_rate_sum / self.heart_rate_count if self.heart_rate_count else None

    @property
    def max_hr(self) -> float | None:
        return self.heart_rate_max

    @property
    def avg_cadence(self) -> float | None:
        return self.cadence_sum / self.cadence_count if self.cadence_count else None
