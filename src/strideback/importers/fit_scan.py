"""A fast FIT pass that decodes only the messages an activity summary needs.

It walks every record header (so it validates the structure as it goes) but decodes only
file_id, sport, session, lap, activity and three fields of each record; everything else is
skipped by its size. Anything unexpected raises `FastPathRejected`, and the caller falls back
to fitdecode, the reference decoder — so the fast path never loses a file.

FIT layout facts (Garmin FIT SDK, "FIT protocol"): 12- or 14-byte header with the data size
at byte 4 and ".FIT" at byte 8; record headers: bit 7 compressed timestamp (local type in
bits 5–6, offset in bits 0–4), else bit 6 definition (bit 5 developer fields), bits 0–3 local type;
a 2-byte CRC after the data; files may be chained one after another.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

# global message number → {field number: name} for the messages we read.
FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34
NEEDED: dict[int, dict[int, str]] = {
    FILE_ID: {0: "type", 1: "manufacturer", 2: "product", 3: "serial_number", 4: "time_created"},
    SPORT: {0: "sport", 1: "sub_sport"},
    SESSION: {
        253: "timestamp",
        2: "start_time",
        5: "sport",
        6: "sub_sport",
        7: "total_elapsed_time",
        8: "total_timer_time",
        9: "total_distance",
        16: "avg_heart_rate",
        17: "max_heart_rate",
        18: "avg_cadence",
        22: "total_ascent",
        59: "total_moving_time",
    },
    LAP: {
        253: "timestamp",
        2: "start_time",
        7: "total_elapsed_time",
        8: "total_timer_time",
        9: "total_distance",
        15: "avg_heart_rate",
    },
    RECORD: {253: "timestamp", 5: "distance", 3: "heart_rate"},
    ACTIVITY: {253: "timestamp", 0: "total_timer_time", 1: "num_sessions", 5: "local_timestamp"},
}

# base type number → (struct code, size, invalid value)
_BASE = {
    0: ("B", 1, 0xFF),
    1: ("b", 1, 0x7F),
    2: ("B", 1, 0xFF),
    3: ("h", 2, 0x7FFF),
    4: ("H", 2, 0xFFFF),
    5: ("i", 4, 0x7FFFFFFF),
    6: ("I", 4, 0xFFFFFFFF),
    10: ("B", 1, 0),
    11: ("H", 2, 0),
    12: ("I", 4, 0),
    13: ("B", 1, 0xFF),
    14: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    15: ("Q", 8, 0xFFFFFFFFFFFFFFFF),
    16: ("Q", 8, 0),
}


class FastPathRejected(Exception):
    """The fast pass met something it does not handle; decode with fitdecode instead."""


class FitTruncated(FastPathRejected):
    """The file is shorter than its own header or messages say: every decoder must fail on it,
    so there is no point running fitdecode through the whole file to find out."""


@dataclass
class RecordStats:
    """What the per-second records say, for files without a session message."""

    count: int = 0
    first_timestamp: int | None = None
    last_timestamp: int | None = None
    max_distance: float | None = None
    heart_rate_sum: int = 0
    heart_rate_count: int = 0
    heart_rate_max: int | None = None

    def add(self, timestamp: int | None, distance: float | None, heart_rate: int | None) -> None:
        self.count += 1
        if timestamp is not None:
            if self.first_timestamp is None:
                self.first_timestamp = timestamp
            self.last_timestamp = timestamp
        if distance is not None and (self.max_distance is None or distance > self.max_distance):
            self.max_distance = distance
        if heart_rate is not None:
            self.heart_rate_sum += heart_rate
            self.heart_rate_count += 1
            if self.heart_rate_max is None or heart_rate > self.heart_rate_max:
                self.heart_rate_max = heart_rate


@dataclass
class FitPart:
    """One FIT file of a (possibly chained) file, with raw (unscaled) field values."""

    file_id: dict[str, int] = field(default_factory=dict)
    sports: list[dict[str, int]] = field(default_factory=list)
    sessions: list[dict[str, int]] = field(default_factory=list)
    laps: list[dict[str, int]] = field(default_factory=list)
    activity: dict[str, int] | None = None
    records: RecordStats = field(default_factory=RecordStats)


@dataclass
class FitScan:
    parts: list[FitPart]
    messages: int
    # Record times from compressed headers are approximate in the fast pass (it does not track
    # every message's timestamp); record-derived summaries then come from fitdecode instead.
    compressed_timestamps: bool = False


def _decoder(global_num: int, endian: str, field_defs: bytes) -> tuple:
    wanted = NEEDED[global_num]
    codes = [endian]
    names: list[str] = []
    invalid: list[int] = []
    for i in range(0, len(field_defs), 3):
        number, size, base = field_defs[i], field_defs[i + 1], field_defs[i + 2]
        spec = _BASE.get(base & 0x1F)
        name = wanted.get(number)
        if name is not None and spec is not None and spec[1] == size:
            codes.append(spec[0])
            names.append(name)
            invalid.append(spec[2])
        else:
            codes.append(f"{size}x")
    return struct.Struct("".join(codes)).unpack_from, tuple(names), tuple(invalid)


def _as_dict(values: tuple, names: tuple, invalid: tuple) -> dict[str, int]:
    return {n: v for n, v, bad in zip(names, values, invalid, strict=True) if v != bad}


def scan(data: bytes) -> FitScan:
    """Decode the summary messages of a FIT file; raise FastPathRejected on anything odd."""
    n = len(data)
    pos = 0
    parts: list[FitPart] = []
    messages = 0
    compressed_timestamps = False
    unpack_u32 = struct.Struct("<I").unpack_from
    while pos < n:
        if n - pos < 12:
            raise FastPathRejected("trailing bytes after the FIT data")
        header_size = data[pos]
        if header_size not in (12, 14) or data[pos + 8 : pos + 12] != b".FIT":
            raise FastPathRejected("no FIT header")
        p = pos + header_size
        end = p + unpack_u32(data, pos + 4)[0]
        if end > n:
            raise FitTruncated(
                f"the header announces {end - pos + 2} bytes from byte {pos}, the file has {n}"
            )
        part = FitPart()
        parts.append(part)
        definitions: dict[int, tuple] = {}
        last_timestamp = 0
        while p < end:
            h = data[p]
            p += 1
            if h & 0x80:
                compressed_timestamps = True
                definition = definitions.get((h >> 5) & 0x03)
                if definition is None:
                    raise FastPathRejected("undefined local message")
                size, global_num, decoder = definition
                if p + size > end:
                    raise FastPathRejected("message runs past the data")
                if decoder is not None:
                    offset = h & 0x1F
                    timestamp = (last_timestamp & ~0x1F) + offset
                    if offset < (last_timestamp & 0x1F):
                        timestamp += 0x20
                    unpack, names, invalid = decoder
                    values = _as_dict(unpack(data, p), names, invalid)
                    values.setdefault("timestamp", timestamp)
                    last_timestamp = store_message(part, global_num, values)
                p += size
                messages += 1
            elif h & 0x40:
                if p + 5 > end:
                    raise FastPathRejected("definition runs past the data")
                architecture = data[p + 1]
                if architecture > 1:
                    raise FastPathRejected("unknown architecture")
                endian = ">" if architecture else "<"
                global_num = struct.unpack_from(endian + "H", data, p + 2)[0]
                count = data[p + 4]
                p += 5
                field_defs = data[p : p + 3 * count]
                p += 3 * count
                size = sum(field_defs[1::3])
                if h & 0x20:
                    if p >= end:
                        raise FastPathRejected("definition runs past the data")
                    dev_count = data[p]
                    dev_defs = data[p + 1 : p + 1 + 3 * dev_count]
                    p += 1 + 3 * dev_count
                    size += sum(dev_defs[1::3])
                if p > end:
                    raise FastPathRejected("definition runs past the data")
                decoder = _decoder(global_num, endian, field_defs) if global_num in NEEDED else None
                definitions[h & 0x0F] = (size, global_num, decoder)
            else:
                definition = definitions.get(h & 0x0F)
                if definition is None:
                    raise FastPathRejected("undefined local message")
                size, global_num, decoder = definition
                if p + size > end:
                    if p + size + 2 > n:  # the message and the checksum cannot both fit
                        raise FitTruncated(f"a message at byte {p - 1} runs past the end of the file")
                    raise FastPathRejected("message runs past the data")
                if decoder is not None:
                    unpack, names, invalid = decoder
                    values = _as_dict(unpack(data, p), names, invalid)
                    last_timestamp = store_message(part, global_num, values) or last_timestamp
                p += size
                messages += 1
        pos = end + 2
        if pos > n:
            raise FastPathRejected("checksum missing")  # fitdecode refuses these too
    if not parts:
        raise FastPathRejected("empty")
    return FitScan(parts, messages, compressed_timestamps)


def store_message(part: FitPart, global_num: int, values: dict[str, int]) -> int:
    """Keep a decoded message; return its timestamp (0 when it has none)."""
    if global_num == RECORD:
        distance = values.get("distance")
        part.records.add(
            values.get("timestamp"), None if distance is None else distance / 100.0, values.get("heart_rate")
        )
    elif global_num == SESSION:
        part.sessions.append(values)
    elif global_num == LAP:
        part.laps.append(values)
    elif global_num == FILE_ID:
        if not part.file_id:
            part.file_id = values
    elif global_num == SPORT:
        part.sports.append(values)
    elif global_num == ACTIVITY:
        part.activity = values
    return values.get("timestamp", 0)
