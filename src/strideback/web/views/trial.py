"""Trial: the personal trial in plain words, start and stop, where it stands, and its answer (issue 13).

Every word and number comes from services.trial and domain.trial.words; nothing here judges anything.
The page shows only days that have come (the service never gives a future day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from strideback.web.views._common import data_key, page, person_id, remembered, today

WEEK_CHOICES = (4, 6, 8, 10, 12)
VERDICT_WORDS = {
    "worse": "worse after run days",
    "better": "better after run days",
    "unclear": "no clear difference",
    "insufficient_data": "too early to say",
}


def trial_summary(person: int, day: dt.date) -> dict:
    """Status and answer of the latest trial (cached with the person's data version)."""
    from strideback.services.trial import analyze, status

    def build() -> dict:
        answer: dict[str, Any] = analyze(person, day).to_json()
        return {
            "status": status(person, day).to_json(),
            "answer": answer,
            "verdict_words": VERDICT_WORDS.get(answer["verdict"], answer["verdict"]),
        }

    return remembered(data_key(person, day, "trial"), build)


@require_GET
def trial_page(request: HttpRequest) -> HttpResponse:
    from strideback.domain.trial.words import EXPLANATION

    person, day = person_id(request), today()
    summary = trial_summary(person, day)
    return page(
        request,
        "trial.html",
        "trial",
        {**summary, "explanation": EXPLANATION, "week_choices": WEEK_CHOICES, "default_weeks": 6},
    )


@require_POST
def trial_start(request: HttpRequest) -> HttpResponse:
    from strideback.domain.types import InvalidValue
    from strideback.services.trial import TrialRefused, start

    try:
        weeks = int(request.POST.get("weeks", "6"))
        start(person_id(request), today(), weeks)
    except ValueError:
        messages.error(request, "weeks: choose a whole number of weeks from the list.")
    except (InvalidValue, TrialRefused) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your personal trial has started. Check in tomorrow morning as usual.")
    return redirect("trial")


@require_POST
def trial_stop(request: HttpRequest) -> HttpResponse:
    from strideback.services.trial import TrialRefused, stop

    try:
        stop(person_id(request), today())
    except TrialRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The trial is stopped. Its days so far are kept and analysed below.")
    return redirect("trial")
