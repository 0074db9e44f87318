"""Insights: what the evidence engine finds in this person's diary, in words and a chart, with uncertainty.

The page opens with the bottom line (one sentence with its certainty) and the diary's limit; the
statistics (the primary estimate per lag, running load, the method) are one tap away. The engine writes
the sentences (they never claim more than the 95% interval allows); this page only groups them.

The page never runs the model (issue #12): it shows the last result computed in the background
(services.analysis) at once, and says "updating…" while a newer one is being built.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.domain.effects.wording import OUTCOME_WORDS, outcome_words
from strideback.web.views._common import chart_spec, page, person_id, today

VERDICT_LABELS = {
    "worse": "worse",
    "better": "better",
    "unclear": "unclear",
    "insufficient_data": "too little data",
}
CLEAR = ("worse", "better")
STATISTICS_ONLY = ("run_load",)  # the same question as minutes in "units of running load": one tap away
DAY_TYPE_WORDS = {"run": "run days", "low_impact": "low-impact days", "rest": "rest days"}
TREND_ORDER = ("leg_pain", "back_pain", "odi", "running_restart")


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
    from strideback.services.analysis import latest_analysis

    person = person_id(request)
    latest = latest_analysis(person)  # queues a refresh when stale; never computes here
    document = analyze_person_json(person) if latest.document is None else latest.document
    context = (
        findings(document) if document else {"analysis": {}, "groups": [], "trends": [], "comparisons": []}
    )
    from strideback.web.views.trial import trial_summary  # the personal trial's answer (issue 13)

    context = {**context, **trial_summary(person, today())}
    return page(request, "insights.html", "insights", {**context, "updating": latest.updating})


def _group(outcome: str, effects: list[dict]) -> dict:
    """One outcome's findings: the clear ones in view, the rest folded away, and their forest plot."""
    from strideback.charts.effects import finding_rows, outcome_chart

    rows = finding_rows(effects)
    spec = chart_spec(outcome_chart(outcome, effects)) if rows else None
    return {
        "outcome": outcome,
        "heading": outcome_words(outcome).heading,
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
    known = [w.name for w in OUTCOME_WORDS]
    order = known + [o for o in groups if o not in known]
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
        "heading": outcome_words(str(comparison.get("outcome", ""))).heading,
        "groups": [
            {**g, "words": DAY_TYPE_WORDS.get(g["day_type"], g["day_type"])}
            for g in comparison.get("groups", [])
        ],
        "differences": differences,
        "sentence": comparison.get("sentence", ""),
    }


def findings(analysis: dict) -> dict:
    """The analysis document in words and charts, grouped the way a reader asks."""
    effects = [_finding(effect) for effect in analysis.get("effects", [])]
    shown = [e for e in effects if e.get("exposure") not in STATISTICS_ONLY]
    trend = analysis.get("trend") or {}
    trends = [_finding(trend[name]) for name in TREND_ORDER if isinstance(trend.get(name), dict)]
    comparisons = [_comparison(c) for c in (analysis.get("comparisons") or {}).get("day_types", [])]
    primary = analysis.get("primary") or {}
    return {
        "analysis": analysis,
        "effects": effects,
        "groups": _by_outcome(shown),
        "statistics_only": [e for e in effects if e.get("exposure") in STATISTICS_ONLY],
        "primary": primary,
        "primary_lags": [_finding(lag) for lag in primary.get("lag_estimates") or []],
        "trends": trends,
        "comparisons": comparisons,
        "n_clear": sum(1 for e in shown if e["verdict"] in CLEAR),
    }


def analyze_person_json(person: int) -> dict:
    """Before the first background result: nothing to show yet (the page says it is being computed)."""
    return {}
