"""Today: the light, its reasons and the suggestion; the morning check-in; pain after a session."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from strideback.domain.checkin_fields import REACH_LABELS
from strideback.domain.dates import format_day
from strideback.domain.mornings import WEAKNESS_CONTACT
from strideback.web.forms import CheckInForm, SessionPainForm, attach_invalid, checkin_initial
from strideback.web.views._common import data_key, form_key, page, person_id, remembered, today

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


def _today_data(person: int, day: dt.date) -> dict:
    """What Today shows from the diary: a pure function of the person's data and the day (cached)."""
    from strideback.services.checkins import list_checkins
    from strideback.services.daily import today as advice_for

    advice = advice_for(person, day)
    todays = list_checkins(person, since=day, until=day)
    return {
        "advice": advice,
        "light_words": LIGHT_WORDS.get(advice.light, advice.light),
        "checkin": todays[0] if todays else None,
        "session": _latest_session_needing_pain(person, day),
    }


def today_data(person: int, day: dt.date) -> dict:
    """Today's data with its cache key (`data_key`), for the page's fragment cache."""
    key = data_key(person, day, "today")
    return {**remembered(key, lambda: _today_data(person, day)), "data_key": key}


def _context(
    person: int, day: dt.date, checkin_form: CheckInForm | None, pain_form: SessionPainForm | None
) -> dict:
    """The page's context; a form not given is the blank one (built only if its HTML is not cached)."""
    data = today_data(person, day)
    session = data["session"]
    pain_form_key = ""
    if session is not None and pain_form is None:
        # Filled from the stored session, so part of the data: its HTML is cached with the data key.
        pain_form = SimpleLazyObject(lambda: _pain_form(session))  # type: ignore[assignment]
        pain_form_key = data["data_key"]
    return {
        **data,
        "reach_labels": REACH_LABELS,
        "weakness_contact": WEAKNESS_CONTACT,
        "form": checkin_form or SimpleLazyObject(lambda: CheckInForm(today=day)),
        "form_key": form_key(checkin_form) if checkin_form is not None else f"CheckInForm:{day}",
        "show_form": data["checkin"] is None or (checkin_form is not None and checkin_form.is_bound),
        "pain_form": pain_form if session is not None else None,
        "show_pain_form": pain_form is not None and session is not None,
        "pain_form_key": pain_form_key,
        "day": day,
    }


def _pain_form(session) -> SessionPainForm:
    return SessionPainForm(
        initial={
            "activity_id": session.id,
            "pain_during": session.pain_during,
            "pain_after": session.pain_after,
        }
    )


@require_http_methods(["GET", "POST"])
def today_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.checkins import CheckInExists, record_check_in

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
                messages.success(request, f"{verb} the check-in for {format_day(result.checkin.date)}.")
                screening = result.screening
                if screening is not None and screening.level != "none":
                    messages.error(request, screening.message)
                return redirect("today")
        return page(request, "today.html", "today", _context(person, day, form, None), status=400)
    if request.GET.get("edit"):
        c = _checkin_to_edit(person, day, request.GET["edit"])
        initial = {**checkin_initial(c), "replace": True} if c is not None else {}
        form = CheckInForm(initial=initial, today=day)
        context = _context(person, day, form, None)
        context["show_form"] = True
        return page(request, "today.html", "today", context)
    return page(request, "today.html", "today", _context(person, day, None, None))


def _checkin_to_edit(person: int, day: dt.date, edit: str):  # type: ignore[no-untyped-def]
    """`?edit=1`: today's check-in; `?edit=YYYY-MM-DD`: that day's (from the check-in history)."""
    from strideback.services.checkins import list_checkins

    try:
        chosen = min(dt.date.fromisoformat(edit), day)
    except ValueError:
        return today_data(person, day)["checkin"]
    found = list_checkins(person, since=chosen, until=chosen)
    return found[0] if found else None


@require_http_methods(["POST"])
def session_pain(request: HttpRequest) -> HttpResponse:
    """Pain during/after for a recent session (leg pain 0–10)."""
    from strideback.domain.types import InvalidValue
    from strideback.services.activities import record_session_pain

    person, day = person_id(request), today()
    form = SessionPainForm(request.POST)
    if form.is_valid():
        try:
            activity = record_session_pain(
                person,
                form.cleaned_data["activity_id"],
                during=form.cleaned_data["pain_during"],
                after=form.cleaned_data["pain_after"],
            )
        except InvalidValue as error:
            attach_invalid(form, error)
        else:
            if activity is None:
                form.add_error(None, "That session is not in your diary any more; nothing was changed.")
            else:
                messages.success(request, f"Saved the pain scores for the {activity.sport.value} session.")
                return redirect("today")
    context = _context(person, day, None, form)
    if context["pain_form"] is None:
        context.update(pain_form=form, show_pain_form=True, session=None)
    return page(request, "today.html", "today", context, status=400)
