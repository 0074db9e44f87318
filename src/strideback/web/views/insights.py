"""Insights: what the evidence engine finds in this person's diary, in words and a chart, with uncertainty."""

from __future__ import annotations

import threading

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views._common import chart_spec, data_key, page, person_id, remembered, today

VERDICT_WORDS = {
    "worse": "seems to make it worse",
    "better": "seems to make it better",
    "unclear": "no clear effect either way (the interval includes no effect)",
    "insufficient_data": "not enough data yet to tell",
}
VERDICT_LABELS = {
    "worse": "worse",
    "better": "better",
    "unclear": "unclear",
    "insufficient_data": "too little data",
}
_analysis_lock = threading.Lock()  # one analysis at a time: it is CPU-heavy and the answer is the same


def _words(name: str) -> str:
    return str(name).replace("_", " ")


def _sentence(effect: dict) -> str:
    exposure, outcome = _words(effect["exposure"]), _words(effect["outcome"])
    verdict = effect.get("verdict", "unclear")
    if effect.get("estimate") is None or verdict == "insufficient_data":
        return f"{exposure.capitalize()} and {outcome}: {VERDICT_WORDS['insufficient_data']}."
    unit = f" {effect['unit']}" if effect.get("unit") else ""
    return (
        f"{exposure.capitalize()} → {outcome}: {VERDICT_WORDS.get(verdict, verdict)}. "
        f"Best estimate {effect['estimate']:+.2f}{unit}; 95% interval {effect['ci_low']:+.2f} to "
        f"{effect['ci_high']:+.2f}."
    )


@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    person, day = person_id(request), today()
    key = data_key(person, day, "insights")
    context = remembered(key, lambda: findings(person))
    return page(request, "insights.html", "insights", {**context, "data_key": key})


def findings(person: int) -> dict:
    """The analysis in words and its chart: a pure function of the diary (cached: it takes seconds)."""
    from strideback.charts import effects_chart

    with _analysis_lock:
        analysis = analyze_person_json(person)
    effects = [
        {
            **effect,
            "sentence": _sentence(effect),
            "label": VERDICT_LABELS.get(effect.get("verdict"), "unclear"),
        }
        for effect in analysis.get("effects", [])
    ]
    key = tuple(
        (e["exposure"], e["outcome"], e.get("estimate"), e.get("ci_low"), e.get("ci_high")) for e in effects
    )
    spec = chart_spec("effects", lambda: effects_chart(analysis), key)
    return {"analysis": analysis, "effects": effects, "effects_spec": spec}


def analyze_person_json(person: int) -> dict:
    from strideback.services.analysis import analyze_person

    return analyze_person(person).to_json()
