"""A person's records as a FHIR R4 Bundle (type collection), checked against the fhir.resources R4B models.

A face: the service (`services.sharing.fhir_records`) gathers the records, this module lays them out and
writes the file. Resource ids are UUIDs derived from the person's key and each record's natural key (date,
start time, instrument), so the same records always give the same ids. The codes, standard and local,
are listed in `report/fhir_codes.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from strideback.domain.redflags import LEVEL_OF, QUESTIONS
from strideback.domain.types import Activity, CheckIn, RedFlagScreening
from strideback.report import fhir_codes as c
from strideback.report.fhir_base import Ids, category, quantity, url
from strideback.report.fhir_questionnaires import (
    questionnaire_response,
    score_observation,
    startback_observations,
)
from strideback.report.fhir_treatments import treatment_resource
from strideback.services.sharing import FhirRecords, fhir_records, write_bytes

_local = c.local


def _patient(patient_id: str, name: str | None) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id}
    if name:
        patient["name"] = [{"text": name}]
    return patient


def _pain(resource_id: str, subject: dict[str, str], day: dt.date, value: int, site: str) -> dict[str, Any]:
    body_site = c.BACK_SITE if site == "back" else c.LEG_SITE
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": category("survey"),
        "code": {"coding": [c.PAIN], "text": f"{site.capitalize()} pain (0-10)"},
        "subject": subject,
        "effectiveDateTime": day.isoformat(),
        "valueInteger": value,
        "bodySite": {"coding": [body_site], "text": site.capitalize()},
    }


def _symptoms(resource_id: str, subject: dict[str, str], checkin: CheckIn) -> dict[str, Any]:
    components: list[dict[str, Any]] = [
        {"code": {"coding": [_local(name, f"{name.capitalize()} in the leg")]}, "valueBoolean": value}
        for name, value in (
            ("numbness", checkin.numbness),
            ("tingling", checkin.tingling),
            ("weakness", checkin.weakness),
        )
    ]
    if checkin.stiffness_min is not None:
        components.append(
            {
                "code": {"coding": [_local("morning-stiffness", "Morning stiffness")]},
                "valueQuantity": quantity(checkin.stiffness_min, "min", "min"),
            }
        )
    if checkin.sleep is not None:
        components.append(
            {"code": {"coding": [_local("sleep", "Sleep quality (0-10)")]}, "valueInteger": checkin.sleep}
        )
    components.extend(_choice_components(checkin))
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": category("survey"),
        "code": {
            "coding": [_local("sciatica-reach", "How far down the leg the pain reaches")],
            "text": "Pain reach (none, buttock, thigh, knee, calf, foot)",
        },
        "subject": subject,
        "effectiveDateTime": checkin.date.isoformat(),
        "valueCodeableConcept": {
            "coding": [_local(f"reach-{checkin.reach.value}", checkin.reach.value)],
            "text": checkin.reach.value,
        },
        "bodySite": {"coding": [c.LEG_SITE], "text": "Leg"},
        "component": components,
    }
    if checkin.note:
        resource["note"] = [{"text": checkin.note}]
    return resource


# SNOMED CT laterality qualifiers for the side of leg pain (left, right, both).
SIDE_SNOMED = {"left": "7771000", "right": "24028007", "both": "51440002"}
SNOMED = "http://snomed.info/sct"


def _choice_components(checkin: CheckIn) -> list[dict[str, Any]]:
    """One component per answer of the check-in table's choice fields (side, pain quality, and any
    added later); reach is the Observation's own value."""
    from strideback.domain.checkin_fields import FIELDS, Kind

    components: list[dict[str, Any]] = []
    for spec in FIELDS:
        if spec.kind not in (Kind.CHOICE, Kind.CHOICES) or spec.name == "reach":
            continue
        value = getattr(checkin, spec.name)
        for answer in value if spec.kind is Kind.CHOICES else ([value] if value else []):
            coding = [_local(f"{spec.name}-{answer}", spec.choice_label(answer))]
            if spec.name == "side":
                coding.insert(0, {"system": SNOMED, "code": SIDE_SNOMED[answer], "display": answer})
            components.append(
                {
                    "code": {"coding": [_local(spec.name, spec.label)]},
                    "valueCodeableConcept": {"coding": coding, "text": spec.choice_label(answer)},
                }
            )
    return components


def _session(resource_id: str, subject: dict[str, str], activity: Activity) -> dict[str, Any]:
    """An exercise session after the HL7 Physical Activity IG: 73985-4 with the sport as its value."""
    end = activity.start + dt.timedelta(seconds=activity.duration_s)
    components: list[dict[str, Any]] = [
        {
            "code": {"coding": [c.EXERCISE_DURATION]},
            "valueQuantity": quantity(activity.minutes, "min", "min"),
        }
    ]
    measured = (
        (c.HEART_RATE_MEAN, activity.avg_hr, "/min"),
        (c.HEART_RATE_MAX, activity.max_hr, "/min"),
        (_local("distance", "Distance"), activity.distance_m, "m"),
        (_local("elevation-gain", "Elevation gain"), activity.elevation_gain_m, "m"),
        (_local("rpe", "Rating of perceived exertion (0-10)"), activity.rpe, "{score}"),
    )
    for coding, value, unit in measured:
        if value is not None:
            components.append({"code": {"coding": [coding]}, "valueQuantity": quantity(value, unit, unit)})
    for code, display, pain in (
        ("leg-pain-during", "Leg pain during the session (0-10)", activity.pain_during),
        ("leg-pain-after", "Leg pain after the session (0-10)", activity.pain_after),
    ):
        if pain is not None:
            components.append({"code": {"coding": [_local(code, display)]}, "valueInteger": pain})
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": category("activity"),
        "code": {"coding": [c.EXERCISE_ACTIVITY], "text": "Exercise session"},
        "subject": subject,
        "effectivePeriod": {"start": activity.start.isoformat(), "end": end.isoformat()},
        "valueCodeableConcept": {
            "coding": [_local(f"sport-{activity.sport.value}", activity.sport.value)],
            "text": activity.sport.value,
        },
        "component": components,
    }
    if activity.note:
        resource["note"] = [{"text": activity.note}]
    return resource


