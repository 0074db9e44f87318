"""A person's records as a FHIR R4 Bundle (type collection), checked against the fhir.resources R4B models.

Only lays out: the service gathers the records. Resource ids are UUIDs derived from the person's key and
each record's natural key (date, start time, instrument), so the same records always give the same ids.

Codes used (each checked against its publisher's page):
- LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (back and leg pain).
- LOINC 97909-6 "Oswestry disability index score ODI".
- LOINC 101691-4 "Duration of physical activity".
- SNOMED CT 37822005 "Lower back structure" and 61685007 "Lower limb structure" (body sites).
Everything without a published code (reach, RMDQ/SBI/SFI/STarT Back scores, sessions, red flags) uses
strideback's own code system, LOCAL_SYSTEM, which is not published anywhere; questionnaires are named
by local canonical URIs (LOCAL_QUESTIONNAIRE + instrument key).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from strideback.domain.instruments import INSTRUMENTS
from strideback.domain.redflags import LEVEL_OF, QUESTIONS
from strideback.domain.treatments import Treatment
from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse, RedFlagScreening
from strideback.report.fhir_treatments import treatment_resource

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
LOCAL_SYSTEM = "urn:strideback:fhir:codes"  # strideback's own codes: not a published code system
LOCAL_QUESTIONNAIRE = "urn:strideback:fhir:questionnaire:"
_NAMESPACE = uuid.UUID("5f0c6a3e-2b7d-5a51-9c1e-7d3f0f6b8a41")  # strideback's fixed namespace for ids

PAIN_LOINC = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
BACK_SITE = {"system": SNOMED, "code": "37822005", "display": "Lower back structure"}
LEG_SITE = {"system": SNOMED, "code": "61685007", "display": "Lower limb structure"}
SCORE_LOINC = {"odi": {"system": LOINC, "code": "97909-6", "display": "Oswestry disability index score ODI"}}
DURATION_LOINC = {"system": LOINC, "code": "101691-4", "display": "Duration of physical activity"}


@dataclass(frozen=True)
class FhirRecords:
    """What goes into the bundle; `person_key` is a stable, non-identifying key of the person."""

    person_key: str
    name: str | None = None
    checkins: Sequence[CheckIn] = ()
    activities: Sequence[Activity] = ()
    questionnaires: Sequence[QuestionnaireResponse] = ()
    screenings: Sequence[RedFlagScreening] = ()
    treatments: Sequence[Treatment] = ()


def _local(code: str, display: str) -> dict[str, str]:
    return {"system": LOCAL_SYSTEM, "code": code, "display": display}


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": CATEGORY, "code": code}]}]


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": round(value, 3), "unit": unit, "system": UCUM, "code": code}


class _Ids:
    """Deterministic ids: one UUID per (kind, natural key), numbered when a key repeats."""

    def __init__(self, person_key: str) -> None:
        self.person_key = person_key
        self.seen: Counter[str] = Counter()

    def new(self, kind: str, key: str) -> str:
        name = f"{kind}|{key}"
        self.seen[name] += 1
        return str(uuid.uuid5(_NAMESPACE, f"{self.person_key}|{name}|{self.seen[name]}"))


def _url(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"


def _patient(patient_id: str, name: str | None) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id}
    if name:
        patient["name"] = [{"text": name}]
    return patient


def _pain(resource_id: str, subject: dict[str, str], day: dt.date, value: int, site: str) -> dict[str, Any]:
    body_site = BACK_SITE if site == "back" else LEG_SITE
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": _category("survey"),
        "code": {"coding": [PAIN_LOINC], "text": f"{site.capitalize()} pain (0-10)"},
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
                "valueQuantity": _quantity(checkin.stiffness_min, "min", "min"),
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
        "category": _category("survey"),
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
        "bodySite": {"coding": [LEG_SITE], "text": "Leg"},
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
    end = activity.start + dt.timedelta(seconds=activity.duration_s)
    components: list[dict[str, Any]] = [
        {"code": {"coding": [DURATION_LOINC]}, "valueQuantity": _quantity(activity.minutes, "min", "min")}
    ]
    optional = (
        ("distance", "Distance", activity.distance_m, "m"),
        ("elevation-gain", "Elevation gain", activity.elevation_gain_m, "m"),
        ("average-heart-rate", "Average heart rate", activity.avg_hr, "/min"),
    )
    for code, display, value, unit in optional:
        if value is not None:
            components.append(
                {"code": {"coding": [_local(code, display)]}, "valueQuantity": _quantity(value, unit, unit)}
            )
    if activity.rpe is not None:
        components.append(
            {
                "code": {"coding": [_local("rpe", "Rating of perceived exertion (0-10)")]},
                "valueQuantity": _quantity(activity.rpe, "{score}", "{score}"),
            }
        )
    for code, display, value in (
        ("leg-pain-during", "Leg pain during the session (0-10)", activity.pain_during),
        ("leg-pain-after", "Leg pain after the session (0-10)", activity.pain_after),
    ):
        if value is not None:
            components.append({"code": {"coding": [_local(code, display)]}, "valueInteger": value})
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": _category("activity"),
        "code": {"coding": [_local("exercise-session", "Exercise session")], "text": "Exercise session"},
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


def _questionnaire_response(
    resource_id: str, subject: dict[str, str], response: QuestionnaireResponse
) -> dict[str, Any]:
    instrument = INSTRUMENTS.get(response.instrument)
    texts = {item.number: item.text for item in instrument.items} if instrument else {}
    items = []
    for number, answer in enumerate(response.answers, start=1):
        item: dict[str, Any] = {"linkId": str(number)}
        if number in texts:
            item["text"] = texts[number]
        if answer is not None:
            item["answer"] = [{"valueInteger": answer}]
        items.append(item)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id,
        "questionnaire": LOCAL_QUESTIONNAIRE + response.instrument,
        "status": "completed",
        "subject": subject,
        "authored": response.date.isoformat(),
    }
    if items:
        resource["item"] = items
    return resource


def _score(
    resource_id: str, subject: dict[str, str], response: QuestionnaireResponse, derived_from: str
) -> dict[str, Any]:
    instrument = INSTRUMENTS.get(response.instrument)
    name = instrument.name if instrument else response.instrument
    coding = SCORE_LOINC.get(response.instrument, _local(f"{response.instrument}-score", f"{name} score"))
    unit = ("%", "%") if response.instrument == "odi" else ("{score}", "{score}")
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": _category("survey"),
        "code": {"coding": [coding], "text": f"{name} score"},
        "subject": subject,
        "effectiveDateTime": response.date.isoformat(),
        "valueQuantity": _quantity(float(response.score or 0.0), *unit),
        "derivedFrom": [{"reference": derived_from}],
    }
    if response.band:
        resource["interpretation"] = [{"text": response.band}]
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
        "category": _category("survey"),
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
        "interpretation": [{"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}],
    }
    if components:
        resource["component"] = components
    return resource


def build_bundle(records: FhirRecords) -> dict[str, Any]:
    """The Bundle as a JSON-ready dict, validated against the R4B models (pydantic ValidationError if not)."""
    ids = _Ids(records.person_key)
    patient_id = ids.new("patient", "")
    subject = {"reference": _url(patient_id)}
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
        resources.append(_questionnaire_response(response_id, subject, response))
        score_id = ids.new("questionnaire-score", key)
        if response.valid and response.score is not None:
            resources.append(_score(score_id, subject, response, _url(response_id)))
    for screening in records.screenings:
        resources.append(_red_flags(ids.new("red-flags", screening.date.isoformat()), subject, screening))
    for number, treatment in enumerate(records.treatments):
        key = f"{treatment.date.isoformat()}|{treatment.name}|{number}"
        resources.append(treatment_resource(ids.new("treatment", key), subject, treatment, LOCAL_SYSTEM))
    bundle = {
        "resourceType": "Bundle",
        "id": ids.new("bundle", ""),
        "type": "collection",
        "entry": [{"fullUrl": _url(r["id"]), "resource": r} for r in resources],
    }
    validate_bundle(bundle)
    return bundle


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Check the bundle against fhir.resources' R4B models (FHIR R4B shares R4's Observation,
    Patient, QuestionnaireResponse and Bundle structure). Raises pydantic's ValidationError."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)


def resource_types(bundle: dict[str, Any]) -> Iterable[str]:
    return (entry["resource"]["resourceType"] for entry in bundle.get("entry", []))
