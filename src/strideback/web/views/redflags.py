"""Red flags: the full screen of warning signs, what it means now, and the history of answers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from strideback.web.forms import RedFlagForm
from strideback.web.views._common import data_key, form_key, page, person_id, remembered, today

LEVEL_WORDS = {
    "none": "No warning signs",
    "contact_clinician": "See a clinician soon",
    "urgent": "Contact a clinician today",
    "emergency": "Emergency: go now",
}


@require_http_methods(["GET", "POST"])
def redflags_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.screening import record_screening

    person, day = person_id(request), today()
    status = 200
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
            **remembered(key, lambda: _history(person, day)),
        },
        status=status,
    )


def _history(person: int, day: dt.date) -> dict:
    """The screenings (newest first), the stop that still stands and whether the full screen is due."""
    from strideback.domain.redflags import QUESTIONS
    from strideback.services.screening import active_stop, full_screen_due, list_screenings

    history = [
        {
            "screening": s,
            "words": LEVEL_WORDS.get(s.level, s.level),
            "signs": [QUESTIONS.get(k, k) for k in s.reasons],
            "asked": len(s.answers),
        }
        for s in reversed(list_screenings(person))
    ]
    stop = active_stop(person, day)
    return {
        "history": history[:100],
        "stop": stop,
        "stop_words": LEVEL_WORDS.get(stop.level) if stop else None,
        "due": full_screen_due(person, day),
    }
