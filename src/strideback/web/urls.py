"""URL routes of the dashboard and its JSON API."""

from django.urls import path, re_path

from strideback.web.api import api
from strideback.web.views import (
    activities,
    assets,
    insights,
    plan,
    questionnaires,
    redflags,
    report,
    today,
    trends,
)

urlpatterns = [
    path("", today.today_page, name="today"),
    path("session-pain", today.session_pain, name="session_pain"),
    path("trends", trends.trends_page, name="trends"),
    path("activities", activities.activities_page, name="activities"),
    path("activities/log", activities.log_activity, name="log_activity"),
    path("activities/import", activities.import_upload, name="import_upload"),
    path("plan", plan.plan_page, name="plan"),
    path("insights", insights.insights_page, name="insights"),
    path("questionnaires", questionnaires.questionnaires_page, name="questionnaires"),
    path("questionnaires/<slug:key>", questionnaires.questionnaire_form, name="questionnaire"),
    path("red-flags", redflags.redflags_page, name="redflags"),
    path("report", report.report_page, name="report"),
    path("report.pdf", report.report_download, name="report_pdf"),
    path("manifest.webmanifest", assets.manifest, name="manifest"),
    path("assets/vega-<str:version>.js", assets.vega_script, name="vega_script"),
    re_path(r"^static/(?P<path>.+)$", assets.static_file, name="static_file"),
    path("api/", api.urls),
]

handler400 = "strideback.web.busy.bad_request"  # upload limits get a page naming the limit (web/busy.py)
