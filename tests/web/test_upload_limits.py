"""Uploads: a folder of more than 100 files, limits the person can hit, and what was skipped and why."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from strideback.web.views.activities import UPLOAD_CHUNK_FILES

from ..cli.test_import_faults import _gpx


def _files(count: int, start: int = 0) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"run{i:04d}.gpx", _gpx(i, points=5)) for i in range(start, start + count)]


def test_more_files_than_django_allows_at_once_get_a_page_naming_the_limit(person):
    import re

    from django.test import Client

    browser = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check reads the form first
    page = browser.get("/activities").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post("/activities/import", {"files": _files(120), "csrfmiddlewaretoken": token})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bad Request" not in html and "<nav" in html  # the app's layout, not Django's bare page
    assert "100 files" in html and ".zip" in html


def test_a_file_name_of_5000_characters_gets_a_page_in_the_apps_layout(client, person):
    upload = SimpleUploadedFile("r" * 5000 + ".gpx", _gpx(1, points=5))
    response = client.post("/activities/import", {"files": [upload]}, HTTP_ACCEPT="application/json")
    assert response.status_code in (200, 400), response.content[:300]
    report = response.json()
    if response.status_code == 200:
        assert report["imported"] == 1
    else:
        assert "name" in report["detail"]


def test_a_whole_folder_goes_in_parts_the_page_announces(client, person):
    html = client.get("/activities").content.decode()
    assert f'data-chunk-files="{UPLOAD_CHUNK_FILES}"' in html and "webkitdirectory" in html
    total = 0
    for start in range(0, 120, UPLOAD_CHUNK_FILES):  # as the page's script sends a 120-file folder
        part = _files(min(UPLOAD_CHUNK_FILES, 120 - start), start)
        response = client.post("/activities/import", {"files": part}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        total += response.json()["imported"]
    assert total == 120


def test_skipped_files_are_reported_with_their_reason(client, person):
    settings_fit = SimpleUploadedFile("notes.txt", b"just words, no activity")
    response = client.post(
        "/activities/import",
        {"files": [settings_fit, *_files(1)]},
        HTTP_ACCEPT="application/json",
    )
    report = response.json()
    assert report["imported"] == 1
    assert report["skipped"] or report["failed"]
    for entry in report["skipped"]:
        assert entry["path"] and entry["reason"]
