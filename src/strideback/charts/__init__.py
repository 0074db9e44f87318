"""Charts shared by the dashboard and the PDF report: pure functions from domain data to Vega-Lite specs
(plain dicts, built without a chart library: `charts._style`).

Every chart carries its data inline, so the same spec renders in the browser (vega-embed served from
the installed package) and to PNG/SVG with vl-convert. Pass `width` in pixels for a fixed size (PDF);
leave it None to fill the page's container in a browser.
"""

from strideback.charts.effects import outcome_chart
from strideback.charts.load import load_chart, weekly_load_chart
from strideback.charts.scores import questionnaire_chart
from strideback.charts.symptoms import pain_chart, reach_chart
from strideback.charts.treatments import treatments_chart

__all__ = [
    "load_chart",
    "outcome_chart",
    "pain_chart",
    "questionnaire_chart",
    "reach_chart",
    "treatments_chart",
    "weekly_load_chart",
]
