"""Chart specs: valid Vega-Lite, data inline, fixed or container width, honest empty states.

The specs are plain dicts (`charts._style`); Altair is used here only for its copy of the Vega-Lite
schema, against which every spec is validated."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback import charts
from strideback.charts.load import load_rows, weekly_load_rows
from strideback.charts.scores import no_change_band
from strideback.domain import demo
from strideback.domain.instruments import Score, meaningful_change
from strideback.domain.load import session_load
from strideback.domain.types import QuestionnaireResponse

END = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def diary():
    return demo.generate(days=120, seed=5, end=END, tz=dt.UTC)


@pytest.fixture(scope="module")
def odi_responses(diary):
    from strideback.domain.instruments import score

    out = []
    for day, answers in diary.odi_answers:
        result = score("odi", list(answers))
        out.append(QuestionnaireResponse("odi", day, answers, result.score, result.valid, result.band))
    return out


ANALYSIS = {
    "n_days": 120,
    "effects": [
        {
            "exposure": "run_minutes",
            "outcome": "leg_pain_next_morning",
            "lag_days": 1,
            "estimate": 0.015,
            "ci_low": 0.004,
            "ci_high": 0.026,
            "unit": "points per minute",
            "verdict": "worse",
        },
        {
            "exposure": "swim_minutes",
            "outcome": "leg_pain_next_morning",
            "lag_days": 1,
            "estimate": -0.002,
            "ci_low": -0.01,
            "ci_high": 0.006,
            "unit": "points per minute",
            "verdict": "unclear",
        },
        {"exposure": "x", "outcome": "y", "lag_days": 1, "estimate": None, "verdict": "insufficient_data"},
    ],
}


def all_charts(diary, odi_responses, width=None, skip=()):
    responses = [{"date": "2025-05-20", "sport": "run", "light": "amber", "reasons": ["Leg pain rose by 1."]}]
    builders = {
        "pain": lambda: charts.pain_chart(diary.checkins, responses, width=width),
        "reach": lambda: charts.reach_chart(diary.checkins, width=width),
        "load": lambda: charts.load_chart(diary.activities, width=width),
        "weekly": lambda: charts.weekly_load_chart(diary.activities, width=width),
        "scores": lambda: charts.questionnaire_chart(odi_responses, "odi", width=width),
        "effects": lambda: charts.outcome_chart("leg_pain_next_morning", ANALYSIS["effects"], width=width),
    }
    return {name: build() for name, build in builders.items() if name not in skip}


def validated(spec: dict) -> dict:
    """The spec, after checking it against the Vega-Lite schema (the version the spec names)."""
    from altair.vegalite.v6.schema.core import Root

    Root.validate(spec)
    return spec


def datasets(spec: dict) -> list[dict]:
    found = []
    if "data" in spec:
        found.append(spec["data"])
    for layer in spec.get("layer", []):
        found += datasets(layer)
    return found


def test_every_chart_is_valid_vega_lite_with_its_data_inline(diary, odi_responses):
    for name, chart in all_charts(diary, odi_responses).items():
        assert isinstance(chart, dict), name
        spec = validated(chart)
        data = datasets(spec)
        assert data and all("values" in d and "url" not in d for d in data), name
        assert spec["width"] == "container", name
        json.dumps(spec)


def test_fixed_width_for_the_pdf(diary, odi_responses):
    for name, chart in all_charts(diary, odi_responses, width=640).items():
        assert validated(chart)["width"] == 640, name


def test_pain_chart_carries_both_series_and_the_session_marks(diary):
    spec = validated(
        charts.pain_chart(diary.checkins, [{"date": "2025-05-20", "sport": "run", "light": "red"}])
    )
    values = [v for d in datasets(spec) for v in d["values"]]
    first = diary.checkins[0]
    assert {"date": f"{first.date}T00:00:00", "series": "Leg pain", "pain": first.leg_pain} in values
    assert {"date": f"{first.date}T00:00:00", "series": "Back pain", "pain": first.back_pain} in values
    assert any(v.get("light") == "red" for v in values)


def test_outcome_chart_leaves_out_effects_without_an_estimate():
    spec = validated(charts.outcome_chart("leg_pain_next_morning", ANALYSIS["effects"]))
    rows = list({v["exposure"]: v for d in datasets(spec) for v in d["values"] if "exposure" in v}.values())
    assert [(r["exposure"], r["verdict"]) for r in rows] == [
        ("Run, per 30 min", "worse"),
        ("Swim, per 30 min", "unclear"),
    ]
    assert rows[0]["ci_low"] == 0.004 and rows[0]["ci_high"] == 0.026


def test_outcome_chart_is_none_when_nothing_has_an_interval():
    assert charts.outcome_chart("leg_pain_next_morning", ANALYSIS["effects"][2:]) is None
    assert charts.outcome_chart("leg_pain_next_morning", []) is None


@pytest.mark.parametrize("outcome", ["leg_pain_next_morning", "reach_next_morning", "leg_pain_next_week"])
def test_outcome_chart_labels_are_drawn_whole_at_the_pdf_width(outcome):
    """Every exposure's label fits its axis: vl-convert marks a cut label with an ellipsis."""
    import vl_convert

    from strideback.charts.effects import EXPOSURE_LABELS

    effects = [
        {"exposure": name, "estimate": 0.1, "ci_low": -0.2, "ci_high": 0.4, "verdict": "unclear"}
        for name in EXPOSURE_LABELS
    ]
    svg = vl_convert.vegalite_to_svg(validated(charts.outcome_chart(outcome, effects, width=320)))
    assert "Run, per hour a week" in svg and ("Points" in svg or "Levels" in svg)
    assert "…" not in svg and "&#8230;" not in svg


