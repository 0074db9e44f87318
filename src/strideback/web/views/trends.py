"""Trends: pain with load underneath, reach, session responses, and questionnaire scores over time."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views._common import chart_spec, data_key, page, person_id, remembered, today

RANGES = {"90d": ("3 months", 90), "6m": ("6 months", 183), "1y": ("1 year", 365), "all": ("All", None)}
DEFAULT_RANGE = "6m"
# Beyond this many days the load is drawn week by week: daily bars would be thinner than a pixel.
WEEKLY_LOAD_AFTER_DAYS = 200


@require_GET
def trends_page(request: HttpRequest) -> HttpResponse:
    person, day = person_id(request), today()
    chosen = request.GET.get("range", DEFAULT_RANGE)
    if chosen not in RANGES:
        chosen = DEFAULT_RANGE
    key, context = page_data(person, day, chosen)
    return page(request, "trends.html", "trends", {**context, "data_key": key})


def page_data(person: int, day: dt.date, chosen: str) -> tuple[str, dict]:
    """The page's cache key and its charts, built once per data version (the server's warm-up calls it)."""
    key = data_key(person, day, "trends", chosen)
    return key, remembered(key, lambda: _charts(person, day, chosen))


def _charts(person: int, day: dt.date, chosen: str) -> dict:
    """The page's charts and counts for a range: a pure function of the diary and the day (cached)."""
    from strideback import charts
    from strideback.domain.instruments import get_instrument
    from strideback.services.activities import list_activities
    from strideback.services.checkins import list_checkins
    from strideback.services.daily import session_responses
    from strideback.services.questionnaires import list_questionnaires
    from strideback.services.treatments import list_treatments

    days = RANGES[chosen][1]
    since = day - dt.timedelta(days=days - 1) if days else None
    checkins = list_checkins(person, since=since, until=day)
    activities = list_activities(person, since=since, until=day)
    responses = [r.to_json() for r in session_responses(person, activities, checkins, day)]
    questionnaires = list_questionnaires(person)
    span = (day - min((c.date for c in checkins), default=day)).days
    weekly = span > WEEKLY_LOAD_AFTER_DAYS
    pain_spec = chart_spec(charts.pain_chart(checkins, responses))
    if weekly:
        load_spec = chart_spec(charts.weekly_load_chart(activities, height=160))
    else:
        load_spec = chart_spec(charts.load_chart(activities))
    reach_spec = chart_spec(charts.reach_chart(checkins))
    treatments = list_treatments(person, since=since, until=day)
    treatments_spec = chart_spec(charts.treatments_chart(treatments))
    instruments = sorted({q.instrument for q in questionnaires if q.valid})
    score_charts = [
        (
            key,
            get_instrument(key).name,
            chart_spec(charts.questionnaire_chart(questionnaires, key)),
        )
        for key in instruments
    ]
    counts = {light: sum(1 for r in responses if r["light"] == light) for light in ("green", "amber", "red")}
    return {
        "ranges": [(key, label) for key, (label, _) in RANGES.items()],
        "chosen": chosen,
        "pain_spec": pain_spec,
        "load_spec": load_spec,
        "load_weekly": weekly,
        "reach_spec": reach_spec,
        "treatments_spec": treatments_spec,
        "n_treatments": len(treatments),
        "score_charts": score_charts,
        "n_checkins": len(checkins),
        "n_sessions": len(activities),
        "counts": counts,
    }
