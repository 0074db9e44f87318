"""Today: the light, its reasons and the suggestion; the morning check-in; pain after a session."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from strideback.web.forms import REACH_LABELS, CheckInForm, SessionPainForm, attach_invalid
from strideback.web.views._common import page, person_id, today

# A session from the last two days without its pain scores gets the "after a session" question.
SESSION_PAIN_DAYS = 2
LIGHT_WORDS = {
    "green": "Green: carry on with the plan",
    "amber": "Amber: hold or ease off",
    "red": "Red: low-impact only today",
    "stop": "Stop: no running or exercise",
}


def _latest_session_needing_pain(person: int, day: dt.date):
    from strideback.services.activities import list_activities

    recent = list_activities(person, since=day - dt.timedelta(days=SESSION_PAIN_DAYS), until=day)
    for activity in sorted(recent, key=lambda a: a.start, reverse=True):
        if activity.pain_during is None or activity.pain_after is None:
            return activity
    return None


def _context(person: int, day: dt.date, checkin_form: CheckInForm, pain_form: SessionPainForm | None) -> dict:
    from strideback.services.checkins import list_checkins
    from strideback.services.daily import today as advice_for

    advice = advice_for(person, day).to_json()
    todays = list_checkins(person, since=day, until=day)
    session = _latest_session_needing_pain(person, day)
    if session is not None and pain_form is None:
        pain_form = SessionPainForm(
            initial={
                "activity_id": session.id,
                "pain_during": session.pain_during,
                "pain_after": session.pain_after,
            }
        )
    return {
        "advice": advice,
        "light_words": LIGHT_WORDS.get(advice["light"], advice["light"]),
        "checkin": todays[0] if todays else None,
        "reach_labels": REACH_LABELS,
        "form": checkin_form,
        "show_form": not todays or checkin_form.is_bound,
        "session": session,
        "pain_form": pain_form if session is not None else None,
        "day": day,
    }


@require_http_methods(["GET", "POST"])
def today_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.checkins import record_check_in
    from strideback.store.records import CheckInExists

    person, day = person_id(request), today()
    if request.method == "POST":
        form = CheckInForm(request.POST, today=day)
        if form.is_valid():
            try:
                result = record_check_in(
                    person, form.checkin, red_flags=form.red_flags(), replace=form.cleaned_data["replace"]
                )
            except CheckInExists:
                form.add_error(
                    "date",
                    f"A check-in for {form.checkin.date} is saved already; nothing was changed. "
                    "Tick “Replace” below to overwrite it.",
                )
            else:
                verb = "Replaced" if result.replaced else "Saved"
                messages.success(request, f"{verb} the check-in for {result.checkin.date:%A %d %B}.")
                screening = result.screening
                if screening is not None and screening.level != "none":
                    messages.error(request, screening.message)
                return redirect("today")
        return page(request, "today.html", "today", _context(person, day, form, None), status=400)
    if request.GET.get("edit"):
        from strideback.services.checkins import list_checkins

        todays = list_checkins(person, since=day, until=day)
        initial = {}
        if todays:
            c = todays[0]
            initial = {
                "leg_pain": c.leg_pain,
                "back_pain": c.back_pain,
                "reach": c.reach.value,
                "numbness": c.numbness,
                "tingling": c.tingling,
                "weakness": c.weakness,
                "stiffness_min": c.stiffness_min,
                "sleep": c.sleep,
                "note": c.note,
                "replace": True,
            }
        form = CheckInForm(initial=initial, today=day)
        context = _context(person, day, form, None)
        context["show_form"] = True
        return page(request, "today.html", "today", context)
    return page(request, "today.html", "today", _context(person, day, CheckInForm(today=day), None))


@require_http_methods(["POST"])
def session_pain(request: HttpRequest) -> HttpResponse:
    """Pain during/after for a recent session (leg pain 0–10)."""
    from strideback.domain.types import InvalidValue
    from strideback.store import records

    person, day = person_id(request), today()
    form = SessionPainForm(request.POST)
    if form.is_valid():
        activity = records.get_activity(person, form.cleaned_data["activity_id"])
        if activity is None:
            form.add_error(None, "That session is not in your diary any more; nothing was changed.")
        else:
            during = form.cleaned_data["pain_during"]
            after = form.cleaned_data["pain_after"]
            try:
                records.update_activity_pain(
                    activity.id,
                    during if during is not None else activity.pain_during,
                    after if after is not None else activity.pain_after,
                )
            except InvalidValue as error:
                attach_invalid(form, error)
            else:
                messages.success(request, f"Saved the pain scores for the {activity.sport.value} session.")
                return redirect("today")
    context = _context(person, day, CheckInForm(today=day), form)
    if context["pain_form"] is None:
        context["pain_form"] = form
        context["session"] = None
    return page(request, "today.html", "today", context, status=400)
