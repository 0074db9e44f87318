"""URL routes of the dashboard and its JSON API."""

from django.urls import path, re_path

from strideback.web.api import api
from strideback.web.views import (
    accounts,
    activities,
    activity,
    assets,
    clinic,
    history,
    insights,
    learn,
    offline,
    plan,
    questionnaires,
    redflags,
    reminders,
    report,
    today,
    treatments,
    trends,
    trial,
)

urlpatterns = [
    path("", today.today_page, name="today"),
    path("session-pain", today.session_pain, name="session_pain"),
    path("trends", trends.trends_page, name="trends"),
    path("activities", activities.activities_page, name="activities"),
    path("activities/log", activities.log_activity, name="log_activity"),
    path("activities/import", activities.import_upload, name="import_upload"),
    path("activities/<int:activity_id>", activity.activity_page, name="activity"),
    path("activities/<int:activity_id>/edit", activity.activity_edit, name="activity_edit"),
    path("activities/<int:activity_id>/delete", activity.activity_delete, name="activity_delete"),
    path("history", history.history_page, name="history"),
    path("history/<str:date>", history.history_day, name="history_day"),
    path("history/<str:date>/delete", history.history_delete, name="history_delete"),
    path("learn", learn.learn_index, name="learn"),
    path("learn/<slug:slug>", learn.learn_page, name="learn_page"),
    path("treatments", treatments.treatments_page, name="treatments"),
    path("plan", plan.plan_page, name="plan"),
    path("insights", insights.insights_page, name="insights"),
    path("questionnaires", questionnaires.questionnaires_page, name="questionnaires"),
    path("questionnaires/<slug:key>", questionnaires.questionnaire_form, name="questionnaire"),
    path("red-flags", redflags.redflags_page, name="redflags"),
    path("trial", trial.trial_page, name="trial"),
    path("trial/start", trial.trial_start, name="trial_start"),
    path("trial/stop", trial.trial_stop, name="trial_stop"),
    path("report", report.report_page, name="report"),
    path("report.pdf", report.report_download, name="report_pdf"),
    path("manifest.webmanifest", assets.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/checkin", offline.offline_checkin, name="offline_checkin"),
    path("assets/vega-<str:version>.js", assets.vega_script, name="vega_script"),
    re_path(r"^static/(?P<path>.+)$", assets.static_file, name="static_file"),
    path("api/", api.urls),
    # server mode (404 or a sign-in redirect in local mode)
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/password/", accounts.password_change_view, name="password_change"),
    path("accounts/reset/<uidb64>/<token>/", accounts.set_password_view, name="set_password"),
    path("accounts/second-factor/", accounts.second_factor_page, name="second_factor"),
    path("sharing", accounts.sharing_page, name="sharing"),
    path("reminders", reminders.reminders_page, name="reminders"),
    path("calendar/<str:token>.ics", reminders.calendar_feed, name="calendar_feed"),
    path("clinic/", clinic.clinic_page, name="clinic"),
    path("clinic/<int:person>/", clinic.clinic_person_page, name="clinic_person"),
    path("clinic/<int:person>/limits", clinic.clinic_limits, name="clinic_limits"),
]

handler404 = "strideback.web.views.errors.not_found"
handler500 = "strideback.web.views.errors.server_error"
handler400 = "strideback.web.busy.bad_request"  # upload limits get a page naming the limit (web/busy.py)
