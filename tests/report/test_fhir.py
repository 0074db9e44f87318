"""The FHIR export: an R4 Bundle that validates, carries the agreed codes, and is the same every time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from strideback.domain.instruments import score
from strideback.domain.types import (
    Activity,
    CheckIn,
    Person,
    QuestionnaireResponse,
    Reach,
    RedFlagScreening,
    Sport,
)
from strideback.report.fhir import fhir_bundle
from strideback.store import records

ODI_ANSWERS = (2, 1, 2, 1, 2, 1, 1, None, 2, 1)


@pytest.fixture
def diary(person: int) -> int:
    records.update_person(person, Person(name="Robin Example", date_of_birth=dt.date(1980, 5, 1)))
    records.save_checkin(
        person, CheckIn(dt.date(2025, 4, 1), back_pain=2, leg_pain=6, reach=Reach.CALF, note="stiff")
    )
    records.save_checkin(
        person, CheckIn(dt.date(2025, 4, 2), back_pain=3, leg_pain=4, reach=Reach.KNEE, sleep=7)
    )
    records.add_activity(
        person,
        Activity(
            Sport.RUN,
            dt.datetime(2025, 4, 1, 18, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            1500.0,
            4000.0,
            rpe=4,
            pain_during=3,
            pain_after=4,
        ),
    )
    result = score("odi", list(ODI_ANSWERS))
    records.save_questionnaire(
        person,
        QuestionnaireResponse(
            "odi", dt.date(2025, 4, 1), ODI_ANSWERS, result.score, result.valid, result.band
        ),
    )
    rmdq = (1,) * 6 + (0,) * 18
    records.save_questionnaire(
        person, QuestionnaireResponse("rmdq", dt.date(2025, 4, 1), rmdq, 6.0, True, None)
    )
    records.save_screening(
        person,
        RedFlagScreening(
            dt.date(2025, 4, 2), {"weakness_one_leg": True, "bladder": False}, "urgent", ("weakness_one_leg",)
        ),
    )
    return person


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codes(resource: dict[str, Any]) -> set[str]:
    return {c["code"] for c in resource["code"]["coding"]}


def test_bundle_validates_with_the_r4b_models(diary: int) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.patient import Patient
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse as FhirResponse

    bundle = fhir_bundle(diary)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    models = {"Observation": Observation, "Patient": Patient, "QuestionnaireResponse": FhirResponse}
    for entry in bundle["entry"]:
        models[entry["resource"]["resourceType"]].model_validate(entry["resource"])


def test_pain_is_coded_with_loinc_72514_3_and_its_body_site(diary: int) -> None:
    bundle = fhir_bundle(diary)
    pain = [o for o in resources(bundle, "Observation") if "72514-3" in codes(o)]
    assert len(pain) == 4  # back and leg on two mornings
    assert all(c["system"] == "http://loinc.org" for o in pain for c in o["code"]["coding"])
    sites = {(o["effectiveDateTime"], o["bodySite"]["coding"][0]["code"], o["valueInteger"]) for o in pain}
    assert sites == {
        ("2025-04-01", "37822005", 2),  # SNOMED CT lower back structure: back pain
        ("2025-04-01", "61685007", 6),  # SNOMED CT lower limb structure: leg pain
        ("2025-04-02", "37822005", 3),
        ("2025-04-02", "61685007", 4),
    }
    assert all(o["bodySite"]["coding"][0]["system"] == "http://snomed.info/sct" for o in pain)


def test_scores_are_derived_from_their_questionnaire_responses(diary: int) -> None:
    bundle = fhir_bundle(diary)
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    responses = {r["questionnaire"].rsplit(":", 1)[-1]: r for r in resources(bundle, "QuestionnaireResponse")}
    assert set(responses) == {"odi", "rmdq"}
    odi_items = responses["odi"]["item"]
    assert len(odi_items) == 10 and "answer" not in odi_items[7]  # the unanswered section stays unanswered
    scores = [o for o in resources(bundle, "Observation") if o.get("derivedFrom")]
    odi = next(o for o in scores if "97909-6" in codes(o))  # LOINC Oswestry disability index score
    assert odi["derivedFrom"] == [{"reference": urls[responses["odi"]["id"]]}]
    assert odi["valueQuantity"]["value"] == pytest.approx(score("odi", list(ODI_ANSWERS)).score)
    rmdq = next(o for o in scores if "rmdq-score" in codes(o))
    assert rmdq["derivedFrom"] == [{"reference": urls[responses["rmdq"]["id"]]}]


def test_sessions_reach_and_red_flags_are_present(diary: int) -> None:
    observations = resources(fhir_bundle(diary), "Observation")
    session = next(o for o in observations if "73985-4" in codes(o))  # LOINC exercise activity (PA IG)
    assert session["category"][0]["coding"][0]["code"] == "activity"
    assert session["effectivePeriod"]["start"] == "2025-04-01T18:00:00+02:00"
    component_codes = {c["code"]["coding"][0]["code"]: c for c in session["component"]}
    assert component_codes["55411-3"]["valueQuantity"]["value"] == 25.0  # LOINC exercise duration
    assert component_codes["leg-pain-during"]["valueInteger"] == 3
    reach = [o for o in observations if "sciatica-reach" in codes(o)]
    assert [o["valueCodeableConcept"]["text"] for o in reach] == ["calf", "knee"]
    flags = next(o for o in observations if "red-flag-screening" in codes(o))
    assert flags["interpretation"][0]["coding"][0]["code"] == "AA"
    assert {c["code"]["coding"][0]["code"]: c["valueBoolean"] for c in flags["component"]} == {
        "red-flag-bladder": False,
        "red-flag-weakness_one_leg": True,
    }


def test_every_reference_resolves_and_ids_are_deterministic(diary: int) -> None:
    first, second = fhir_bundle(diary), fhir_bundle(diary)
    assert first == second
    urls = {e["fullUrl"] for e in first["entry"]}
    assert len(urls) == len(first["entry"])
    for entry in first["entry"]:
        resource = entry["resource"]
        if "subject" in resource:
            assert resource["subject"]["reference"] in urls
        for derived in resource.get("derivedFrom", []):
            assert derived["reference"] in urls


def test_patient_is_pseudonymous_unless_asked(diary: int) -> None:
    patient = resources(fhir_bundle(diary), "Patient")[0]
    assert set(patient) == {"resourceType", "id"}
    named = resources(fhir_bundle(diary, include_name=True), "Patient")[0]
    assert named["name"] == [{"text": "Robin Example"}]
    assert "Robin" not in str(fhir_bundle(diary))


def test_heart_rate_uses_the_physical_activity_codes(person: int) -> None:
    start = dt.datetime(2025, 4, 3, 7, tzinfo=dt.UTC)
    records.add_activity(person, Activity(Sport.RUN, start, 1800.0, 5000.0, avg_hr=142.0, max_hr=171.0))
    session = next(o for o in resources(fhir_bundle(person), "Observation") if "73985-4" in codes(o))
    values = {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"] for c in session["component"]}
    assert values["55425-3"] == 142.0 and values["55426-1"] == 171.0  # mean and maximum heart rate


def test_startback_is_coded_with_its_loinc_panel(person: int) -> None:
    answers = (1, 0, 1, 0, 1, 1, 1, 1, 4)  # total 7, distress subscore 5: high risk
    result = score("startback", list(answers))
    records.save_questionnaire(
        person,
        QuestionnaireResponse("startback", dt.date(2025, 4, 1), answers, result.score, True, result.band),
    )
    bundle = fhir_bundle(person)
    response = resources(bundle, "QuestionnaireResponse")[0]
    assert response["questionnaire"] == "http://loinc.org/q/91349-1"
    assert [i["linkId"] for i in response["item"]][0::8] == ["91340-0", "91348-3"]
    by_code = {next(iter(codes(o))): o for o in resources(bundle, "Observation")}
    assert by_code["91351-7"]["valueInteger"] == 7  # total
    assert by_code["91350-9"]["valueInteger"] == 5  # distress subscore
    risk = by_code["91352-5"]["valueCodeableConcept"]["coding"][0]
    assert (risk["system"], risk["code"]) == ("http://loinc.org", "LA9193-9")  # high risk
    panel = by_code["91349-1"]
    assert len(panel["hasMember"]) == 3 and len(panel["component"]) == 9
    assert all(
        o["derivedFrom"] == [{"reference": f"urn:uuid:{response['id']}"}]
        for o in by_code.values()
        if o is not panel and "derivedFrom" in o
    )
