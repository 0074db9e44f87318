"""The pieces every FHIR resource of the bundle uses: deterministic ids, references, categories and
quantities (`report/fhir.py` lays out the bundle)."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from strideback.report import fhir_codes as c

_NAMESPACE = uuid.UUID("5f0c6a3e-2b7d-5a51-9c1e-7d3f0f6b8a41")  # strideback's fixed namespace for ids


def category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": c.CATEGORY, "code": code}]}]


def quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": round(value, 3), "unit": unit, "system": c.UCUM, "code": code}


class Ids:
    """Deterministic ids: one UUID per (kind, natural key), numbered when a key repeats."""

    def __init__(self, person_key: str) -> None:
        self.person_key = person_key
        self.seen: Counter[str] = Counter()

    def new(self, kind: str, key: str) -> str:
        name = f"{kind}|{key}"
        self.seen[name] += 1
        return str(uuid.uuid5(_NAMESPACE, f"{self.person_key}|{name}|{self.seen[name]}"))


def url(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"
