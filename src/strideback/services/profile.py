"""The person's profile (name for the report, km or miles) and the first-start sequence (issue 15)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from strideback.domain import onboarding
from strideback.domain.bounds import NAME_MAX_CHARS
from strideback.domain.types import InvalidValue
from strideback.domain.units import parse_units, units_word
from strideback.store import records


@dataclass(frozen=True)
class Profile:
    name: str
    units: str  # "metric" or "imperial" (as stored); `word` is how the person says it

    @property
    def word(self) -> str:
        return units_word(self.units)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "units": self.word}


def get_profile(person_id: int) -> Profile:
    person = records.get_person(person_id)
    return Profile(person.name, person.units)


def person_units(person_id: int) -> str:
    """`metric` or `imperial`: how this person reads distances and paces."""
    return records.person_settings(person_id)[2]


def set_profile(person_id: int, name: str | None = None, units: str | None = None) -> Profile:
    """Change the name and/or units given (`km` or `miles`); InvalidValue names a wrong one, nothing is
    written then. Marks the sequence's first step done."""
    person = records.get_person(person_id)
    changes: dict[str, Any] = {}
    if name is not None:
        cleaned = " ".join(name.split())
        if not cleaned or len(cleaned) > NAME_MAX_CHARS:
            raise InvalidValue("name", name, f"a name of 1 to {NAME_MAX_CHARS} characters")
        changes["name"] = cleaned
    if units is not None:
        changes["units"] = parse_units(units)
    if changes:
        records.update_person(person_id, dataclasses.replace(person, **changes))
    mark_step(person_id, "profile")
    return get_profile(person_id)


# ---------------------------------------------------------------- the first-start sequence


def onboarding_progress(person_id: int) -> onboarding.Progress | None:
    """Where the person is in the first-start sequence; None when it does not apply (the demo, a diary
    set up already, or the sequence finished). A new diary's first look starts it."""
    marker, is_demo = records.onboarding_marker(person_id)
    if marker == onboarding.DONE or is_demo:
        return None
    return _progress(person_id, marker, is_demo)


def page_settings(person_id: int, with_onboarding: bool) -> tuple[str, onboarding.Progress | None]:
    """What every page of the person needs: their units and (where asked) their onboarding step."""
    marker, is_demo, units = records.person_settings(person_id)
    if not with_onboarding or marker == onboarding.DONE or is_demo:
        return units, None
    return units, _progress(person_id, marker, is_demo)


def _progress(person_id: int, marker: str, is_demo: bool) -> onboarding.Progress | None:
    from strideback.services.screening import last_full_screen

    if marker == onboarding.NEW:
        if not onboarding.needs_onboarding(marker, is_demo, records.person_has_data(person_id)):
            records.set_onboarding_marker(person_id, onboarding.DONE)  # set up before the sequence existed
            return None
        records.set_onboarding_marker(person_id, onboarding.STARTED)
        marker = onboarding.STARTED
    has_checkin, has_startback = records.onboarding_records(person_id)
    progress = onboarding.progress(
        marker,
        has_checkin=has_checkin,
        has_full_screening=last_full_screen(person_id) is not None,
        has_startback=has_startback,
    )
    if progress.step is None:
        records.set_onboarding_marker(person_id, onboarding.DONE)
        return None
    return progress


def mark_step(person_id: int, step: str) -> None:
    """A step finished or skipped by hand (the profile, STarT Back, the limits); never the red flags."""
    marker, _ = records.onboarding_marker(person_id)
    if marker == onboarding.DONE:
        return
    records.set_onboarding_marker(person_id, onboarding.marked(marker, step))


def skip_step(person_id: int, step: str) -> None:
    """Skip an optional step (STarT Back, the limits); InvalidValue for a step that may not be skipped."""
    if step not in onboarding.SKIPPABLE:
        raise InvalidValue("step", step, "startback or limits (the red-flag questions are never skipped)")
    mark_step(person_id, step)
