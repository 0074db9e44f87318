"""The walk-run plan state and its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from strideback.domain import types as d
from strideback.store import models as m
from strideback.store.records.people import _changed, atomic


def get_plan_state(person_id: int) -> d.PlanState | None:
    row = m.PlanState.objects.filter(person_id=person_id).first()
    if row is None:
        return None
    caps = d.PlanCaps(
        max_stage=row.max_stage,
        pain_during_limit=row.pain_during_limit,
        avoid_sports=tuple(d.Sport(s) for s in row.avoid_sports),
    )
    history = tuple(
        d.PlanEvent(
            date=e.date, stage_before=e.stage_before, stage_after=e.stage_after, kind=e.kind, reason=e.reason
        )
        for e in m.PlanEvent.objects.filter(person_id=person_id)
    )
    return d.PlanState(stage=row.stage, caps=caps, history=history)


def save_plan_state(person_id: int, state: d.PlanState) -> None:
    """Store stage and caps; append the history events not stored yet (history only grows)."""
    with atomic():
        m.PlanState.objects.update_or_create(
            person_id=person_id,
            defaults={
                "stage": state.stage,
                "max_stage": state.caps.max_stage,
                "pain_during_limit": state.caps.pain_during_limit,
                "avoid_sports": [s.value for s in state.caps.avoid_sports],
            },
        )
        stored = m.PlanEvent.objects.filter(person_id=person_id).count()
        m.PlanEvent.objects.bulk_create(
            m.PlanEvent(
                person_id=person_id,
                date=e.date,
                stage_before=e.stage_before,
                stage_after=e.stage_after,
                kind=e.kind,
                reason=e.reason,
            )
            for e in state.history[stored:]
        )
        _changed(person_id)


def forget_plan_judgments(person_id: int, since: dt.date, kinds: Iterable[str]) -> int:
    """Delete the judged-session events from `since` on and put the stage back to where the remaining
    history left it (an edited or deleted session is judged again on the next read)."""
    with atomic():
        deleted, _ = m.PlanEvent.objects.filter(
            person_id=person_id, date__gte=since, kind__in=list(kinds)
        ).delete()
        if deleted:
            last = m.PlanEvent.objects.filter(person_id=person_id).order_by("date", "id").last()
            if last is not None:
                m.PlanState.objects.filter(person_id=person_id).update(stage=last.stage_after)
            _changed(person_id)
    return deleted
