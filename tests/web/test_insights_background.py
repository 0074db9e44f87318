"""Insights never runs the evidence engine in a request (issue #12): it shows the last background result."""

from __future__ import annotations

import pytest


def _refuse(*args, **kwargs):
    raise AssertionError("the evidence engine ran during a request")


def test_insights_shows_updating_and_queues_a_refresh_without_computing(client, diary, monkeypatch):
    from django_tasks import default_task_backend

    import strideback.domain.effects as effects

    monkeypatch.setattr(effects, "analyze", _refuse)
    default_task_backend.clear()
    response = client.get("/insights")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Updating…" in html
    assert 'id="after-title"' in html  # the page's frame is there at once
    queued = [r for r in default_task_backend.results if r.task.name == "refresh_analysis"]
    assert queued and queued[-1].args == [diary]


def test_insights_opens_with_the_bottom_line_and_keeps_the_method_one_tap_away(client, diary, monkeypatch):
    from strideback.services.analysis import refresh_now

    analysis = refresh_now(diary)  # what the background worker does after a write
    import strideback.domain.effects as effects

    monkeypatch.setattr(effects, "analyze", _refuse)
    html = client.get("/insights").content.decode()
    assert "Updating…" not in html
    head, statistics = html.split('id="statistics"', 1)
    assert analysis.bottom_line in head
    assert head.index(analysis.bottom_line) < head.index('id="after-title"')
    assert "personal trial" in head  # the diary's limit, said plainly
    for behind_a_tap in ("units of running load", "AR(1)", "least squares"):
        assert behind_a_tap not in head, behind_a_tap
    assert "AR(1)" in statistics


def test_a_write_makes_the_result_stale_until_recomputed(client, diary):
    import datetime as dt

    from strideback.domain.types import CheckIn
    from strideback.services.analysis import latest_analysis, refresh_now
    from strideback.store import records

    refresh_now(diary)
    assert latest_analysis(diary, refresh_if_stale=False).updating is False
    records.save_checkin(diary, CheckIn(date=dt.date.today(), back_pain=1, leg_pain=2))
    stale = latest_analysis(diary, refresh_if_stale=False)
    assert stale.updating is True and stale.analysis is not None  # the last result is still shown
    assert "Updating…" in client.get("/insights").content.decode()


@pytest.mark.django_db(transaction=True)
def test_committed_writes_queue_a_background_refresh():
    import datetime as dt

    from django_tasks import default_task_backend

    from strideback.domain.types import CheckIn
    from strideback.services.analysis import connect_background_refresh
    from strideback.services.people import local_person_id
    from strideback.store import records

    connect_background_refresh()
    person = local_person_id()
    default_task_backend.clear()
    records.save_checkin(person, CheckIn(date=dt.date.today(), back_pain=1, leg_pain=2))
    assert any(r.task.name == "refresh_analysis" and r.args == [person] for r in default_task_backend.results)


def test_a_kept_result_in_an_older_shape_is_built_again_not_shown(client, diary):
    from strideback.services.analysis import latest_analysis, refresh_now
    from strideback.store import records
    from strideback.store.records.analyses import save_analysis

    refresh_now(diary)
    save_analysis(diary, records.data_version(diary), {"n_days": 3})  # a shape from_json cannot read
    latest = latest_analysis(diary, refresh_if_stale=False)
    assert latest.analysis is None and latest.updating is True
    assert client.get("/insights").status_code == 200
