"""The codes the FHIR export uses: standard ones wherever a publisher has one, strideback's own otherwise.

Standard (each checked against its publisher's page):
- LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (back and leg pain), with
  SNOMED CT 37822005 "Lower back structure" and 61685007 "Lower limb structure" as body sites.
- LOINC 97909-6 "Oswestry disability index score ODI".
- STarT Back (Keele STarT Back Screening Tool): LOINC panel 91349-1, items 91340-0 … 91348-3,
  distress (psychosocial) subscore 91350-9, total 91351-7, risk group 91352-5 with the answers
  LA9194-7 low, LA8982-6 medium, LA9193-9 high.
- Exercise sessions after the HL7 Physical Activity Implementation Guide: LOINC 73985-4 "Exercise
  activity", components 55411-3 "Exercise duration", 55425-3 / 55426-1 mean / maximum heart rate, and
  the observation category `activity`.

strideback's own codes (LOCAL_SYSTEM; not published anywhere) where no standard code exists: the sport
of a session (`sport-<name>`), session distance, elevation gain, RPE and leg pain during / after a
session, how far the pain reaches (`sciatica-reach`, `reach-<level>`), numbness / tingling / weakness,
morning stiffness, sleep, the RMDQ / SBI / SFI scores (`<instrument>-score`) and the red-flag screening
(`red-flag-screening`, `red-flag-<key>`, `red-flag-level-<level>`). docs/architecture.md lists them too.
"""

from __future__ import annotations

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
LOCAL_SYSTEM = "urn:strideback:fhir:codes"  # strideback's own codes: not a published code system
LOCAL_QUESTIONNAIRE = "urn:strideback:fhir:questionnaire:"
LOINC_QUESTIONNAIRE = "http://loinc.org/q/"  # LOINC's canonical form of a panel as a Questionnaire


def loinc(code: str, display: str) -> dict[str, str]:
    return {"system": LOINC, "code": code, "display": display}


def local(code: str, display: str) -> dict[str, str]:
    return {"system": LOCAL_SYSTEM, "code": code, "display": display}


PAIN = loinc("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
BACK_SITE = {"system": SNOMED, "code": "37822005", "display": "Lower back structure"}
LEG_SITE = {"system": SNOMED, "code": "61685007", "display": "Lower limb structure"}
SCORES = {"odi": loinc("97909-6", "Oswestry disability index score ODI")}

# Keele STarT Back Screening Tool
STARTBACK_PANEL = loinc("91349-1", "Keele STarT Back Screening Tool panel")
STARTBACK_ITEMS = (
    "91340-0",
    "91341-8",
    "91342-6",
    "91343-4",
    "91344-2",
    "91345-9",
    "91346-7",
    "91347-5",
    "91348-3",
)
STARTBACK_SUBSCORE = loinc("91350-9", "Distress subscore [STarT Back]")
STARTBACK_TOTAL = loinc("91351-7", "Total score [STarT Back]")
STARTBACK_RISK = loinc("91352-5", "Risk group [STarT Back]")
STARTBACK_RISK_ANSWERS = {
    "low": loinc("LA9194-7", "Low risk"),
    "medium": loinc("LA8982-6", "Medium risk"),
    "high": loinc("LA9193-9", "High risk"),
}

# HL7 Physical Activity IG
EXERCISE_ACTIVITY = loinc("73985-4", "Exercise activity")
EXERCISE_DURATION = loinc("55411-3", "Exercise duration")
HEART_RATE_MEAN = loinc("55425-3", "Heart rate unspecified time mean by Pedometer")
HEART_RATE_MAX = loinc("55426-1", "Heart rate unspecified time maximum by Pedometer")
