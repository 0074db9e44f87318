"""How each morning check-in reads on its own and against the last settled morning (issue 11).

Silbernagel et al., Am J Sports Med 2007 (pain-monitoring model): pain above 5/10 is too much; resting
leg pain above 5/10 in the morning is a red day, 4–5 amber. Weakness in the leg is never a run day
(NICE CKS sciatica: motor deficit needs a clinician). A red morning holds until a later morning is not
red: an unchanged morning after a red one is compared with the last morning that was not red, so
"still numb, still reaching the foot" stays red.

Pure: plain check-ins in, (light, reason) findings out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from strideback.domain.dates import format_day
from strideback.domain.response import AMBER, GREEN, RED, compare_mornings, worst
from strideback.domain.types import CheckIn

# Silbernagel 2007: above 5/10 is too much; 4–5 acceptable only with care.
RED_RESTING_LEG_PAIN = 5  # morning leg pain above this is red
AMBER_RESTING_LEG_PAIN = 4  # 4–5 is amber
# A morning is compared with the previous one when it is at most this many days older.
MORNING_LOOKBACK_DAYS = 3

# Wherever weakness is shown, this line goes with it (issue 11).
WEAKNESS_CONTACT = (
    "Weakness in the leg needs a clinician: contact your GP or physiotherapist, today if it is new or "
    "getting worse."
)
WEAKNESS_REASON = (
    "Weakness in the leg or foot this morning: no running while it is there. Contact a clinician "
    "(GP or physiotherapist) about it, today if it is new or getting worse."
)


@dataclass(frozen=True)
class Morning:
    checkin: CheckIn
    light: str
    findings: tuple[tuple[str, str], ...]
    compared_with: CheckIn | None  # the morning it was compared with (None: judged on its own)


def own_findings(checkin: CheckIn) -> list[tuple[str, str]]:
    """What a morning says on its own: resting leg pain and weakness."""
    findings: list[tuple[str, str]] = []
    if checkin.leg_pain > RED_RESTING_LEG_PAIN:
        findings.append(
            (RED, f"Leg pain this morning is {checkin.leg_pain}/10, above 5/10: too much to run on today.")
        )
    elif checkin.leg_pain >= AMBER_RESTING_LEG_PAIN:
        findings.append((AMBER, f"Leg pain this morning is {checkin.leg_pain}/10 (4–5/10): ease off."))
    if checkin.weakness:
        findings.append((RED, WEAKNESS_REASON))
    return findings


def judge_mornings(checkins: Sequence[CheckIn]) -> list[Morning]:
    """Every morning in date order, judged on its own and against the right earlier morning.

    After a red morning the next one is compared with the last morning that was not red (however old),
    so a red morning holds until a later one is better; otherwise with the previous morning when it is
    at most MORNING_LOOKBACK_DAYS older.
    """
    judged: list[Morning] = []
    settled: CheckIn | None = None  # the last morning that was not red
    for checkin in sorted({c.date: c for c in checkins}.values(), key=lambda c: c.date):
        previous = judged[-1] if judged else None
        findings = own_findings(checkin)
        compared_with: CheckIn | None = None
        if previous is not None and previous.light == RED:
            # Pain against the red morning (a rise on a rise is worse); the signs (spread, numbness,
            # weakness) against the last settled morning, so an unchanged red morning stays red.
            before = previous.checkin
            same_signs = replace(
                checkin, reach=before.reach, numbness=before.numbness, weakness=before.weakness
            )
            findings += _compared(before, same_signs, checkin.date)
            if settled is not None:
                same_pain = replace(settled, leg_pain=checkin.leg_pain, stiffness_min=checkin.stiffness_min)
                findings += _compared(same_pain, checkin, checkin.date)
            compared_with = settled or before
        elif previous is not None and (checkin.date - previous.checkin.date).days <= MORNING_LOOKBACK_DAYS:
            findings += _compared(previous.checkin, checkin, checkin.date)
            compared_with = previous.checkin
        light = worst(GREEN, *(found for found, _ in findings))
        judged.append(Morning(checkin, light, tuple(dict.fromkeys(findings)), compared_with))
        if light != RED:
            settled = checkin
    return judged


def _compared(before: CheckIn, after: CheckIn, day: dt.date) -> list[tuple[str, str]]:
    findings, _ = compare_mornings(before, after, "this morning", _label(day, before.date))
    return [f for f in findings if f[0] != GREEN or "toward the spine" in f[1]]


def _label(day: dt.date, before: dt.date) -> str:
    return "yesterday" if (day - before).days == 1 else f"on {format_day(before)}"


def unsettled_red(judged: Sequence[Morning], day: dt.date) -> Morning | None:
    """The last morning before `day`, when it was red (a red morning holds until a later one is not)."""
    earlier = [m for m in judged if m.checkin.date < day]
    return earlier[-1] if earlier and earlier[-1].light == RED else None
