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

from strideback.domain.accounts import Account, Role
from strideback.web.api_auth import ClinicianRequest


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


class PersonRow(Schema):
    id: int
    email: str
    light: str
    last_checkin: dt.date | None


def readable(request: ClinicianRequest, person_id: int, what: str) -> int:
    """The person's id when this clinician may read them now (the read is audited), else 404."""
    from strideback.services.consent import may_read, record_read

    clinician: Account = request.auth
    if not may_read(clinician, person_id):
        raise Http404("no such person")
    record_read(clinician, person_id, what)
    return person_id


def person_rows(clinician: Account, day: dt.date) -> list[dict[str, Any]]:
    """The clinician's people, stops and reds first (shared by the API and the /clinic/ page)."""
    from strideback.services.checkins import list_checkins
    from strideback.services.consent import people_of
    from strideback.services.daily import today as advice_for

    order = {"stop": 0, "red": 1, "amber": 2, "green": 3}
    rows = []
    for person_id, email in people_of(clinician):
        checkins = list_checkins(person_id, since=day - dt.timedelta(days=27))
        rows.append(
            {
                "id": person_id,
                "email": email,
                "light": advice_for(person_id, day).light,
                "last_checkin": max((c.date for c in checkins), default=None),
                "leg_pain": [c.leg_pain for c in checkins[-14:]],
            }
        )
    return sorted(rows, key=lambda r: (order.get(r["light"], 9), r["email"]))


@router.get("", response=list[PersonRow], summary="People who share their diary with you")
def people(request: ClinicianRequest):
    return person_rows(request.auth, dt.date.today())


@router.get("/{person_id}/today", response=dict[str, Any], summary="A person's today")
def person_today(request: ClinicianRequest, person_id: int):
    from strideback.services.daily import today as advice_for

    return advice_for(readable(request, person_id, "today (API)"), dt.date.today()).to_json()


@router.get("/{person_id}/checkins", response=dict[str, Any], summary="A person's check-ins")
def person_checkins(request: ClinicianRequest, person_id: int, since: dt.date | None = None):
    from strideback.services.checkins import checkin_json, list_checkins

    who = readable(request, person_id, "check-ins (API)")
    return {"checkins": [checkin_json(c) for c in list_checkins(who, since=since)]}


@router.get("/{person_id}/activities", response=dict[str, Any], summary="A person's sessions")
def person_activities(request: ClinicianRequest, person_id: int, since: dt.date | None = None):
    from strideback.services.activities import activity_json, list_activities

    who = readable(request, person_id, "sessions (API)")
    return {"activities": [activity_json(a) for a in list_activities(who, since=since)]}


@router.get("/{person_id}/report.pdf", summary="A person's clinician report (PDF)")
def person_report(request: ClinicianRequest, person_id: int):
    from strideback.report.pdf import report_pdf

    who = readable(request, person_id, "clinician report (API)")
    response = HttpResponse(report_pdf(who, dt.date.today()), content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@router.get("/{person_id}/fhir.json", response=dict[str, Any], summary="A person's FHIR R4 bundle")
def person_fhir(request: ClinicianRequest, person_id: int):
    from strideback.report.fhir import fhir_bundle

    return fhir_bundle(readable(request, person_id, "FHIR bundle (API)"))
