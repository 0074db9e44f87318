"""Insights: what the evidence engine finds in this person's diary, in words and a chart, with uncertainty.

The page opens with the bottom line (one sentence with its certainty) and the diary's limit; the
statistics (the primary estimate per lag, running load, the method) are one tap away. The engine writes
the sentences (they never claim more than the 95% interval allows); this page only groups them.

The page never runs the model (issue #12): it shows the last result computed in the background
(services.analysis) at once, and says "updating…" while a newer one is being built. The words and charts
made from a kept result are remembered per result (its data version and time), so a warm page only reads.
The analysis arrives typed (`domain.effects.Analysis`); the sentences are the engine's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.domain.effects.wording import OUTCOME_WORDS, outcome_words
from strideback.web.views._common import chart_spec, data_key, page, person_id, remembered, today

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis, Effect
    from strideback.domain.effects.long_term import DayTypeComparison

VERDICT_LABELS = {
    "worse": "worse",
    "better": "better",
    "unclear": "unclear",
    "insufficient_data": "too little data",
}
CLEAR = ("worse", "better")
STATISTICS_ONLY = ("run_load",)  # the same question as minutes in "units of running load": one tap away
DAY_TYPE_WORDS = {"run": "run days", "low_impact": "low-impact days", "rest": "rest days"}


def _shown(item: Any, sentence: str) -> dict[str, Any]:
    """One finding as the template shows it: its verdict, the verdict's label and the engine's sentence."""
    verdict = item.verdict or "unclear"
    return {
        "item": item,
        "verdict": verdict,
        "label": VERDICT_LABELS.get(verdict, "unclear"),
        "sentence": sentence,
    }


def _effect(effect: Effect) -> dict[str, Any]:
    from strideback.domain.effects.sentences import effect_sentence

    return _shown(effect, effect_sentence(effect))


@require_GET
def insights_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.analysis import latest_analysis

    person = person_id(request)
    latest = latest_analysis(person)  # queues a refresh when stale; never computes here
    analysis = analyze_person_json(person) if latest.analysis is None else latest.analysis
    if analysis is None:
        context: dict[str, Any] = {"analysis": None, "groups": [], "trends": [], "comparisons": []}
    elif latest.analysis is None:
        context = findings(analysis)
    else:  # words and charts once per kept result
        stamp = latest.computed_at.isoformat() if latest.computed_at else ""
        key = data_key(person, today(), "insights", latest.data_version, stamp)
        context = remembered(key, lambda: findings(analysis))
    from strideback.web.views.trial import trial_summary  # the personal trial's answer (issue 13)

    context = {**context, **trial_summary(person, today())}
    return page(request, "insights.html", "insights", {**context, "updating": latest.updating})


def _group(outcome: str, effects: list[dict[str, Any]]) -> dict[str, Any]:
    """One outcome's findings: the clear ones in view, the rest folded away, and their forest plot."""
    from strideback.charts.effects import outcome_chart

    drawn = [e["item"].to_json() for e in effects]  # the chart's rows: the engine's JSON, at the edge
    chart = outcome_chart(outcome, drawn)  # None when no finding has an interval to draw
    spec = chart_spec(chart) if chart is not None else None
    return {
        "outcome": outcome,
        "heading": outcome_words(outcome).heading,
        "clear": [e for e in effects if e["verdict"] in CLEAR],
        "unclear": [e for e in effects if e["verdict"] == "unclear"],
        "too_little": [e for e in effects if e["verdict"] not in (*CLEAR, "unclear")],
        "chart_id": f"chart-effects-{outcome}",
        "spec": spec,
    }


def _by_outcome(effects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The next-day (and next-week) findings grouped by outcome, in the order a reader asks."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for effect in effects:
        groups.setdefault(effect["item"].outcome, []).append(effect)
    known = [w.name for w in OUTCOME_WORDS]
    order = known + [o for o in groups if o not in known]
    return [_group(outcome, groups[outcome]) for outcome in order if outcome in groups]


def _comparison(comparison: DayTypeComparison) -> dict[str, Any]:
    """Run, low-impact and rest days side by side: a small table and each difference with its interval."""
    from strideback.domain.effects.sentences import day_type_sentence, span

    differences = []
    for d in comparison.differences:
        this, other = (DAY_TYPE_WORDS.get(k, k) for k in (d.day_type, d.versus))
        versus = f"{this} against {other}"
        if d.estimate is None or d.ci_low is None or d.ci_high is None:
            words = d.missing or "not enough data yet"
        else:
            interval = span(d.ci_low, d.ci_high)
            clear = d.verdict in CLEAR
            words = (
                f"{interval} (95% interval)" if clear else f"no clear difference (95% interval {interval})"
            )
        differences.append({**_shown(d, words), "versus_words": versus.capitalize()})
    return {
        "heading": outcome_words(comparison.outcome).heading,
        "groups": [
            {
                "day_type": g.day_type,
                "days": g.days,
                "mean": g.mean,
                "words": DAY_TYPE_WORDS.get(g.day_type, g.day_type),
            }
            for g in comparison.groups
        ],
        "differences": differences,
        "sentence": day_type_sentence(comparison),
    }


def findings(analysis: Analysis) -> dict[str, Any]:
    """The analysis in words and charts, grouped the way a reader asks."""
    from strideback.domain.effects.sentences import restart_sentence, trend_sentence

    effects = [_effect(effect) for effect in analysis.effects]
    shown = [e for e in effects if e["item"].exposure not in STATISTICS_ONLY]
    trends = [
        *(
            _shown(t, trend_sentence(t))
            for t in (analysis.leg_pain_trend, analysis.back_pain_trend, analysis.odi_trend)
        ),
        _shown(analysis.restart, restart_sentence(analysis.restart)),
    ]
    primary = analysis.primary
    return {
        "analysis": analysis,
        "effects": effects,
        "groups": _by_outcome(shown),
        "statistics_only": [e for e in effects if e["item"].exposure in STATISTICS_ONLY],
        "primary": primary,
        "primary_lags": [_effect(lag) for lag in primary.lag_effects] if primary else [],
        "trends": trends,
        "comparisons": [_comparison(c) for c in analysis.day_types],
        "n_clear": sum(1 for e in shown if e["verdict"] in CLEAR),
    }


def analyze_person_json(person: int) -> Analysis | None:
    """Before the first background result: nothing to show yet (the page says it is being computed)."""
    return None
