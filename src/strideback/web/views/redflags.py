"""Red flags: the full screen of warning signs, what it means now, and the history of answers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from strideback.web.forms import RedFlagForm
from strideback.web.views._common import page, person_id, today

LEVEL_WORDS = {
    "none": "No warning signs",
    "contact_clinician": "See a clinician soon",
    "urgent": "Contact a clinician today",
    "emergency": "Emergency: go now",
}


@require_http_methods(["GET", "POST"])
def redflags_page(request: HttpRequest) -> HttpResponse:
    from strideback.domain.redflags import QUESTIONS
    from strideback.services.screening import active_stop, full_screen_due, record_screening
    from strideback.store.records import list_screenings

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
        form = RedFlagForm()
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
    return page(
        request,
        "redflags.html",
        "redflags",
        {
            "form": form,
            "history": history[:100],
            "stop": stop,
            "stop_words": LEVEL_WORDS.get(stop.level) if stop else None,
            "due": full_screen_due(person, day),
        },
        status=status,
    )
