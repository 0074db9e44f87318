"""Red flags: the full screen of warning signs, what it means now, and the history of answers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from strideback.domain.redflag_words import LEVEL_TITLES, SHORT_LABELS, title
from strideback.web.forms import AssessmentForm, RedFlagForm
from strideback.web.views._common import data_key, form_key, page, person_id, remembered, today


@require_http_methods(["GET", "POST"])
def redflags_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.screening import record_assessment, record_screening

    person, day = person_id(request), today()
    status = 200
    if request.method == "POST" and "assessed" in request.POST:
        assessment = AssessmentForm(request.POST)
        if assessment.is_valid():
            after = record_assessment(person, day, assessment.cleaned_data["note"])
            text = "Recorded: a clinician has assessed the warning signs standing today."
            if after.stop:
                text += " Running stays paused until you answer the questions below and the signs have gone."
            messages.success(request, text)
            return redirect("redflags")
        messages.error(request, "The note is too long (2000 characters at most); nothing was recorded.")
        return redirect("redflags")
    if request.method == "POST":
        form = RedFlagForm(request.POST)
        if form.is_valid():
            result = record_screening(person, form.answers(), day, full_screen=True)
            (messages.success if result.level == "none" else messages.error)(request, result.message)
            return redirect("redflags")
        status = 400
    else:
        form = None
    key = data_key(person, day, "redflags")
    return page(
        request,
        "redflags.html",
        "redflags",
        {
            "form": form or SimpleLazyObject(RedFlagForm),
            "form_key": form_key(form) if form is not None else "RedFlagForm",
            "data_key": key,
            "assessment_form": AssessmentForm(),
            **remembered(key, lambda: _history(person, day)),
        },
        status=status,
    )


def _history(person: int, day: dt.date) -> dict:
    """The screenings (newest first), the stop that still stands and whether the full screen is due."""
    from strideback.domain.redflags import QUESTIONS
    from strideback.services.screening import full_screen_due, list_screenings, status, stop_of

    history = [
        {
            "screening": s,
            "words": title(s.level, s.answers),
            "signs": [QUESTIONS.get(k, k) for k in s.reasons],
            "asked": len(s.answers),
        }
        for s in reversed(list_screenings(person))
    ]
    standing = status(person, day)
    stop = stop_of(standing)
    return {
        "history": history[:100],
        "stop": stop,
        "stop_words": LEVEL_TITLES.get(stop.level) if stop else None,
        "stop_signs": [SHORT_LABELS[s.key] for s in standing.stop],
        "needs_assessment": bool(standing.unassessed_stop),
        "contact_signs": [SHORT_LABELS[s.key] for s in standing.contact],
        "contact_title": LEVEL_TITLES["contact_clinician"],
        "due": full_screen_due(person, day),
    }