_LEVEL_INTERPRETATION = {
    "none": ("N", "Normal"),
    "contact_clinician": ("A", "Abnormal"),
    "urgent": ("AA", "Critical abnormal"),
    "emergency": ("AA", "Critical abnormal"),
}


def _red_flags(resource_id: str, subject: dict[str, str], screening: RedFlagScreening) -> dict[str, Any]:
    code, display = _LEVEL_INTERPRETATION.get(screening.level, ("A", "Abnormal"))
    components = [
        {
            "code": {
                "coding": [_local(f"red-flag-{key}", key.replace("_", " "))],
                "text": QUESTIONS.get(key, key),
            },
            "valueBoolean": bool(answer),
            **(
                {"interpretation": [{"text": LEVEL_OF.get(key, "unknown")}]}
                if answer and key in screening.reasons
                else {}
            ),
        }
        for key, answer in sorted(screening.answers.items())
    ]
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": category("survey"),
        "code": {
            "coding": [_local("red-flag-screening", "Red-flag screening")],
            "text": "Red-flag screening (signs of serious spinal problems)",
        },
        "subject": subject,
        "effectiveDateTime": screening.date.isoformat(),
        "valueCodeableConcept": {
            "coding": [_local(f"red-flag-level-{screening.level}", screening.level.replace("_", " "))],
            "text": screening.level.replace("_", " "),
        },
        "interpretation": [{"coding": [{"system": c.INTERPRETATION, "code": code, "display": display}]}],
    }
    if components:
        resource["component"] = components
    return resource


def build_bundle(records: FhirRecords) -> dict[str, Any]:
    """The Bundle as a JSON-ready dict, validated against the R4B models (pydantic ValidationError if not)."""
    ids = Ids(records.person_key)
    patient_id = ids.new("patient", "")
    subject = {"reference": url(patient_id)}
    resources: list[dict[str, Any]] = [_patient(patient_id, records.name)]
    for checkin in records.checkins:
        day = checkin.date.isoformat()
        resources.append(_pain(ids.new("back-pain", day), subject, checkin.date, checkin.back_pain, "back"))
        resources.append(_pain(ids.new("leg-pain", day), subject, checkin.date, checkin.leg_pain, "leg"))
        resources.append(_symptoms(ids.new("symptoms", day), subject, checkin))
    for activity in records.activities:
        key = f"{activity.start.isoformat()}|{activity.sport.value}"
        resources.append(_session(ids.new("session", key), subject, activity))
    for response in records.questionnaires:
        key = f"{response.instrument}|{response.date.isoformat()}"
        response_id = ids.new("questionnaire-response", key)
        resources.append(questionnaire_response(response_id, subject, response))
        score_id = ids.new("questionnaire-score", key)
        if not (response.valid and response.score is not None):
            continue
        if response.instrument == "startback":
            resources.extend(startback_observations(ids, key, subject, response, url(response_id)))
        else:
            resources.append(score_observation(score_id, subject, response, url(response_id)))
    for screening in records.screenings:
        resources.append(_red_flags(ids.new("red-flags", screening.date.isoformat()), subject, screening))
    for number, treatment in enumerate(records.treatments):
        key = f"{treatment.date.isoformat()}|{treatment.name}|{number}"
        resources.append(treatment_resource(ids.new("treatment", key), subject, treatment, c.LOCAL_SYSTEM))
    bundle = {
        "resourceType": "Bundle",
        "id": ids.new("bundle", ""),
        "type": "collection",
        "entry": [{"fullUrl": url(r["id"]), "resource": r} for r in resources],
    }
    validate_bundle(bundle)
    return bundle


def fhir_bundle(person_id: int, include_name: bool = False) -> dict[str, Any]:
    """Every check-in, session, questionnaire and red-flag screening as a validated FHIR R4 Bundle.

    Pseudonymous unless `include_name`: the Patient carries no name, birth date or identifier.
    """
    return build_bundle(fhir_records(person_id, include_name=include_name))


def export_fhir(person_id: int, path: Path, include_name: bool = False) -> dict[str, int]:
    """Write the bundle to `path`; returns how many resources of each type it holds."""
    bundle = fhir_bundle(person_id, include_name=include_name)
    write_bytes(path, (json.dumps(bundle, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    counts: dict[str, int] = {}
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Check the bundle against fhir.resources' R4B models (FHIR R4B shares R4's Observation,
    Patient, QuestionnaireResponse and Bundle structure). Raises pydantic's ValidationError."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)