@pytest.mark.parametrize(
    "chart",
    [
        lambda: charts.pain_chart([]),
        lambda: charts.reach_chart([]),
        lambda: charts.load_chart([]),
        lambda: charts.weekly_load_chart([]),
        lambda: charts.questionnaire_chart([], "odi"),
    ],
)
def test_empty_data_says_so_in_words(chart):
    spec = validated(chart())
    assert spec["mark"]["type"] == "text"
    assert "yet" in spec["data"]["values"][0]["message"]


def test_renders_to_png_with_vl_convert(diary):
    import vl_convert

    spec = validated(charts.pain_chart(diary.checkins, width=500))
    png = vl_convert.vegalite_to_png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_daily_and_weekly_load_add_up_to_the_session_loads(diary):
    total = sum(session_load(a).load for a in diary.activities)
    assert sum(r["load"] for r in load_rows(diary.activities)) == pytest.approx(total, abs=1)
    weekly = weekly_load_rows(diary.activities)
    assert sum(r["load"] for r in weekly) == pytest.approx(total, abs=1)
    assert all(dt.date.fromisoformat(r["date"][:10]).weekday() == 0 for r in weekly)
    running = sum(session_load(a).load for a in diary.activities if a.sport.is_running)
    assert sum(r["load"] for r in weekly if r["kind"] == "Running") == pytest.approx(running, abs=1)


def odi_score(value: float) -> Score:
    return Score("odi", value, 100.0, None, "", 10, True)


@given(
    baseline=st.integers(min_value=0, max_value=50).map(lambda x: x * 2.0),
    later=st.integers(min_value=0, max_value=50).map(lambda x: x * 2.0),
)
def test_odi_band_matches_the_meaningful_change_rule(baseline, later):
    """Ostelo 2008 (ODI: 10 points or 30%): inside the band is not meaningful, outside is (band edge counts)."""
    low, high = no_change_band("odi", baseline)
    change = meaningful_change("odi", odi_score(baseline), odi_score(later))
    if low < later < high:
        assert not change.meaningful
    else:
        assert change.meaningful or later == baseline


def test_no_band_for_startback():
    assert no_change_band("startback", 4.0) is None


def test_the_charts_import_no_chart_library():
    """Issue 17: the specs are written as dicts, so making one (the PDF, a chart page) never pays for
    importing Altair (~0.4 s) nor for building its objects (~0.3 s of CPU a page)."""
    import subprocess
    import sys

    code = (
        "import sys; from strideback import charts; import strideback.charts.effects; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('altair', 'pandas', 'narwhals')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_specs_are_plain_json_data(diary, odi_responses):
    """What the page embeds and vl-convert draws is the dict itself: JSON in, the same dict out."""
    for name, chart in all_charts(diary, odi_responses, width=640).items():
        assert json.loads(json.dumps(chart)) == chart, name
