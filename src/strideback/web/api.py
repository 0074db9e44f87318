"""The JSON API (django-ninja) over the same services as the pages; OpenAPI at /api/openapi.json.

Local mode has no login, but a page on another site could still post to 127.0.0.1 from the person's
browser, so every write needs Django's CSRF token (the `csrftoken` cookie echoed in an `X-CSRFToken`
header): the auth below is cookie-based, which makes django-ninja check CSRF on unsafe methods.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Header, NinjaAPI, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field

from strideback.domain.bounds import query_day
from strideback.domain.types import InvalidValue
from strideback.web.api_auth import BearerPerson, LocalPerson, PersonRequest
from strideback.web.api_types import (
    PERSON_READ,
    WRITE,
    ErrorOut,
    FieldError,
    IdempotencyKey,
    InstrumentName,
    IsoDate,
    answers,
)
from strideback.web.checkin_schema import CheckInIn, CheckInOut

api = NinjaAPI(
    title="strideback",
    version="1",
    description="The dashboard's API. In local mode health data stays on this machine; in server mode "
    "every route answers only for the signed-in person or the bearer of their token. Every error "
    "answers {detail, errors}: 400 a body that is not JSON or an upload over a limit, 401 no valid token "
    "or session, 403 a cookie write without its X-CSRFToken header, 404 nothing this account may see "
    "there, 409 a conflict, 422 a value refused (errors per field), 503 the database busy or down.",
    auth=[BearerPerson(), LocalPerson()],
    urls_namespace="api",
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the OpenAPI JSON is enough
)


__all__ = ["ErrorOut", "FieldError", "api"]  # the error shapes live in api_types, shared by the routers


@api.exception_handler(InvalidValue)
def invalid_value(request: HttpRequest, error: InvalidValue):
    return api.create_response(
        request,
        {"detail": str(error), "errors": [{"field": error.field, "message": str(error)}]},
        status=422,
    )


def _field_of(location: tuple[object, ...]) -> str:
    """The field a schema's refusal points at. django-ninja's location starts with the request part (body,
    query, path, …) and, for a body, the view's argument name; what follows is the field."""
    parts = [str(part) for part in location]
    names = parts[2:] if parts[:1] in (["body"], ["form"], ["file"]) else parts[1:]
    return ".".join(names) or "request"


@api.exception_handler(ValidationError)
def schema_refused(request: HttpRequest, error: ValidationError):
    """A request the schemas refuse, in ErrorOut's shape (django-ninja's own answer puts a list of objects
    in `detail`)."""
    errors = []
    for problem in error.errors:
        field = _field_of(tuple(problem.get("loc", ())))
        errors.append({"field": field, "message": f"{field}: {problem.get('msg', 'not allowed')}"})
    detail = "; ".join(e["message"] for e in errors) or "The request was refused."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


# ---------------------------------------------------------------- today and plan


class TodayOut(Schema):
    date: IsoDate
    light: str = Field(description="green, amber, red or stop")
    reasons: list[str]
    suggestion: dict[str, Any]
    plan_stage: int | None
    reminders: list[str] = []
    trial: dict[str, Any] | None = Field(default=None, description="The personal trial's day, while one runs")


@api.get("/today", response=answers({200: TodayOut}, *PERSON_READ), summary="What to do today")
def today(request: PersonRequest, date: IsoDate | None = None):
    from strideback.web.views.today import today_data

    day = query_day("date", date, dt.date.today()) or dt.date.today()
    if day == dt.date.today():  # today's advice is cached with the page (keyed by the data version)
        return today_data(request.auth, day)["advice"].to_json()
    from strideback.services.daily import today as advice_for

    return advice_for(request.auth, day).to_json()


@api.get("/plan", response=answers({200: dict[str, Any]}, 404), summary="The walk-run plan")
def plan(request: PersonRequest):
    from strideback.services.daily import plan_overview
    from strideback.web.views._common import data_key, remembered

    day = dt.date.today()
    return remembered(data_key(request.auth, day, "plan"), lambda: plan_overview(request.auth, day).to_json())


# ---------------------------------------------------------------- check-ins


# Sent with every answer to a check-in that carried an Idempotency-Key.
_REPLAYED = {
    "Idempotent-Replayed": {
        "description": "true: the stored first answer for this key, nothing written again",
        "schema": {"type": "string", "enum": ["true", "false"]},
    }
}


class CheckInsOut(Schema):
    checkins: list[CheckInOut]


class ScreeningOut(Schema):
    level: str
    reasons: list[str]
    message: str


class CheckInSaved(Schema):
    checkin: CheckInOut
    replaced: bool
    red_flags: ScreeningOut | None


@api.get("/checkins", response=answers({200: CheckInsOut}, *PERSON_READ), summary="Morning check-ins")
def checkins(request: PersonRequest, since: IsoDate | None = None):
    from strideback.services.checkins import checkin_json, list_checkins

    since = query_day("since", since, dt.date.today())
    return {"checkins": [checkin_json(c) for c in list_checkins(request.auth, since=since)]}


