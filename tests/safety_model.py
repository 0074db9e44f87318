"""The reference model of issue 11's stop, written independently of domain.redflags (property tests)."""

from __future__ import annotations

import datetime as dt

from strideback.domain.redflag_words import EMERGENCY_KEYS, URGENT_KEYS
from strideback.domain.redflags import Assessment
from strideback.domain.types import RedFlagScreening

BLOCKING = (*EMERGENCY_KEYS, *URGENT_KEYS)


def reference_stop(
    screenings: list[RedFlagScreening], assessments: list[Assessment], day: dt.date
) -> set[str]:
    """The urgent/emergency keys that stand on `day`: each "yes" needs its own assessment and a later "no"."""
    seen = [s for s in screenings if s.date <= day]
    assessed = [a for a in assessments if a.date <= day]
    standing: set[str] = set()
    for report in seen:
        for key, yes in report.answers.items():
            if not yes or key not in BLOCKING:
                continue
            cleared = any(
                a.recorded_at > report.recorded_at
                and report.date <= a.date
                and any(
                    n.answers.get(key) is False
                    and not n.from_checkin
                    and n.recorded_at > a.recorded_at
                    and n.date >= a.date
                    for n in seen
                )
                for a in assessed
            )
            if not cleared:
                standing.add(key)
    return standing
