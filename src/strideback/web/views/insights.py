"""Insights: what the evidence engine finds in this person's diary, in words and a chart, with uncertainty.

The engine writes the sentences (they never claim more than the 95% interval allows); this page only
groups them the way a reader asks: how am I doing over time, what follows a day of each exercise, and
how do run, low-impact and rest days compare.
"""

from __future__ import annotations

import threading

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views._common import chart_spec, data_key, page, person_id, remembered, today

VERDICT_LABELS = {
    "worse": "worse",
    "better": "better",
    "unclear": "unclear",
    "insufficient_data": "too little data",
}
CLEAR = ("worse", "better")
OUTCOME_HEADINGS = {
    "leg_pain_next_morning": "Leg pain the next morning",
    "back_pain_next_morning": "Back pain the next morning",
    "reach_next_morning": "How far down the leg the pain reaches the next morning",
    "leg_pain_next_week": "Leg pain the following week",
}
DAY_TYPE_WORDS = {"run": "run days", "low_impact": "low-impact days", "rest": "rest days"}
TREND_ORDER = ("leg_pain", "back_pain", "odi", "running_restart")
_analysis_lock = threading.Lock()  # one analysis at a time: it is CPU-heavy and the answer is the same


def _words(name: str) -> str:
    return str(name).replace("_", " ")


def _fallback_sentence(effect: dict) -> str:
    """Only for a finding the engine left without a sentence."""
    subject = f"{_words(effect.get('exposure', '')).capitalize()} and {_words(effect.get('outcome', ''))}"
    if effect.get("estimate") is None:
        return f"{subject}: not enough data yet."
    return (
        f"{subject}: {effect['estimate']:+.2f} {effect.get('unit', '')} "
        f"(95% interval {effect['ci_low']:+.2f} to {effect['ci_high']:+.2f})."
    )


def _finding(item: dict) -> dict:
    verdict = item.get("verdict") or "unclear"
    return {
        **item,
        "verdict": verdict,
        "label": VERDICT_LABELS.get(verdict, "unclear"),
        "sentence": item.get("sentence") or _fallback_sentence(item),
    }


@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    person, day = person_id(request), today()
    key = data_key(person, day, "insights")
    context = remembered(key, lambda: findings(person))
    from strideback.web.views.trial import trial_summary  # the personal trial's answer (issue 13)

    context = {**context, **trial_summary(person, day)}
    return page(request, "insights.html", "insights", {**context, "data_key": key})


def _group(outcome: str, effects: list[dict]) -> dict:
    """One outcome's findings: the clear ones in view, the rest folded away, and their forest plot."""
    from strideback.charts.effects import finding_rows, outcome_chart

    rows = finding_rows(effects)
    spec = (
        chart_spec(f"findings_{outcome}", lambda: outcome_chart(outcome, effects), tuple(map(str, rows)))
        if rows
        else None
    )
    return {
        "outcome": outcome,
        "heading": OUTCOME_HEADINGS.get(outcome, _words(outcome).capitalize()),
        "clear": [e for e in effects if e["verdict"] in CLEAR],
        "unclear": [e for e in effects if e["verdict"] == "unclear"],
        "too_little": [e for e in effects if e["verdict"] not in (*CLEAR, "unclear")],
        "chart_id": f"chart-effects-{outcome}",
        "spec": spec,
    }


def _by_outcome(effects: list[dict]) -> list[dict]:
    """The next-day (and next-week) findings grouped by outcome, in the order a reader asks."""
    groups: dict[str, list[dict]] = {}
    for effect in effects:
        groups.setdefault(effect.get("outcome", ""), []).append(effect)
    order = list(OUTCOME_HEADINGS) + [o for o in groups if o not in OUTCOME_HEADINGS]
    return [_group(outcome, groups[outcome]) for outcome in order if outcome in groups]


def _comparison(comparison: dict) -> dict:
    """Run, low-impact and rest days side by side: a small table and each difference with its interval."""
    from strideback.domain.effects.sentences import span

    differences = []
    for d in comparison.get("differences", []):
        this, other = (DAY_TYPE_WORDS.get(d[k], d[k]) for k in ("day_type", "versus"))
        versus = f"{this} against {other}"
        if d.get("estimate") is None or d.get("ci_low") is None or d.get("ci_high") is None:
            words = d.get("missing") or "not enough data yet"
        else:
            clear = d.get("verdict") in CLEAR
            interval = span(d["ci_low"], d["ci_high"])
            words = (
                f"{interval} (95% interval)" if clear else f"no clear difference (95% interval {interval})"
            )
        differences.append({**_finding({**d, "sentence": words}), "versus_words": versus.capitalize()})
    return {
        "heading": OUTCOME_HEADINGS.get(comparison.get("outcome", ""), _words(comparison.get("outcome", ""))),
        "groups": [
            {**g, "words": DAY_TYPE_WORDS.get(g["day_type"], g["day_type"])}
            for g in comparison.get("groups", [])
        ],
        "differences": differences,
        "sentence": comparison.get("sentence", ""),
    }


def findings(person: int) -> dict:
    """The analysis in words and charts: a pure function of the diary (cached: it takes seconds)."""
    with _analysis_lock:
        analysis = analyze_person_json(person)
    effects = [_finding(effect) for effect in analysis.get("effects", [])]
    trend = analysis.get("trend") or {}
    trends = [_finding(trend[name]) for name in TREND_ORDER if isinstance(trend.get(name), dict)]
    comparisons = [_comparison(c) for c in (analysis.get("comparisons") or {}).get("day_types", [])]
    return {
        "analysis": analysis,
        "effects": effects,
        "groups": _by_outcome(effects),
        "trends": trends,
        "comparisons": comparisons,
        "n_clear": sum(1 for e in effects if e["verdict"] in CLEAR),
    }


def analyze_person_json(person: int) -> dict:
    from strideback.services.analysis import analyze_person

    return analyze_person(person).to_json()
