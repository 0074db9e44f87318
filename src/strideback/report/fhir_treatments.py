"""Treatments and medication as FHIR R4: medicines as MedicationStatement, exercises, procedures and
heat or ice as Procedure. Standard codes where a class fits (WHO ATC), local codes otherwise."""

from __future__ import annotations

from typing import Any

from strideback.domain.treatments import Treatment, TreatmentKind

ATC = "http://www.whocc.no/atc"
# WHO ATC classes: M01A anti-inflammatory and antirheumatic products, non-steroids; N02 analgesics.
ATC_CLASSES = {
    "anti_inflammatory": ("M01A", "Antiinflammatory and antirheumatic products, non-steroids"),
    "other_pain_relief": ("N02", "Analgesics"),
}


def treatment_resource(
    resource_id: str, subject: dict[str, str], treatment: Treatment, local_system: str
) -> dict[str, Any]:
    item = treatment.item
    coding = [{"system": local_system, "code": f"treatment-{item.key}", "display": item.label}]
    if item.key in ATC_CLASSES:
        code, display = ATC_CLASSES[item.key]
        coding.insert(0, {"system": ATC, "code": code, "display": display})
    concept = {"coding": coding, "text": item.label}
    note = [{"text": treatment.note}] if treatment.note else []
    if item.kind in (TreatmentKind.MEDICATION, TreatmentKind.OWN):
        resource: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "id": resource_id,
            "status": "completed",
            "medicationCodeableConcept": concept,
            "subject": subject,
            "effectiveDateTime": treatment.date.isoformat(),
        }
        if treatment.dose:
            resource["dosage"] = [{"text": treatment.dose}]
    else:
        resource = {
            "resourceType": "Procedure",
            "id": resource_id,
            "status": "completed",
            "code": concept,
            "subject": subject,
            "performedDateTime": treatment.date.isoformat(),
        }
        if treatment.dose:
            note.insert(0, {"text": f"Amount: {treatment.dose}"})
    if note:
        resource["note"] = note
    return resource
