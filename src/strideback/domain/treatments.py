"""Treatments and medication a person took or did on a day: the list, written once, and a daily series.

The items are what people with sciatica commonly use (NICE NG59 lists NSAIDs, the neuropathic-pain
medicines, exercise programmes, manual therapy as part of a package, and epidural injections for acute
severe sciatica). A person may add their own items. This module records and counts; it never advises.

Pure Python: no I/O, no framework.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from strideback.domain.types import InvalidValue


class TreatmentKind(StrEnum):
    MEDICATION = "medication"  # FHIR MedicationStatement
    EXERCISE = "exercise"  # FHIR Procedure (physiotherapy exercises)
    PROCEDURE = "procedure"  # FHIR Procedure (done by a clinician)
    SELF_CARE = "self_care"  # FHIR Procedure (heat, ice)
    OWN = "own"  # the person's own item (FHIR: MedicationStatement with text only... or none)


@dataclass(frozen=True)
class TreatmentItem:
    key: str
    label: str
    kind: TreatmentKind
    examples: str = ""


ITEMS: tuple[TreatmentItem, ...] = (
    TreatmentItem("anti_inflammatory", "Anti-inflammatory", TreatmentKind.MEDICATION, "ibuprofen, naproxen"),
    TreatmentItem(
        "nerve_pain_medication",
        "Nerve pain medication",
        TreatmentKind.MEDICATION,
        "amitriptyline, duloxetine, gabapentin, pregabalin",
    ),
    TreatmentItem("other_pain_relief", "Other pain relief", TreatmentKind.MEDICATION, "paracetamol, codeine"),
    TreatmentItem("nerve_glides", "Nerve glides", TreatmentKind.EXERCISE, "physiotherapy exercises"),
    TreatmentItem(
        "extension_exercises", "Extension exercises", TreatmentKind.EXERCISE, "physiotherapy exercises"
    ),
    TreatmentItem("injection", "Injection", TreatmentKind.PROCEDURE, "epidural steroid injection"),
    TreatmentItem("manual_therapy", "Manual therapy", TreatmentKind.PROCEDURE, "mobilisation, manipulation"),
    TreatmentItem("heat_or_ice", "Heat or ice", TreatmentKind.SELF_CARE, "hot pack, ice pack"),
)
BY_KEY = {item.key: item for item in ITEMS}
MAX_NAME = 80
MAX_DOSE = 200


def _key_of(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_").replace("/", "_or_")


def parse_name(text: str) -> str:
    """A listed item's key (from its key or label, any case), or the person's own item as typed."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise InvalidValue("name", text, "one of " + ", ".join(BY_KEY) + ", or your own item's name")
    if len(cleaned) > MAX_NAME:
        raise InvalidValue("name", len(cleaned), f"a name of at most {MAX_NAME} characters")
    key = _key_of(cleaned)
    if key in BY_KEY:
        return key
    for item in ITEMS:
        if _key_of(item.label) == key:
            return item.key
    return cleaned


def item_of(name: str) -> TreatmentItem:
    """The listed item, or an own item made from its name."""
    return BY_KEY.get(name) or TreatmentItem(name, name, TreatmentKind.OWN)


@dataclass(frozen=True)
class Treatment:
    """One thing taken or done on a day (several a day are fine: each is a row)."""

    date: dt.date
    name: str  # a key of ITEMS or the person's own item
    dose: str = ""
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", parse_name(self.name))
        if len(self.dose) > MAX_DOSE:
            raise InvalidValue("dose", len(self.dose), f"at most {MAX_DOSE} characters")

    @property
    def item(self) -> TreatmentItem:
        return item_of(self.name)

    @property
    def label(self) -> str:
        return self.item.label


def exposure_name(name: str) -> str:
    """The name of a treatment's daily series for the evidence engine (exploratory exposures)."""
    return "treatment_" + _key_of(name)


def daily_series(
    treatments: Iterable[Treatment], first: dt.date, last: dt.date
) -> dict[str, dict[dt.date, int]]:
    """For each treatment used in [first, last]: how many times per day (0 on every other day).

    Days are all present, so the evidence engine can treat a missing entry as "not taken" only where the
    person kept the diary; it decides that, not this function.
    """
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    series: dict[str, dict[dt.date, int]] = {}
    for treatment in treatments:
        if not first <= treatment.date <= last:
            continue
        counts = series.setdefault(exposure_name(treatment.name), dict.fromkeys(days, 0))
        counts[treatment.date] += 1
    return series


def summary(treatments: Iterable[Treatment]) -> list[tuple[str, int, dt.date]]:
    """(label, days used, last day) per item, most used first: for Trends and the report."""
    used: dict[str, set[dt.date]] = {}
    for treatment in treatments:
        used.setdefault(treatment.label, set()).add(treatment.date)
    rows = [(label, len(days), max(days)) for label, days in used.items()]
    return sorted(rows, key=lambda row: (-row[1], row[0]))