@api.post(
    "/checkins",
    response=answers({201: CheckInSaved}, *WRITE, 409),
    summary="Record a check-in",
    openapi_extra={"responses": {code: {"headers": _REPLAYED} for code in (201, 409, 422)}},
)
def create_checkin(
    request: PersonRequest,
    body: CheckInIn,
    idempotency_key: IdempotencyKey | None = Header(
        None,
        alias="Idempotency-Key",
        description="A key the client made for this check-in (e.g. a UUID): sent again, the first "
        "answer is returned and nothing is stored twice (a phone's offline queue uses it)",
    ),
):
    from strideback.web.api_checkin import write_checkin as _create_checkin

    if idempotency_key is None:
        status, payload = _create_checkin(request.auth, body)
        return Status(status, payload)
    from strideback.services.idempotency import once

    answer = once(request.auth, "checkins", idempotency_key, lambda: _create_checkin(request.auth, body))
    response = api.create_response(request, answer.body, status=answer.status)
    response["Idempotent-Replayed"] = "true" if answer.replayed else "false"
    return response


# ---------------------------------------------------------------- analysis


@api.get(
    "/analyze",
    response=answers({200: dict[str, Any]}, 404),
    summary="Is running helping or hurting? (N-of-1 effects)",
)
def analyze(request: PersonRequest):
    from strideback.services.analysis import latest_analysis, refresh_now

    latest = latest_analysis(request.auth, refresh_if_stale=False)  # the background result when current
    current = latest.analysis if latest.analysis is not None and not latest.updating else None
    return (current or refresh_now(request.auth)).to_json()


# ---------------------------------------------------------------- questionnaires and red flags


class QuestionnaireOut(Schema):
    instrument: str
    date: IsoDate
    answers: list[int | None]
    score: float | None
    valid: bool
    band: str | None


class QuestionnairesOut(Schema):
    responses: list[QuestionnaireOut]


class QuestionnaireIn(Schema):
    answers: list[int | None] = Field(description="Item scores in item order; null for an unanswered item")
    date: IsoDate | None = None


class ScoreOut(Schema):
    instrument: str
    score: float | None
    max: float
    band: str | None
    interpretation: str
    answered: int
    valid: bool
    change: dict[str, Any] | None


@api.get(
    "/questionnaires",
    response=answers({200: QuestionnairesOut}, *PERSON_READ),
    summary="Questionnaire responses, oldest first",
)
def questionnaires(request: PersonRequest, instrument: InstrumentName | None = None):
    from strideback.domain.instruments import get_instrument
    from strideback.services.questionnaires import list_questionnaires

    key = get_instrument(instrument).key if instrument else None
    return {
        "responses": [
            {
                "instrument": r.instrument,
                "date": r.date,
                "answers": list(r.answers),
                "score": r.score,
                "valid": r.valid,
                "band": r.band,
            }
            for r in list_questionnaires(request.auth, key)
        ]
    }


@api.post(
    "/questionnaires/{instrument}",
    response=answers({201: ScoreOut}, *WRITE),
    summary="Answer a questionnaire",
)
def answer_questionnaire(request: PersonRequest, instrument: InstrumentName, body: QuestionnaireIn):
    from strideback.domain.types import check_not_future
    from strideback.services.questionnaires import record_questionnaire

    day = body.date or dt.date.today()
    check_not_future("date", day, dt.date.today())
    result, change = record_questionnaire(request.auth, instrument, body.answers, day)
    return Status(201, {**result.to_json(), "change": change.to_json() if change is not None else None})


class ScreeningRecord(Schema):
    date: IsoDate
    level: str
    reasons: list[str]
    answers: dict[str, bool]


class RedFlagsOut(Schema):
    screenings: list[ScreeningRecord]
    active_stop: ScreeningRecord | None
    full_screen_due: bool


class RedFlagsIn(Schema):
    answers: dict[str, bool] = Field(description="The questions answered; an unlisted key is not asked")
    date: IsoDate | None = None


@api.get("/redflags", response=answers({200: RedFlagsOut}, 404), summary="Red-flag screenings, oldest first")
def redflags(request: PersonRequest):
    from strideback.services.screening import active_stop, full_screen_due, list_screenings

    day = dt.date.today()

    def record(s: Any) -> dict[str, Any]:
        return {"date": s.date, "level": s.level, "reasons": list(s.reasons), "answers": dict(s.answers)}

    stop = active_stop(request.auth, day)
    return {
        "screenings": [record(s) for s in list_screenings(request.auth)],
        "active_stop": record(stop) if stop is not None else None,
        "full_screen_due": full_screen_due(request.auth, day),
    }


@api.post("/redflags", response=answers({201: ScreeningOut}, *WRITE), summary="Answer the red-flag screen")
def screen(request: PersonRequest, body: RedFlagsIn):
    from strideback.domain.types import check_not_future
    from strideback.services.screening import record_screening

    day = body.date or dt.date.today()
    check_not_future("date", day, dt.date.today())
    result = record_screening(request.auth, body.answers, day, full_screen=True)
    return Status(201, result.to_json())


# ---------------------------------------------------------------- server mode: a clinician's people

from strideback.web.api_activities import router as activities_router  # noqa: E402
from strideback.web.api_clinic import router as clinic_router  # noqa: E402

api.add_router("", activities_router)
api.add_router("/people", clinic_router)
