"""`strideback import`: JSON contract, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from strideback.cli import app

from ..importers.helpers import DATA, gpx_track, run_points

runner = CliRunner()


def test_good_files_exit_0_with_the_contract_json(person, tmp_path):
    (tmp_path / "a.gpx").write_bytes(gpx_track(run_points()))
    result = runner.invoke(app, ["import", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["imported"] == 1 and data["duplicates"] == 0 and data["failed"] == []
    assert data["activities"][0]["sport"] == "run"


def test_bad_files_exit_1_and_the_good_ones_still_import(person, tmp_path):
    (tmp_path / "good.gpx").write_bytes(gpx_track(run_points()))
    (tmp_path / "empty.fit").write_bytes(b"")
    (tmp_path / "broken.gpx").write_bytes(b"<gpx><trk>")
    (tmp_path / "unknown.tcx").write_bytes(b"plain words")
    (tmp_path / "rocket.csv").write_text("date,sport,minutes,km\n2024-05-01,run,10,100\n")
    result = runner.invoke(app, ["import", str(tmp_path), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["imported"] == 1
    failed = {f["path"].rsplit("/", 1)[-1]: f["error"] for f in data["failed"]}
    assert set(failed) == {"empty.fit", "broken.gpx", "unknown.tcx", "rocket.csv"}
    assert "km/h" in failed["rocket.csv"]


def test_missing_path_is_a_usage_error(person, tmp_path):
    result = runner.invoke(app, ["import", str(tmp_path / "nope.fit")])
    assert result.exit_code == 2


def test_summary_table_without_json(person, tmp_path):
    (tmp_path / "a.gpx").write_bytes(gpx_track(run_points()))
    result = runner.invoke(app, ["import", str(tmp_path)])
    assert result.exit_code == 0
    assert "activities imported" in result.stdout


@pytest.mark.skipif(not (DATA / "fit").is_dir(), reason="shared samples absent")
def test_subprocess_import_and_reimport(tmp_path):
    home = tmp_path / "home"
    entry = "from strideback.cli import main; main()"
    command = [sys.executable, "-c", entry, "import", str(DATA / "fit"), "--json", "--home", str(home)]
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert first.returncode == 1  # the deliberately damaged files
    first_data = json.loads(first.stdout)
    second = json.loads(subprocess.run(command, capture_output=True, text=True, check=False).stdout)
    assert second["imported"] == 0
    assert second["duplicates"] == first_data["imported"] + first_data["duplicates"]
