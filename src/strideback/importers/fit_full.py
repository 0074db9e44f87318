"""The reference FIT decode with fitdecode, giving the same summary as the fast pass."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import fitdecode
from fitdecode.types import FieldDefinition

from strideback.importers.fit_scan import NEEDED, RECORD, FitPart, FitScan, store_message

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)


def _raw_values(message: fitdecode.FitDataMessage) -> dict[str, int]:
    wanted = NEEDED[message.global_mesg_num]
    values: dict[str, int] = {}
    for field_data in message.fields:
        # Only the message's own fields (not developer fields or expanded components).
        if type(field_data.field_def) is not FieldDefinition:
            continue
        name = wanted.get(field_data.field_def.def_num)
        raw = field_data.raw_value
        if name is not None and isinstance(raw, int) and name not in values:
            values[name] = raw
    return values


def _raw_time(value: object) -> int | None:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return int((aware - FIT_EPOCH).total_seconds())
    return value if isinstance(value, int) else None


def full_decode(data: bytes) -> FitScan:
    """Decode with fitdecode (raises fitdecode.FitError on a damaged file)."""
    parts: list[FitPart] = []
    messages = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CRC mismatches and odd field sizes: fitdecode reads on
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.WARN) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitHeader):
                    parts.append(FitPart())
                elif isinstance(frame, fitdecode.FitDataMessage):
                    messages += 1
                    global_num = frame.global_mesg_num
                    if global_num not in NEEDED or not parts:
                        continue
                    values = _raw_values(frame)
                    if "timestamp" not in values:
                        stamp = _raw_time(frame.get_value("timestamp", fallback=None))
                        if stamp is not None:
                            values["timestamp"] = stamp
                    if global_num == RECORD and "distance" not in values:
                        distance = frame.get_value("distance", fallback=None)  # from a component
                        if isinstance(distance, int | float):
                            values["distance"] = round(distance * 100)
                    store_message(parts[-1], global_num, values)
    return FitScan(parts, messages)
