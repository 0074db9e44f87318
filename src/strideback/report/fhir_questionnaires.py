"""Questionnaire answers in FHIR: the QuestionnaireResponse, its score Observation, and STarT Back as the
LOINC panel with its total, distress subscore and risk group (`report/fhir.py` lays out the bundle)."""

from __future__ import annotations

from typing import Any

from strideback.domain.instruments import INSTRUMENTS, score
from strideback.domain.types import QuestionnaireResponse
from strideback.report import fhir_codes as c
from strideback.report.fhir_base import Ids, category, quantity, url

_local = c.local


def _questionnaire_url(instrument: str) -> str:
    if instrument == "startback":
        return c.LOINC_QUESTIONNAIRE + c.STARTBACK_PANEL["code"]
    return c.LOCAL_QUESTIONNAIRE + instrument


def _link_id(instrument: str, number: int) -> str:
    """Items are linked by their LOINC code where the panel has one (STarT Back), else by number."""
    if instrument == "startback" and number <= len(c.STARTBACK_ITEMS):
        return c.STARTBACK_ITEMS[number - 1]
    return str(number)


def questionnaire_response(
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


def score_observation(
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
        "category": category("survey"),
        "code": {"coding": [coding], "text": f"{name} score"},
        "subject": subject,
        "effectiveDateTime": response.date.isoformat(),
        "valueQuantity": quantity(float(response.score or 0.0), *unit),
        "derivedFrom": [{"reference": derived_from}],
    }
    if response.band:
        resource["interpretation"] = [{"text": response.band}]
    return resource


def startback_observations(
    ids: Ids, key: str, subject: dict[str, str], response: QuestionnaireResponse, derived_from: str
) -> list[dict[str, Any]]:
    """STarT Back in LOINC: total 91351-7, distress subscore 91350-9 and risk group 91352-5, gathered by
    the panel 91349-1 whose components are the nine items 91340-0 … 91348-3."""
    scored = score("startback", list(response.answers))  # the domain's rule gives the subscore and band
    common: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": category("survey"),
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
        "hasMember": [{"reference": url(member["id"])} for member in members],
        "component": [
            {"code": {"coding": [c.loinc(code, f"STarT Back item {number}")]}, "valueInteger": answer}
            for number, (code, answer) in enumerate(zip(c.STARTBACK_ITEMS, response.answers, strict=False), 1)
            if answer is not None
        ],
    }
    return [panel, *members]
