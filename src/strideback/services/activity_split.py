"""Split a wrong merge (issue 15): a session that absorbed a record from another file or app becomes
separate sessions again, one per kept source record.

Nothing is lost: every source's own record was kept when it was merged (issue 11), so each comes back as
it was imported. The session keeps its id and its first source; what the person entered on it (effort,
pains, note) stays with it. Each other source becomes a new session with its own record. The plan's
judgments from that day on are forgotten (the next read judges the sessions again), and the write bumps
the person's data version, so the response, the plan and the analysis follow.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from strideback.domain.dedup import PERSON_ENTERED
from strideback.domain.types import Activity, InvalidValue
from strideback.store import records

ENTERED = (*PERSON_ENTERED, "pain_before")


@dataclass(frozen=True)
class SplitResult:
    kept: Activity
    split_off: tuple[Activity, ...]


def split_activity(person_id: int, activity_id: int) -> SplitResult | None:
    """Separate a merged session into one session per source; None when it is not the person's.

    Raises InvalidValue (field `id`) when the session has only one source record to its name.
    """
    from strideback.services.activity_edit import _rejudge

    with records.atomic():
        activity = records.get_activity(person_id, activity_id)
        if activity is None:
            return None
        records.keep_source_record(activity_id)  # a source stored before records were kept
        sources = records.activity_sources(activity_id)
        splittable = [s for s in sources if s["record"] is not None]
        if len(sources) < 2 or len(splittable) < 2:
            raise InvalidValue(
                "id", activity_id, "a merged session (one with two or more sources); this one has one"
            )
        first, rest = splittable[0], splittable[1:]
        own = records.activity_from_record(first["record"])  # type: ignore[arg-type]
        entered = {
            name: getattr(activity, name) for name in ENTERED if getattr(activity, name) not in (None, "")
        }
        records.replace_activity(activity_id, dataclasses.replace(own, id=activity_id, **entered))
        new_ids = [records.split_off_source(person_id, activity_id, str(s["fingerprint"])) for s in rest]
        kept = records.get_activity(person_id, activity_id)
        split_off = tuple(a for a in (records.get_activity(person_id, i) for i in new_ids) if a is not None)
        assert kept is not None
        _rejudge(person_id, min([activity.day, kept.day, *(a.day for a in split_off)]))
    return SplitResult(kept, split_off)


def person_activity(person_id: int, activity_id: int) -> Activity | None:
    """One of the person's sessions, or None."""
    return records.get_activity(person_id, activity_id)
