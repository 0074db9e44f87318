"""Totals of a recorded track: distance, elapsed and moving time, climb, heart rate."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_M = 6_371_000.0
MOVING_SPEED_M_S = 0.3  # slower than this between two points counts as standing still
LONG_PAUSE_S = 60.0  # a gap longer than this between points with no position counts as a pause
CLIMB_STEP_M = 2.0  # elevation changes smaller than this are treated as sensor noise
UNIX_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


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


def totals_of_timed_positions(
    lat: np.ndarray,
    lon: np.ndarray,
    micros: np.ndarray,
    elevation: np.ndarray,
    heart_rate: np.ndarray,
    cadence: np.ndarray,
    segment: np.ndarray,
) -> TrackTotals:
    """What `TrackTotals.add` gives point by point, over whole arrays at once, for points that all
    have a position and a UTC time (`micros`: microseconds since 1970). Missing elevation, heart
    rate and cadence are NaN; `segment` numbers the segment of each point (a new one restarts the
    step from the previous point, as `new_segment` does). Sums run in point order, like `add`."""
    totals = TrackTotals(points=len(lat))
    if not len(lat):
        return totals
    totals.first_time = UNIX_EPOCH + dt.timedelta(microseconds=int(micros.min()))
    totals.last_time = UNIX_EPOCH + dt.timedelta(microseconds=int(micros.max()))
    same_segment = segment[1:] == segment[:-1]
    radians = np.radians(lat)
    p1, p2 = radians[:-1], radians[1:]
    dlat, dlon = p2 - p1, np.radians(lon[1:] - lon[:-1])
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    step = np.where(same_segment, 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a))), 0.0)
    gap = np.diff(micros) / 1e6  # as timedelta.total_seconds(): exact microseconds, one rounding
    speed = np.divide(step, gap, out=np.zeros_like(step), where=gap > 0)
    moving = same_segment & (gap > 0) & (speed >= MOVING_SPEED_M_S)
    totals.distance_m = _in_order_sum(step)
    totals.moving_s = _in_order_sum(np.where(moving, gap, 0.0))
    totals.climb_m = _climb(elevation, segment)
    for values, name in ((heart_rate, "heart_rate"), (cadence, "cadence")):
        counted = values[~np.isnan(values) & (values != 0)]  # `add` skips None and 0
        setattr(totals, f"{name}_sum", _in_order_sum(counted))
        setattr(totals, f"{name}_count", len(counted))
        if name == "heart_rate" and len(counted):
            totals.heart_rate_max = float(counted.max())
    return totals


def _in_order_sum(values: np.ndarray) -> float:
    """Left-to-right sum, rounding like `total += value` in a loop (np.sum pairs values up)."""
    return float(np.cumsum(values)[-1]) if len(values) else 0.0


def _climb(elevation: np.ndarray, segment: np.ndarray) -> float:
    """Climb with the same noise step as `add`: one pass, since each point depends on the last."""
    climb = 0.0
    known = ~np.isnan(elevation)
    boundaries = np.flatnonzero(np.diff(segment)) + 1
    for values, present in zip(
        np.split(elevation, boundaries), np.split(known, boundaries), strict=True
    ):  # each segment starts afresh, as after `new_segment`
        heights = values[present].tolist()
        if not heights:
            continue
        reference = heights[0]
        for value in heights:
            if reference - value > CLIMB_STEP_M:
                reference = value
            elif value - reference > CLIMB_STEP_M:
                climb += value - reference
                reference = value
    return climb
