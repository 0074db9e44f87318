"""The API's sessions and imports: /api/activities, /api/activities/{id}/pain and /api/import (a router of
the person API in `api`; the operation ids are the ones these routes had there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from strideback.domain.bounds import NOTE_MAX_CHARS, query_day
from strideback.web.api_auth import PersonRequest
from strideback.web.api_types import PERSON_READ, WRITE, IsoDate, answers

router = Router()
_ID = "strideback_web_api_"  # operation ids as when these routes lived in web/api.py


class ActivityOut(Schema):
    id: int | None
    sport: str
    start: str
    duration_s: float
    distance_m: float | None
    source: str
    rpe: float | None
    pain_before: int | None = None
    pain_during: int | None
    pain_after: int | None
    elevation_gain_m: float | None
    avg_hr: float | None
    note: str = ""


class ActivitiesOut(Schema):
    activities: list[ActivityOut]


class ActivityIn(Schema):
    sport: str = Field(description="run, walk, cycle, swim, strength, mobility or other")
    date: IsoDate
    minutes: float = Field(gt=0, le=2880)
    km: float | None = Field(default=None, ge=0, le=1000)
    rpe: float | None = Field(default=None, ge=0, le=10)
    pain_before: int | None = Field(default=None, ge=0, le=10, description="Leg pain just before (0–10)")
    pain_during: int | None = Field(default=None, ge=0, le=10)
    pain_after: int | None = Field(default=None, ge=0, le=10)
    note: str = Field(default="", max_length=NOTE_MAX_CHARS)


@router.get(
    "/activities",
    response=answers({200: ActivitiesOut}, *PERSON_READ),
    summary="Sessions",
    operation_id=_ID + "activities",
)
def activities(request: PersonRequest, since: IsoDate | None = None):
    from strideback.services.activities import activity_json, list_activities

    since = query_day("since", since, dt.date.today())
    return {"activities": [activity_json(a) for a in list_activities(request.auth, since=since)]}


@router.post(
    "/activities",
    response=answers({201: ActivityOut}, *WRITE),
    summary="Log a session by hand",
    operation_id=_ID + "create_activity",
)
def create_activity(request: PersonRequest, body: ActivityIn):
    from strideback.domain.types import check_not_future
    from strideback.services.activities import activity_json, log_activity

    check_not_future("date", body.date, dt.date.today())
    activity = log_activity(
        request.auth,
        body.sport,
        body.date,
        body.minutes,
        km=body.km,
        rpe=body.rpe,
        pain_during=body.pain_during,
        pain_after=body.pain_after,
        note=body.note,
        pain_before=body.pain_before,
    )
    return Status(201, activity_json(activity))


class SessionPainIn(Schema):
    pain_during: int | None = Field(default=None, ge=0, le=10, description="Leg pain during (0–10)")
    pain_after: int | None = Field(default=None, ge=0, le=10, description="Leg pain after (0–10)")


@router.post(
    "/activities/{activity_id}/pain",
    response=answers({200: ActivityOut}, *WRITE),
    summary="Pain during and after a session (a score left out keeps the stored one)",
    operation_id=_ID + "session_pain",
)
def session_pain(request: PersonRequest, activity_id: int, body: SessionPainIn):
    from strideback.services.activities import activity_json, record_session_pain

    activity = record_session_pain(request.auth, activity_id, during=body.pain_during, after=body.pain_after)
    if activity is None:
        return Status(404, {"detail": "no such session in your diary", "errors": []})
    return Status(200, activity_json(activity))


class ImportFailure(Schema):
    path: str
    error: str


class ImportOut(Schema):
    imported: int
    duplicates: int
    failed: list[ImportFailure]
    activities: list[dict[str, Any]]
    merged: int = 0
    checkins: int = 0
    skipped: list[dict[str, str]] = []
    stopped: str | None = None  # why the import stopped early (a full disk), in the person's words


@router.post(
    "/import",
    response=answers({200: ImportOut}, *WRITE),
    summary="Import files or whole exports",
    operation_id=_ID + "import_files",
)
def import_files(request: PersonRequest, files: list[UploadedFile] = File(...)):
    from strideback.services.uploads import import_uploads

    report = import_uploads(request.auth, ((upload.name or "", upload.chunks()) for upload in files))
    return Status(200, report.to_json())
