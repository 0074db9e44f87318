"""FIT files → activities (one per session; multisport files give several).

The fast pass (`fit_scan`) decodes only summary messages; any file it rejects is decoded
by fitdecode, the reference. Settings, workout, weight and monitoring files are skipped
with a reason; damaged files raise `UnreadableFile`.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import fitdecode
from fitdecode.profile import FIELD_TYPES

from strideback.domain.types import Activity, InvalidValue, Lap, Sport
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.fit_full import full_decode
from strideback.importers.fit_scan import FastPathRejected, FitPart, FitScan, FitTruncated, scan
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_fit

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
RELATIVE_TIME_LIMIT = 0x10000000  # FIT: date_time values below this count seconds since power-on
_FILE_TYPES = FIELD_TYPES["file"].enum
_SPORTS = FIELD_TYPES["sport"].enum
_SUB_SPORTS = FIELD_TYPES["sub_sport"].enum
_MANUFACTURERS = FIELD_TYPES["manufacturer"].enum
_GARMIN_PRODUCTS = FIELD_TYPES["garmin_product"].enum
_GARMIN_FAMILY = {"garmin", "dynastream", "dynastream_oem", "tacx"}

_NOT_ACTIVITY = {
    "settings": "a FIT settings file (device settings), not an activity",
    "workout": "a FIT workout plan, not a recorded activity",
    "weight": "a FIT weight-scale file, not an activity",
    "course": "a FIT course (a planned route), not a recorded activity",
    "schedules": "a FIT schedule file, not an activity",
    "totals": "a FIT totals file, not an activity",
    "goals": "a FIT goals file, not an activity",
    "sport": "a FIT sport settings file, not an activity",
    "device": "a FIT device description file, not an activity",
    "blood_pressure": "a FIT blood-pressure file, not an activity",
}


def decode(data: bytes, path: str) -> FitScan:
    """The summary of a FIT file: fast pass first, fitdecode for anything it rejects."""
    if not data:
        raise UnreadableFile(path, "the file is empty (0 bytes); copy it again from the device")
    try:
        result = scan(data)
    except FitTruncated as truncated:
        raise UnreadableFile(
            path,
            f"the FIT file ends early, it was cut off ({truncated}); copy it again from the device "
            "or export it again",
        ) from None
    except FastPathRejected:
        return _full(data, path)
    except Exception:  # never trust the fast pass over the reference decoder
        return _full(data, path)
    if result.compressed_timestamps and any(_needs_records(p) for p in result.parts):
        return _full(data, path)
    return result


def _needs_records(part: FitPart) -> bool:
    return not part.sessions and part.records.count > 0


def _full(data: bytes, path: str) -> FitScan:
    try:
        return full_decode(data)
    except fitdecode.FitHeaderError as error:
        raise UnreadableFile(
            path,
            f"not a readable FIT file: the FIT header is missing or damaged ({error}); "
            "export the activity again from the device or app",
        ) from None
    except fitdecode.FitEOFError as error:
        raise UnreadableFile(
            path,
            f"the FIT file ends early, it was cut off ({error}); copy it again from the "
            "device or export it again",
        ) from None
    except fitdecode.FitError as error:
        raise UnreadableFile(
            path, f"the FIT file is damaged ({error}); export the activity again from the device or app"
        ) from None
    except Exception as error:  # fitdecode may fail in other ways on random bytes
        raise UnreadableFile(
            path, f"the FIT file is damaged ({type(error).__name__}); export the activity again"
        ) from None


def is_fit(head: Head) -> bool:
    """A FIT file header: 12 or 14 bytes long, with ".FIT" at bytes 8 to 11 (FIT SDK, file header)."""
    data = head.data
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


def read_fit(data: bytes, path: str, source: str = "fit") -> FileContent:
    """Activities of one FIT file. Raises UnreadableFile or SkippedFile."""
    fit = decode(data, path)
    activities: list[Activity] = []
    seen: set[str] = set()
    file_types: list[str] = []
    for part in fit.parts:
        file_type = _FILE_TYPES.get(part.file_id.get("type", -1), "unknown")
        file_types.append(file_type)
        for activity in _activities_of(part, data, path, source):
            if activity.fingerprint not in seen:  # chained copies of the same activity
                seen.add(activity.fingerprint)
                activities.append(activity)
    if not activities:
        raise SkippedFile(path, _skip_reason(file_types))
    return FileContent(activities=tuple(activities), records=fit.messages)


def _skip_reason(file_types: list[str]) -> str:
    for file_type in file_types:
        if file_type in _NOT_ACTIVITY:
            return _NOT_ACTIVITY[file_type]
        if file_type.startswith("monitoring") or file_type == "activity_summary":
            return "a FIT daily-monitoring file (steps, all-day heart rate), not an activity"
    return "a FIT file with no session and no timed records: nothing to import"


def _activities_of(part: FitPart, data: bytes, path: str, source: str) -> list[Activity]:
    timezone, clock_fix = _clock(part)
    sessions = [s for s in part.sessions if _sport_name(s) != "transition"]
    if not part.sessions:
        synthetic = _session_from_records(part)
        sessions = [synthetic] if synthetic else []
    activities = []
    for index, session in enumerate(sessions):
        start_raw = session.get("start_time")
        if start_raw is None:
            continue
        start = _time(start_raw, clock_fix, timezone)
        if start is None:
            raise SkippedFile(path, "the device's clock was not set, so this FIT activity has no date")
        try:
            activities.append(_activity(part, session, index, start, data, source, clock_fix, timezone))
        except InvalidValue as error:
            raise UnreadableFile(path, f"impossible value in the FIT session: {error}") from None
    return activities


def _activity(
    part: FitPart,
    session: dict[str, int],
    index: int,
    start: dt.datetime,
    data: bytes,
    source: str,
    clock_fix: int | None,
    timezone: dt.tzinfo,
) -> Activity:
    elapsed = _scaled(session, "total_elapsed_time", 1000)
    timer = _scaled(session, "total_timer_time", 1000)
    moving = _scaled(session, "total_moving_time", 1000) or timer
    sport = _sport(part, session)
    cadence = session.get("avg_cadence")
    if cadence is not None and sport is Sport.RUN:
        cadence *= 2  # FIT counts running cadence in strides (one foot); steps/min is twice that
    end = start + dt.timedelta(seconds=elapsed or timer or 0)
    laps = tuple(
        lap
        for lap in (_lap(raw, clock_fix, timezone) for raw in part.laps)
        if lap is not None and start - dt.timedelta(seconds=1) <= lap.start < end
    )
    return Activity(
        sport=sport,
        start=start,
        duration_s=elapsed or timer or 0,
        distance_m=_scaled(session, "total_distance", 100),
        moving_s=moving,
        elevation_gain_m=_number(session.get("total_ascent")),
        avg_hr=_sensor(session.get("avg_heart_rate")),
        max_hr=_sensor(session.get("max_heart_rate")),
        avg_cadence=_sensor(cadence),
        source=source,
        fingerprint=_fingerprint(part, session, index, data),
        device=_device(part),
        laps=laps,
    )


def _session_from_records(part: FitPart) -> dict[str, int] | None:
    stats = part.records
    if stats.first_timestamp is None or stats.last_timestamp is None:
        return None
    if stats.last_timestamp - stats.first_timestamp < 1:
        return None
    session = {
        "start_time": stats.first_timestamp,
        "total_elapsed_time": (stats.last_timestamp - stats.first_timestamp) * 1000,
    }
    if stats.max_distance is not None:
        session["total_distance"] = round(stats.max_distance * 100)
    if stats.heart_rate_count:
        session["avg_heart_rate"] = round(stats.heart_rate_sum / stats.heart_rate_count)
        session["max_heart_rate"] = stats.heart_rate_max or 0
    return session


def _clock(part: FitPart) -> tuple[dt.tzinfo, int | None]:
    """The local time zone (from the activity message) and, for watches whose clock was
    never set, the shift that turns their relative times into local times."""
    activity = part.activity or {}
    stamp, local = activity.get("timestamp"), activity.get("local_timestamp")
    if stamp is None or local is None:
        return dt.UTC, None
    if stamp < RELATIVE_TIME_LIMIT <= local:
        return dt.UTC, local - stamp  # local time, zone unknown: kept as if UTC
    offset = round((local - stamp) / 900) * 900
    if stamp >= RELATIVE_TIME_LIMIT and abs(offset) <= 14 * 3600:
        return dt.timezone(dt.timedelta(seconds=offset)), None
    return dt.UTC, None


def _time(raw: int, clock_fix: int | None, timezone: dt.tzinfo) -> dt.datetime | None:
    if raw < RELATIVE_TIME_LIMIT:
        if clock_fix is None:
            return None
        raw += clock_fix
    return (FIT_EPOCH + dt.timedelta(seconds=raw)).astimezone(timezone)


def _lap(raw: dict[str, int], clock_fix: int | None, timezone: dt.tzinfo) -> Lap | None:
    start_raw = raw.get("start_time")
    duration = _scaled(raw, "total_elapsed_time", 1000) or _scaled(raw, "total_timer_time", 1000)
    if start_raw is None or duration is None:
        return None
    start = _time(start_raw, clock_fix, timezone)
    if start is None:
        return None
    return Lap(
        start=start,
        duration_s=duration,
        distance_m=_scaled(raw, "total_distance", 100),
        avg_hr=_sensor(raw.get("avg_heart_rate")),
    )


def _sport_name(session: dict[str, int]) -> object:
    value = session.get("sport")
    return _SPORTS.get(value, value) if value is not None else None


def _sport(part: FitPart, session: dict[str, int]) -> Sport:
    sport, sub_sport = session.get("sport"), session.get("sub_sport")
    if sport is None and part.sports:
        sport, sub_sport = part.sports[0].get("sport"), part.sports[0].get("sub_sport")
    return sport_from_fit(
        _SPORTS.get(sport, sport) if sport is not None else None,
        _SUB_SPORTS.get(sub_sport, sub_sport) if sub_sport is not None else None,
    )


def _device(part: FitPart) -> str | None:
    maker_number = part.file_id.get("manufacturer")
    if maker_number is None:
        return None
    maker = _MANUFACTURERS.get(maker_number, str(maker_number))
    product = part.file_id.get("product")
    if product is None:
        return maker
    if maker in _GARMIN_FAMILY:
        return f"{maker} {_GARMIN_PRODUCTS.get(product, product)}"
    return f"{maker} {product}"


def _fingerprint(part: FitPart, session: dict[str, int], index: int, data: bytes) -> str:
    ids = part.file_id
    if ids.get("serial_number") is not None and ids.get("time_created") is not None:
        identity = "|".join(
            str(ids.get(k)) for k in ("manufacturer", "product", "serial_number", "time_created")
        )
        identity += f"|{session.get('start_time')}|{session.get('sport')}"
    else:  # no device identity in the file: its bytes are its identity
        identity = f"{hashlib.sha256(data).hexdigest()}|{index}"
    return "fit:" + hashlib.sha256(identity.encode()).hexdigest()[:32]


def _scaled(values: dict[str, int], name: str, scale: int) -> float | None:
    raw = values.get(name)
    return None if raw is None else raw / scale


def _number(value: int | float | None) -> float | None:
    return None if value is None else float(value)


def _sensor(value: int | float | None) -> float | None:
    """Heart rate or cadence; devices write 0 when no sensor was connected."""
    return None if not value else float(value)
