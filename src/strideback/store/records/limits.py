"""Plan limits set by a clinician (issue 14): who set them and when, next to the plan input they made.

The limits themselves live where the plan keeps them (a `caps` input in `PlanEvent`, and `PlanState`);
this table only says who made a `caps` input and when. A later `caps` input (the person's own
`strideback plan caps`, or another clinician) makes the older setting no longer current.
"""

from __future__ import annotations

from strideback.domain import types as d
from strideback.domain.clinic import LimitSetting
from strideback.domain.plan import CAPS
from strideback.store import models as m
from strideback.store.records.people import _changed


def latest_caps_input(person_id: int) -> int | None:
    """The id of the person's newest `caps` plan input (None when the limits were never set)."""
    return (
        m.PlanEvent.objects.filter(person_id=person_id, kind=CAPS)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )


def add_limit_setting(person_id: int, clinician_id: int, clinician_email: str, caps: d.PlanCaps) -> None:
    """Call inside the transaction that stored the `caps` input: it is the newest one."""
    m.PlanLimitSetting.objects.create(
        person_id=person_id,
        clinician_id=clinician_id,
        clinician_email=clinician_email,
        plan_event_id=latest_caps_input(person_id),
        max_stage=caps.max_stage,
        pain_during_limit=caps.pain_during_limit,
        avoid_sports=[s.value for s in caps.avoid_sports],
    )
    _changed(person_id)


def last_limit_setting(person_id: int) -> LimitSetting | None:
    row = m.PlanLimitSetting.objects.filter(person_id=person_id).order_by("-at", "-id").first()
    if row is None:
        return None
    return LimitSetting(
        clinician_email=row.clinician_email,
        at=row.at,
        max_stage=row.max_stage,
        pain_during_limit=row.pain_during_limit,
        avoid_sports=tuple(row.avoid_sports),
        current=row.plan_event_id is not None and row.plan_event_id == latest_caps_input(person_id),
    )
