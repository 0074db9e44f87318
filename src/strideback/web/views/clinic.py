"""A clinician's pages: the list of their people (stops and reds first, with the plan stage and the
leg-pain trend), one person's diary read-only, and the one thing a clinician may write: the person's
plan limits (highest stage, pain-during limit, sports to avoid), recorded with who and when, and audited.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from strideback.domain.accounts import Account, Role
from strideback.web.server_access import account_of, server_mode
from strideback.web.views._common import page


def _clinician(request: HttpRequest) -> Account:
    account = account_of(request) if server_mode() else None
    if account is None or account.role is not Role.CLINICIAN:
        raise Http404("not a clinician")
    return account


def _consented(request: HttpRequest, person: int) -> Account:
    from strideback.services.consent import may_read

    account = _clinician(request)
    if not may_read(account, person):
        raise Http404("no such person")
    return account


def clinic_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.clinic import people_rows

    rows = people_rows(_clinician(request), dt.date.today())
    return page(request, "accounts/clinic.html", "clinic", {"people": rows, "today": dt.date.today()})


def clinic_person_page(request: HttpRequest, person: int) -> HttpResponse:
    """One person's diary, read-only: today's light and reasons, their recent check-ins and sessions,
    and the plan limits with a form to change them."""
    from strideback.domain.plan import LAST_STAGE
    from strideback.domain.response import TOO_MUCH_PAIN_DURING
    from strideback.domain.types import Sport
    from strideback.services.activities import list_activities
    from strideback.services.checkins import list_checkins
    from strideback.services.clinician_limits import limit_setting
    from strideback.services.consent import record_read
    from strideback.services.daily import plan_overview
    from strideback.services.daily import today as advice_for

    account = _consented(request, person)
    record_read(account, person, "dashboard (read-only)")
    day = dt.date.today()
    since = day - dt.timedelta(days=41)
    context = {
        "person": person,
        "advice": advice_for(person, day).to_json(),
        "checkins": list(reversed(list_checkins(person, since=since))),
        "activities": list(reversed(list_activities(person, since=since))),
        "caps": plan_overview(person, day).caps_json(),
        "setting": limit_setting(person),
        "stage_choices": range(1, LAST_STAGE + 1),
        "pain_choices": range(0, TOO_MUCH_PAIN_DURING + 1),
        "sports": [s.value for s in Sport],
    }
    response = page(request, "accounts/clinic_person.html", "clinic", context)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def clinic_limits(request: HttpRequest, person: int) -> HttpResponse:
    """POST: set the person's plan limits from the form on their page (CSRF-checked, consent checked,
    audited). GET goes back to the person's page."""
    from strideback.domain.types import InvalidValue
    from strideback.services.clinician_limits import NotYourPerson, set_limits

    account = _consented(request, person)
    if request.method == "GET":
        return redirect("clinic_person", person)
    try:
        max_stage = _whole(request.POST.get("max_stage", "0") or "0", "max stage")
        pain = _whole(request.POST.get("pain_during_limit", ""), "pain limit")
        avoid = request.POST.getlist("avoid_sports") or ["none"]
        set_limits(account, person, dt.date.today(), max_stage, pain, avoid)
    except NotYourPerson as error:  # consent revoked between the check above and the write
        raise Http404("no such person") from error
    except InvalidValue as error:
        messages.error(request, f"Nothing was changed: {error}")
        return redirect("clinic_person", person)
    messages.success(request, "Plan limits saved. The person sees them, with your name and the time.")
    return redirect("clinic_person", person)


def _whole(text: str, field: str) -> int:
    from strideback.domain.types import InvalidValue

    try:
        return int(text.strip())
    except ValueError:
        raise InvalidValue(field, text, "a whole number") from None
