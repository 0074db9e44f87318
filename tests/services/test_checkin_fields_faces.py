"""One field table, every face: side and quality through the CLI, web form, API, CSV and FHIR."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain.types import CheckIn
from strideback.store import records

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_cli_checkin_side_and_quality_round_trip(person):
    result = run("checkin", "--back", "2", "--leg", "5", "--side", "left", "--quality", "burning,electric")
    assert result.exit_code == 0, result.output
    [row] = json.loads(run("checkins", "--json").stdout)["checkins"]
    assert row["side"] == "left" and row["quality"] == ["burning", "electric"]


@pytest.mark.parametrize(("flag", "value"), [("--side", "middle"), ("--quality", "burning,itchy")])
def test_cli_refuses_a_bad_side_or_quality_and_writes_nothing(person, flag, value):
    result = run("checkin", "--back", "2", "--leg", "5", flag, value)
    assert result.exit_code == 2
    assert flag.strip("-") in result.stderr and "expected" in result.stderr
    assert records.list_checkins(person) == []


def test_web_form_stores_side_and_quality(client, person):
    data = {
        "date": dt.date.today().isoformat(),
        "leg_pain": "4",
        "back_pain": "1",
        "reach": "calf",
        "side": "right",
        "quality": ["aching", "pins_and_needles"],
    }
    assert client.post("/", data).status_code == 302
    saved = records.get_checkin(person, dt.date.today())
    assert saved is not None and saved.side == "right" and saved.quality == ("aching", "pins_and_needles")
    page = client.get("/").content.decode()
    assert "right leg" in page


def test_web_form_shows_a_bad_side_next_to_the_field(client, person):
    data = {"date": dt.date.today().isoformat(), "leg_pain": "4", "back_pain": "1", "side": "middle"}
    response = client.post("/", data)
    assert response.status_code == 400
    assert 'id="id_side_error"' in response.content.decode()
    assert records.list_checkins(person) == []


def test_api_schema_and_round_trip(client, person):
    spec = client.get("/api/openapi.json").json()
    schema = spec["components"]["schemas"]["CheckInIn"]["properties"]
    assert "side" in schema and "quality" in schema
    token = client.get("/").cookies["csrftoken"].value
    body = {
        "date": dt.date.today().isoformat(),
        "back_pain": 1,
        "leg_pain": 3,
        "side": "both",
        "quality": ["aching"],
    }
    response = client.post(
        "/api/checkins", json.dumps(body), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201, response.content
    assert response.json()["checkin"]["side"] == "both"
    assert client.get("/api/checkins").json()["checkins"][0]["quality"] == ["aching"]
    body["side"] = "up"
    response = client.post(
        "/api/checkins",
        json.dumps({**body, "replace": True}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 422


def test_csv_export_and_import_keep_side_and_quality(person, tmp_path):
    from strideback.importers.spreadsheet_csv import read_checkins_csv
    from strideback.services.sharing import checkins_csv

    checkin = CheckIn(dt.date(2026, 1, 5), 1, 6, side="left", quality=("burning", "aching"))
    text = checkins_csv([checkin])
    assert text.splitlines()[0].split(",")[:3] == ["date", "back_pain", "leg_pain"]
    assert "side" in text.splitlines()[0] and "burning;aching" in text
    [read] = read_checkins_csv(text.encode(), "checkins.csv").checkins
    assert (read.side, read.quality) == ("left", ("burning", "aching"))


def test_fhir_carries_side_with_snomed_laterality_and_quality(person):
    from fhir.resources.R4B.observation import Observation

    from strideback.report.fhir import fhir_bundle

    records.save_checkin(person, CheckIn(dt.date(2026, 1, 5), 1, 6, side="left", quality=("electric",)))
    bundle = fhir_bundle(person)
    symptom = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"].get("component") and e["resource"]["resourceType"] == "Observation"
    )
    Observation.model_validate(symptom)
    values = [
        c["valueCodeableConcept"]["coding"][0]["code"]
        for c in symptom["component"]
        if "valueCodeableConcept" in c
    ]
    assert "7771000" in values and "quality-electric" in values
