"""A clinician's list of people who share with them: today's light, the plan stage, the age of the last
check-in and the leg-pain trend, stops and reds first (one builder for the /clinic/ page and the API)."""

from __future__ import annotations

import datetime as dt

from strideback.domain.accounts import Account
from strideback.domain.clinic import TREND_DAYS, PersonRow, by_urgency, person_row


def people_rows(clinician: Account, day: dt.date) -> list[PersonRow]:
    from strideback.services.checkins import list_checkins
    from strideback.services.consent import people_of
    from strideback.services.daily import today as advice_for

    rows = []
    for person_id, email in people_of(clinician):
        checkins = list_checkins(person_id, since=day - dt.timedelta(days=2 * TREND_DAYS - 1))
        advice = advice_for(person_id, day)
        rows.append(person_row(person_id, email, advice.light, advice.plan_stage, checkins, day))
    return by_urgency(rows)
