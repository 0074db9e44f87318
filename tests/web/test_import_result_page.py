"""Issue 15: an import from the dashboard keeps a result page of its own (imported, duplicates and merges,
skipped and failed with reasons, links to the sessions) and a progress endpoint the page polls."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gpx_files import write_gpx

from ..cli.test_import_faults import _gpx


def _start_run(client, uploads: list[SimpleUploadedFile]) -> dict:
    new = client.post("/imports/new", {"chosen": "\n".join(u.name for u in uploads)})
    assert new.status_code == 200, new.content
    urls = new.json()
    sent = client.post(urls["files_url"], {"files": uploads})
    assert sent.json()["received"] == len(uploads)
    started = client.post(urls["start_url"], HTTP_ACCEPT="application/json")
    assert started.json()["page_url"] == urls["page_url"]
    return urls


def test_the_result_page_stays_with_every_outcome(client, person, tmp_path):
    from strideback.store import records

    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(8)).astimezone()
    watch = write_gpx(tmp_path / "watch_run.gpx", start, 30, "running", "Watch")
    phone = write_gpx(tmp_path / "phone_walk.gpx", start + dt.timedelta(minutes=2), 32, "walking", "Phone", 7)
    uploads = [
        SimpleUploadedFile("watch_run.gpx", watch.read_bytes()),
        SimpleUploadedFile("phone_walk.gpx", phone.read_bytes()),  # the same session from another app
        SimpleUploadedFile("run0001.gpx", _gpx(1, points=5)),
        SimpleUploadedFile("Settings.txt", b"not an activity"),
        SimpleUploadedFile("broken.fit", b"nonsense"),
    ]
    urls = _start_run(client, uploads)
    progress = client.get(urls["progress_url"]).json()
    assert progress["state"] == "done" and progress["percent"] == 100

    html = client.get(urls["page_url"]).content.decode()
    assert 'id="count-imported">2<' in html and 'id="count-merged">1<' in html
    assert "Settings.txt" in html and "broken.fit" in html  # skipped and failed, each with its reason
    ids = [a.id for a in records.list_activities(person)]
    assert len(ids) == 2 and all(f'href="/activities/{i}"' in html for i in ids)
    assert "watch_run.gpx" in html  # the chosen files are listed
    assert 'id="merged-sessions"' in html  # the merged session, to open (and split if wrong)

    # the page stays: later visits, from the list of imports and from Activities
    assert urls["page_url"] in client.get("/imports").content.decode()
    assert urls["page_url"] in client.get("/activities").content.decode()
    again = _start_run(client, [SimpleUploadedFile("watch_run.gpx", watch.read_bytes())])
    assert again["page_url"] != urls["page_url"]
    assert 'id="count-imported">2<' in client.get(urls["page_url"]).content.decode()
    assert 'id="count-duplicates">1<' in client.get(again["page_url"]).content.decode()


def test_someone_elses_or_a_made_up_import_is_not_found(client, person):
    urls = _start_run(client, [SimpleUploadedFile("run0001.gpx", _gpx(1, points=5))])
    from strideback.services.import_runs import load_run

    run_id = urls["id"]
    assert load_run(person + 1, run_id) is None
    assert client.get("/imports/nosuchrun").status_code == 404
    assert client.get("/imports/..%2F..%2Fetc/progress").status_code == 404
    assert client.post("/imports/new", {"chosen": ""}).status_code == 400
    late = client.post(urls["files_url"], {"files": [SimpleUploadedFile("late.gpx", _gpx(2, points=5))]})
    assert late.status_code == 409  # a started import takes no more files


def test_a_plain_form_upload_is_kept_as_a_run_too(client, person):
    response = client.post("/activities/import", {"files": [SimpleUploadedFile("notes.fit", b"nonsense")]})
    assert response.status_code == 302
    page = client.get("/activities").content.decode()
    assert "Your last imports" in page
    html = client.get("/imports").content.decode()
    assert "1 file." in html
