"""Treatments and medication: the list in domain, the CLI, CSV import, Trends, the report, FHIR, and the
daily series the evidence engine reads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain.treatments import BY_KEY, Treatment, daily_series, parse_name
from strideback.domain.types import InvalidValue
from strideback.store import records

pytestmark = pytest.mark.django_db
runner = CliRunner()
DAY = dt.date(2026, 3, 10)


def test_names_match_the_list_in_any_spelling_and_own_items_stay_as_typed():
    assert parse_name("Nerve glides") == "nerve_glides"
    assert parse_name("anti-inflammatory") == "anti_inflammatory"
    assert parse_name("heat/ice") == "heat_or_ice"
    assert parse_name("  Acupuncture  ") == "Acupuncture"
    assert set(BY_KEY) >= {"nerve_pain_medication", "extension_exercises", "injection", "manual_therapy"}
    with pytest.raises(InvalidValue):
        parse_name(" ")


def test_daily_series_counts_each_day_and_fills_the_rest_with_zero():
    series = daily_series(
        [
            Treatment(DAY, "anti_inflammatory"),
            Treatment(DAY, "anti_inflammatory"),
            Treatment(DAY, "nerve_glides"),
        ],
        DAY - dt.timedelta(days=1),
        DAY,
    )
    assert series["treatment_anti_inflammatory"] == {DAY - dt.timedelta(days=1): 0, DAY: 2}
    assert series["treatment_nerve_glides"][DAY] == 1


def test_cli_treatment_log_and_list(person):
    result = runner.invoke(
        app, ["treatment", "log", "nerve glides", "--date", "2026-03-10", "--dose", "2 sets", "--json"]
    )
    assert result.exit_code == 0, result.output
    logged = json.loads(result.stdout)["treatment"]
    assert (logged["name"], logged["kind"], logged["dose"]) == ("nerve_glides", "exercise", "2 sets")
    assert runner.invoke(app, ["treatment", "log", "x", "--date", "someday"]).exit_code == 2
    listed = json.loads(runner.invoke(app, ["treatment", "list", "--json"]).stdout)["treatments"]
    assert [t["name"] for t in listed] == ["nerve_glides"]


def test_csv_import_reads_treatments_once(person, tmp_path):
    from strideback.services.importing import import_paths

    path = tmp_path / "treatments.csv"
    path.write_text("date,treatment,dose\n2026-03-09,Anti-inflammatory,400 mg\n2026-03-10,acupuncture,\n")
    report = import_paths(person, [path])
    assert report.to_json()["treatments"] == 2 and not report.failed
    assert [t.name for t in records.list_treatments(person)] == ["anti_inflammatory", "acupuncture"]


def test_treatments_reach_trends_report_fhir_and_the_engine(client, person):
    from fhir.resources.R4B.medicationstatement import MedicationStatement
    from fhir.resources.R4B.procedure import Procedure

    from strideback.report.fhir import fhir_bundle
    from strideback.services.report import build_report
    from strideback.services.treatments import log_treatment, treatment_exposures

    today = dt.date.today()
    log_treatment(person, "anti_inflammatory", today, dose="400 mg")
    log_treatment(person, "manual_therapy", today - dt.timedelta(days=1))
    assert "chart-treatments" in client.get("/trends").content.decode()
    report = build_report(person, today, None, None)
    assert [t.name for t in report.treatments] == ["manual_therapy", "anti_inflammatory"]
    bundle = fhir_bundle(person)
    kinds = {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}
    MedicationStatement.model_validate(kinds["MedicationStatement"])
    Procedure.model_validate(kinds["Procedure"])
    assert kinds["MedicationStatement"]["medicationCodeableConcept"]["coding"][0]["code"] == "M01A"
    assert kinds["MedicationStatement"]["dosage"] == [{"text": "400 mg"}]
    exposures = treatment_exposures(person, today - dt.timedelta(days=6), today)
    assert (
        exposures["treatment_anti_inflammatory"][today] == 1
        and len(exposures["treatment_manual_therapy"]) == 7
    )
