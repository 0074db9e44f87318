"""Server mode: a clinician's routes under /api/people, for people who consented (and only while they do).

Each read checks the person's live consent first and writes it to the person's audit log; a person who
did not consent, revoked, or does not exist is the same 404, so the answer says nothing about them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import Field

from strideback.domain.accounts import Account, Role
from strideback.web.api_auth import ClinicianRequest
from strideback.web.api_types import WRITE, IsoDate, answers


def _clinician(account: Account | None) -> Account | None:
    return account if account is not None and account.role is Role.CLINICIAN and account.active else None


class ClinicianBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        from strideback.services.accounts import account_of_token
        from strideback.web.server_access import server_mode

        return _clinician(account_of_token(token)) if server_mode() else None


class ClinicianSession(APIKeyCookie):
    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Account | None:
        from strideback.web.server_access import account_of, server_mode

        return _clinician(account_of(request)) if server_mode() else None


router = Router(auth=[ClinicianBearer(), ClinicianSession()], tags=["clinician"])
# A read of one person: 404 when they do not share with you (or do not exist), 422 a refused parameter.
ONE_PERSON = (404, 422)
_PDF = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}


class TrendOut(Schema):
    direction: str = Field(description="rising, falling, steady or unknown")
    arrow: str
    recent: float | None = Field(description="mean morning leg pain, the last 14 days")
    before: float | None = Field(description="mean morning leg pain, the 14 days before")
    words: str


class PersonRow(Schema):
    id: int
    email: str
    light: str
    plan_stage: int | None
    last_checkin: dt.date | None
    last_checkin_days: int | None = Field(description="days since the last check-in (0: today)")
    trend: TrendOut
    leg_pain: list[int]


def readable(request: ClinicianRequest, person_id: int, what: str) -> int:
    """The person's id when this clinician may read them now (the read is audited), else 404."""
    from strideback.services.consent import may_read, record_read

    clinician: Account = request.auth
    if not may_read(clinician, person_id):
        raise Http404("no such person")
    record_read(clinician, person_id, what)
    return person_id


@router.get("", response=answers({200: list[PersonRow]}), summary="People who share their diary with you")
def people(request: ClinicianRequest):
    from strideback.services.clinic import people_rows

    return [row.to_json() for row in people_rows(request.auth, dt.date.today())]


class LimitsIn(Schema):
    max_stage: int | None = Field(default=None, description="Highest stage allowed; 0 removes the cap")
    pain_during_limit: int | None = Field(
        default=None, description="Highest leg pain during a session that is still green, 0-5"
    )
    avoid_sports: list[str] | None = Field(default=None, description='Sports to avoid; ["none"] clears')


class LimitsOut(Schema):
    max_stage: int | None
    pain_during_limit: int
    avoid_sports: list[str]
    set_by: str | None = Field(description="the clinician who last set the limits, while they stand")
    set_at: dt.datetime | None


def limits_json(person_id: int) -> dict[str, Any]:
    from strideback.services.clinician_limits import limit_setting
    from strideback.services.daily import plan_overview

    caps = plan_overview(person_id, dt.date.today()).caps_json()
    setting = limit_setting(person_id)
    standing = setting is not None and setting.current
    return {
        **caps,
        "set_by": setting.clinician_email if standing else None,  # type: ignore[union-attr]
        "set_at": setting.at if standing else None,  # type: ignore[union-attr]
    }


@router.get(
    "/{person_id}/limits",
    response=answers({200: LimitsOut}, *ONE_PERSON),
    summary="A person's plan limits, and who set them",
)
def person_limits(request: ClinicianRequest, person_id: int):
    return limits_json(readable(request, person_id, "plan limits (API)"))


@router.put(
    "/{person_id}/limits",
    response=answers({200: LimitsOut}, *WRITE),
    summary="Set a person's plan limits (recorded with who and when, and audited)",
)
def set_person_limits(request: ClinicianRequest, person_id: int, limits: LimitsIn):
    from strideback.services.clinician_limits import NotYourPerson, set_limits

    try:
        set_limits(
            request.auth,
            person_id,
            dt.date.today(),
            limits.max_stage,
            limits.pain_during_limit,
            limits.avoid_sports,
        )
    except NotYourPerson as error:
        raise Http404("no such person") from error
    return limits_json(person_id)


@router.get(
    "/{person_id}/today", response=answers({200: dict[str, Any]}, *ONE_PERSON), summary="A person's today"
)
def person_today(request: ClinicianRequest, person_id: int):
    from strideback.services.daily import today as advice_for

    return advice_for(readable(request, person_id, "today (API)"), dt.date.today()).to_json()


@router.get(
    "/{person_id}/checkins",
    response=answers({200: dict[str, Any]}, *ONE_PERSON),
    summary="A person's check-ins",
)
def person_checkins(request: ClinicianRequest, person_id: int, since: IsoDate | None = None):
    from strideback.services.checkins import checkin_json, list_checkins

    who = readable(request, person_id, "check-ins (API)")
    return {"checkins": [checkin_json(c) for c in list_checkins(who, since=since)]}


@router.get(
    "/{person_id}/activities",
    response=answers({200: dict[str, Any]}, *ONE_PERSON),
    summary="A person's sessions",
)
def person_activities(request: ClinicianRequest, person_id: int, since: IsoDate | None = None):
    from strideback.services.activities import activity_json, list_activities

    who = readable(request, person_id, "sessions (API)")
    return {"activities": [activity_json(a) for a in list_activities(who, since=since)]}


@router.get(
    "/{person_id}/report.pdf",
    response=answers({200: None}, *ONE_PERSON),
    summary="A person's clinician report (PDF)",
    openapi_extra={"responses": {200: {"description": "The report", "content": _PDF}}},
)
def person_report(request: ClinicianRequest, person_id: int):
    from strideback.report.build import report_pdf

    who = readable(request, person_id, "clinician report (API)")
    response = HttpResponse(report_pdf(who, dt.date.today()), content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@router.get(
    "/{person_id}/fhir.json",
    response=answers({200: dict[str, Any]}, *ONE_PERSON),
    summary="A person's FHIR R4 bundle",
)
def person_fhir(request: ClinicianRequest, person_id: int):
    from strideback.report.fhir import fhir_bundle

    return fhir_bundle(readable(request, person_id, "FHIR bundle (API)"))
