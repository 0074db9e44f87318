"""Plan: the walk-run stage ladder, where the person is on it, the next session and the history."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views._common import data_key, page, person_id, remembered, today


@require_GET
def plan_page(request: HttpRequest) -> HttpResponse:
    from strideback.domain.plan import EVENT_WORDS, RULES_TEXT
    from strideback.services.clinician_limits import limit_setting
    from strideback.services.daily import plan_overview

    person, day = person_id(request), today()
    key = data_key(person, day, "plan")
    overview = remembered(key, lambda: plan_overview(person, day).to_json())
    history = [
        {**event, "words": EVENT_WORDS.get(event["kind"], event["kind"])} for event in overview["history"]
    ]
    return page(
        request,
        "plan.html",
        "plan",
        {
            "plan": overview,
            "stages": list(reversed(overview["stages"])),  # the top of the ladder first
            "history": list(reversed(history))[:60],
            "history_total": len(history),
            "rules": RULES_TEXT,
            "data_key": key,
            "limits_set": limit_setting(person),  # who set the limits and when (server mode, issue 14)
        },
    )
