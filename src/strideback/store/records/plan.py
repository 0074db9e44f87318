"""The walk-run plan: its inputs (start, stages set by hand, a clinician's caps) and its caps.

The stage itself is derived from the whole history by `domain.plan_derive` on every read (issue 11);
the `stage` column is only the last value a change of inputs saw. Events of other kinds in the table
(hold, advance... written by earlier versions) are not inputs and are ignored by `plan_inputs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from strideback.domain import plan as walk_run
from strideback.domain import types as d
from strideback.domain.plan_derive import PlanInput
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


# Earlier versions wrote a caps change as a `set` event with this reason and no caps of its own.
_LEGACY_CAPS_REASON = "Limits set:"


def _caps_from_json(data: dict[str, object]) -> d.PlanCaps:
    max_stage = data.get("max_stage")
    limit = data.get("pain_during_limit", 3)
    sports = data.get("avoid_sports")
    return d.PlanCaps(
        max_stage=int(max_stage) if isinstance(max_stage, int) else None,
        pain_during_limit=int(limit) if isinstance(limit, int) else 3,
        avoid_sports=tuple(d.Sport(str(s)) for s in sports) if isinstance(sports, list) else (),
    )


def caps_json(caps: d.PlanCaps) -> dict[str, object]:
    return {
        "max_stage": caps.max_stage,
        "pain_during_limit": caps.pain_during_limit,
        "avoid_sports": [s.value for s in caps.avoid_sports],
    }


def plan_inputs(person_id: int) -> list[PlanInput]:
    """The plan's inputs in the order they were entered. A caps change from an earlier version,
    stored without its caps, comes back with `caps` None (the caller uses the stored caps)."""
    inputs = []
    for row in m.PlanEvent.objects.filter(person_id=person_id).order_by("date", "id"):
        if row.kind == walk_run.START:
            inputs.append(PlanInput(row.date, walk_run.START, stage=row.stage_after))
        elif row.kind == walk_run.CAPS and isinstance(row.caps, dict):
            inputs.append(PlanInput(row.date, walk_run.CAPS, caps=_caps_from_json(row.caps)))
        elif row.kind == walk_run.SET and row.reason.startswith(_LEGACY_CAPS_REASON):
            inputs.append(PlanInput(row.date, walk_run.CAPS, caps=None))
        elif row.kind == walk_run.SET:
            inputs.append(PlanInput(row.date, walk_run.SET, stage=row.stage_after))
    return inputs


def add_plan_input(person_id: int, given: PlanInput, stage_before: int, reason: str = "") -> None:
    """Record one input of the plan (one row; the derived events are never stored)."""
    with atomic():
        m.PlanEvent.objects.create(
            person_id=person_id,
            date=given.date,
            stage_before=stage_before,
            stage_after=given.stage if given.stage is not None else stage_before,
            kind=given.kind,
            reason=reason,
            caps=caps_json(given.caps) if given.caps is not None else None,
        )
        _changed(person_id)


def save_plan_caps(person_id: int, caps: d.PlanCaps, stage: int) -> None:
    """The caps now in effect and the stage as last derived (for readers of the row)."""
    with atomic():
        m.PlanState.objects.update_or_create(
            person_id=person_id,
            defaults={
                "stage": stage,
                "max_stage": caps.max_stage,
                "pain_during_limit": caps.pain_during_limit,
                "avoid_sports": [s.value for s in caps.avoid_sports],
            },
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
