"""Uploads (dashboard and API) import under the person's own file names."""

from strideback.services.uploads import import_uploads, safe_upload_name
from strideback.store import records


def test_uploads_keep_their_own_names(person, shared_data):
    gpx = (shared_data / "gpx" / "gpxpy__korita-zbevnica.gpx").read_bytes()
    report = import_uploads(
        person, [("Evening run.gpx", [gpx[:1000], gpx[1000:]]), ("notes.txt", [b"hello"])]
    )
    assert report.imported == 1
    assert [f.path for f in report.failed] == ["notes.txt"]
    assert [o.name for o in records.list_originals(person)] == ["Evening run.gpx"]


def test_upload_names_cannot_climb_out_of_the_folder():
    assert safe_upload_name("../../etc/passwd", 3) == "0003_passwd"
    assert safe_upload_name("C:\\Users\\me\\run.fit", 0) == "0000_run.fit"
    assert safe_upload_name("", 1) == "0001_upload"
