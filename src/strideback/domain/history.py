"""The light of a past morning, for the check-in calendar: from that morning's check-in and screening.

Pure Python: no I/O, no framework.
"""

from __future__ import annotations

from strideback.domain.types import CheckIn

# DESIGN (pain-monitoring model, Silbernagel 2007 adapted): morning leg pain > 5 is a red day, 4–5 amber;
# an emergency or urgent red-flag answer that day is stop (BASS 2018; NICE CKS).
RED_MORNING_ABOVE = 5
AMBER_MORNING_FROM = 4
STOP_LEVELS = ("emergency", "urgent")


def morning_light(checkin: CheckIn, screening_level: str | None = None) -> str:
    """green, amber, red or stop for one past morning (weakness in the leg counts as red)."""
    if screening_level in STOP_LEVELS:
        return "stop"
    if checkin.leg_pain > RED_MORNING_ABOVE or checkin.weakness:
        return "red"
    if checkin.leg_pain >= AMBER_MORNING_FROM:
        return "amber"
    return "green"
