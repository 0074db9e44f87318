"""A person's records as a FHIR R4 Bundle (type collection), checked against the fhir.resources R4B models.

A face: the service (`services.sharing.fhir_records`) gathers the records, this module lays them out and
writes the file. Resource ids are UUIDs derived from the person's key and each record's natural key (date,
start time, instrument), so the same records always give the same ids. The codes, standard and local,
are listed in `report/fhir_codes.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from strideback.domain.instruments import INSTRUMENTS, score
from strideback.domain.redflags import LEVEL_OF, QUESTIONS
from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse, RedFlagScreening
from strideback.report import fhir_codes as c
from strideback.report.fhir_treatments import treatment_resource
from strideback.services.sharing import FhirRecords, fhir_records, write_bytes

_NAMESPACE = uuid.UUID("5f0c6a3e-2b7d-5a51-9c1e-7d3f0f6b8a41")  # strideback's fixed namespace for ids
_local = c.local


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": c.CATEGORY, "code": code}]}]


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": round(value, 3), "unit": unit, "system": c.UCUM, "code": code}


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
    body_site = c.BACK_SITE if site == "back" else c.LEG_SITE
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": _category("survey"),
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
            "valueQuantity": _quantity(activity.minutes, "min", "min"),
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
            components.append({"code": {"coding": [coding]}, "valueQuantity": _quantity(value, unit, unit)})
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
        "category": _category("activity"),
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


def _questionnaire_url(instrument: str) -> str:
    if instrument == "startback":
        return c.LOINC_QUESTIONNAIRE + c.STARTBACK_PANEL["code"]
    return c.LOCAL_QUESTIONNAIRE + instrument


def _link_id(instrument: str, number: int) -> str:
    """Items are linked by their LOINC code where the panel has one (STarT Back), else by number."""
    if instrument == "startback" and number <= len(c.STARTBACK_ITEMS):
        return c.STARTBACK_ITEMS[number - 1]
    return str(number)


def _questionnaire_response(
    resource_id: str, subject: dict[str, str], response: QuestionnaireResponse
) -> dict[str, Any]:
    instrument = INSTRUMENTS.get(response.instrument)
    texts = {item.number: item.text for item in instrument.items} if instrument else {}
    items = []
    for number, answer in enumerate(response.answers, start=1):
        item: dict[str, Any] = {"linkId": _link_id(response.instrument, number)}
        if number in texts:
            item["text"] = texts[number]
        if answer is not None:
            item["answer"] = [{"valueInteger": answer}]
        items.append(item)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id,
        "questionnaire": _questionnaire_url(response.instrument),
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
    coding = c.SCORES.get(response.instrument, _local(f"{response.instrument}-score", f"{name} score"))
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


def _startback(
    ids: _Ids, key: str, subject: dict[str, str], response: QuestionnaireResponse, derived_from: str
) -> list[dict[str, Any]]:
    """STarT Back in LOINC: total 91351-7, distress subscore 91350-9 and risk group 91352-5, gathered by
    the panel 91349-1 whose components are the nine items 91340-0 … 91348-3."""
    scored = score("startback", list(response.answers))  # the domain's rule gives the subscore and band
    common: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("survey"),
        "subject": subject,
        "effectiveDateTime": response.date.isoformat(),
        "derivedFrom": [{"reference": derived_from}],
    }
    total = {
        **common,
        "id": ids.new("startback-total", key),
        "code": {"coding": [c.STARTBACK_TOTAL], "text": "STarT Back total score"},
        "valueInteger": int(scored.score if scored.score is not None else response.score or 0),
    }
    members = [total]
    if scored.subscale is not None:
        members.append(
            {
                **common,
                "id": ids.new("startback-subscore", key),
                "code": {"coding": [c.STARTBACK_SUBSCORE], "text": "STarT Back distress subscore"},
                "valueInteger": scored.subscale,
            }
        )
    band = scored.band or response.band
    if band in c.STARTBACK_RISK_ANSWERS:
        members.append(
            {
                **common,
                "id": ids.new("startback-risk", key),
                "code": {"coding": [c.STARTBACK_RISK], "text": "STarT Back risk group"},
                "valueCodeableConcept": {"coding": [c.STARTBACK_RISK_ANSWERS[band]], "text": band},
            }
        )
    panel = {
        **common,
        "id": ids.new("startback-panel", key),
        "code": {"coding": [c.STARTBACK_PANEL], "text": "Keele STarT Back Screening Tool"},
        "hasMember": [{"reference": _url(member["id"])} for member in members],
        "component": [
            {"code": {"coding": [c.loinc(code, f"STarT Back item {number}")]}, "valueInteger": answer}
            for number, (code, answer) in enumerate(zip(c.STARTBACK_ITEMS, response.answers, strict=False), 1)
            if answer is not None
        ],
    }
    return [panel, *members]


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
        "interpretation": [{"coding": [{"system": c.INTERPRETATION, "code": code, "display": display}]}],
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
        if not (response.valid and response.score is not None):
            continue
        if response.instrument == "startback":
            resources.extend(_startback(ids, key, subject, response, _url(response_id)))
        else:
            resources.append(_score(score_id, subject, response, _url(response_id)))
    for screening in records.screenings:
        resources.append(_red_flags(ids.new("red-flags", screening.date.isoformat()), subject, screening))
    for number, treatment in enumerate(records.treatments):
        key = f"{treatment.date.isoformat()}|{treatment.name}|{number}"
        resources.append(treatment_resource(ids.new("treatment", key), subject, treatment, c.LOCAL_SYSTEM))
    bundle = {
        "resourceType": "Bundle",
        "id": ids.new("bundle", ""),
        "type": "collection",
        "entry": [{"fullUrl": _url(r["id"]), "resource": r} for r in resources],
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
