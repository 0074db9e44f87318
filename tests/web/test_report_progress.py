"""Issue 15: the Report page makes the PDF in the background and shows its steps; an unchanged report is
offered at once. The JSON endpoints here; the page in a real browser in test_browser_report.py."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    """Tasks run as they are queued (the order of marks is then the order of the steps)."""
    settings.HOME = str(tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_making_a_report_marks_each_step_then_offers_the_download(
    client, diary, immediate_tasks, monkeypatch
):
    from strideback.services import report_file

    seen: list[tuple[str, str | None]] = []
    real = report_file.mark

    def recording(person_id, job, state, step=None):
        seen.append((state, step))
        real(person_id, job, state, step)

    monkeypatch.setattr(report_file, "mark", recording)
    start = TODAY - dt.timedelta(days=13)
    response = client.post("/report/make", {"from": start.isoformat(), "to": TODAY.isoformat()})
    assert response.status_code == 200
    state = response.json()
    assert state["state"] == "ready"
    assert state["download_url"] == f"/report.pdf?from={start}&to={TODAY}"
    steps = [step for kind, step in seen if kind == "working"]
    assert steps[0] == "reading the diary" and steps[-2:] == ["drawing charts", "writing pages"]
    order = [report_file.STEPS.index(step) for step in steps]
    assert order == sorted(order)  # never backwards
    assert seen[-1] == ("ready", None)
    progress = client.get(state["progress_url"]).json()
    assert progress["state"] == "ready"
    pdf = client.get(state["download_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_unchanged_report_is_offered_at_once(client, diary, immediate_tasks, monkeypatch):
    from strideback.report import background

    client.post("/report/make", {})  # the default period, made once
    monkeypatch.setattr(background, "make_report", SimpleNamespace(enqueue=_refuse))
    again = client.post("/report/make", {})
    assert again.json()["state"] == "ready"
    html = client.get("/report").content.decode()
    assert "data-report-ready" in html and "is ready" in html


def test_progress_while_working_names_the_step(client, person, settings, tmp_path):
    from strideback.services import report_file

    settings.HOME = str(tmp_path)  # the dummy task backend (tests) records the task and never runs it
    made = client.post("/report/make", {}).json()
    assert made["state"] == "working" and made["step"] == "reading the diary" and made["step_number"] == 1
    report_file.mark(person, made["job"], report_file.WORKING, "drawing charts")
    now = client.get(made["progress_url"]).json()
    assert (now["state"], now["step"], now["step_number"], now["steps"]) == (
        "working",
        "drawing charts",
        3,
        4,
    )


def test_progress_of_another_person_or_a_made_up_job_says_nothing(client, person, settings, tmp_path):
    from strideback.services import report_file

    settings.HOME = str(tmp_path)
    job = "a" * 64
    report_file.mark(person + 1, job, report_file.WORKING, "drawing charts")
    assert client.get(f"/report/progress/{job}").json()["state"] == "not_started"
    assert client.get("/report/progress/..%2F..%2Fsecret").status_code == 404


def test_a_bad_period_is_refused_with_the_field_named(client, person, settings, tmp_path):
    settings.HOME = str(tmp_path)
    response = client.post("/report/make", {"from": "2026-13-40"})
    assert response.status_code == 400 and "from" in response.json()["errors"]


def _refuse(*args, **kwargs):
    raise AssertionError("an unchanged report was made again")
