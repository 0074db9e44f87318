"""Issue 15: a wrong merge is split from the session's page."""

from __future__ import annotations

import datetime as dt

from gpx_files import write_gpx
from strideback.services.importing import import_paths
from strideback.store import records


def test_a_merged_session_is_split_from_its_page(client, person, tmp_path):
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(8)).astimezone()
    import_paths(person, [str(write_gpx(tmp_path / "watch_run.gpx", start, 30, "running", "Watch"))])
    walk = write_gpx(tmp_path / "phone_walk.gpx", start + dt.timedelta(minutes=2), 32, "walking", "Phone", 7)
    assert import_paths(person, [str(walk)]).merged == 1
    [session] = records.list_activities(person)

    html = client.get(f"/activities/{session.id}").content.decode()
    assert "Split into 2 sessions" in html and "watch_run.gpx" in html and "phone_walk.gpx" in html

    response = client.post(f"/activities/{session.id}/split")
    assert response.status_code == 302
    stored = records.list_activities(person)
    assert len(stored) == 2
    [other] = [a for a in stored if a.id != session.id]
    page = client.get(response["Location"]).content.decode()
    assert "Split into 2 sessions; each has its own record again" in page
    assert f'href="/activities/{other.id}"' in page  # a link to the session split off
    assert "Split into" not in client.get(f"/activities/{other.id}").content.decode()

    again = client.post(f"/activities/{session.id}/split", follow=True)
    assert "nothing to split" in again.content.decode()
    assert len(records.list_activities(person)) == 2
    assert client.post("/activities/987654/split").status_code == 404


def test_the_session_page_names_no_cli_command(client, diary):
    from strideback.domain.types import Activity, Sport

    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(7)).astimezone()
    activity_id = records.add_activity(diary, Activity(Sport.WALK, start, 1800, 2500))  # no pain scores
    html = client.get(f"/activities/{activity_id}").content.decode()
    assert "No pain-during score" in html and "strideback pain" not in html
